/** The notification centre over HTTP: thin handlers over the notifications service (server/notifications). */
import { Hono } from 'hono';
import { notificationsQuery, readBodySchema, settingsBody } from '../../shared/protocol/notifications.js';
import { type AuthEnv, requireUser } from '../auth/middleware.js';
import { badRequest } from '../errors.js';
import type { Notifications } from './index.js';
import { readBody } from '../http/validate.js';

export function notificationRoutes(deps: { notifications: Notifications }): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  const { notifications } = deps;
  api.get('/notifications', async (c) => {
    const user = requireUser(c);
    const q = notificationsQuery.safeParse(c.req.query());
    if (!q.success) throw badRequest('limit must be a whole number from 1 to 200.');
    return c.json(await notifications.list(user, q.data.limit));
  });
  api.post('/notifications/read', async (c) => {
    const user = requireUser(c);
    const body = await readBody(c, readBodySchema);
    return c.json(await notifications.markRead(user, body));
  });
  api.get('/notifications/settings', async (c) => c.json(await notifications.settings(requireUser(c))));
  api.put('/notifications/settings', async (c) => {
    const user = requireUser(c);
    return c.json(await notifications.saveSettings(user, await readBody(c, settingsBody)));
  });
  return api;
}
