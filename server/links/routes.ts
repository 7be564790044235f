/** Cross-links between commitments over HTTP: list both directions, add and remove (writers of the source). */
import { Hono } from 'hono';
import { linkBody } from '../../shared/protocol/public.js';
import { type AuthEnv, requireUser } from '../auth/middleware.js';
import { readBody } from '../http/validate.js';
import type { Links } from './links.js';

export function linkRoutes({ links }: { links: Links }): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  api.get('/commitments/:id/links', async (c) => c.json(await links.list(c.req.param('id'))));
  api.post('/commitments/:id/links', async (c) => {
    const user = requireUser(c);
    const { to, note } = await readBody(c, linkBody);
    const id = c.req.param('id');
    const created = await links.add(id, to, note, user);
    return c.json(await links.list(id), created ? 201 : 200);
  });
  api.delete('/commitments/:id/links/:to', async (c) => {
    const user = requireUser(c);
    const id = c.req.param('id');
    await links.remove(id, c.req.param('to'), user);
    return c.json(await links.list(id));
  });
  return api;
}
