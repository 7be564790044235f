/** Cross-links between commitments: list both directions, add and remove (writers of the source). */
import { Hono } from 'hono';
import { linkBody } from '../../shared/protocol/public.js';
import { type AuthEnv, requireUser } from '../auth/middleware.js';
import type { Store } from '../storage/types.js';
import type { Rooms } from '../sync/rooms.js';
import { addLink, listLinks, removeLink } from './links.js';
import { readBody } from '../http/validate.js';

export function linkRoutes(deps: { store: Store; rooms: Rooms }): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  api.get('/commitments/:id/links', async (c) => {
    requireUser(c);
    return c.json(await listLinks(deps, c.req.param('id')));
  });
  api.post('/commitments/:id/links', async (c) => {
    const user = requireUser(c);
    const { to, note } = await readBody(c, linkBody);
    const id = c.req.param('id');
    const created = await addLink(deps, id, to, note, user);
    return c.json(await listLinks(deps, id), created ? 201 : 200);
  });
  api.delete('/commitments/:id/links/:to', async (c) => {
    const user = requireUser(c);
    const id = c.req.param('id');
    await removeLink(deps, id, c.req.param('to'), user);
    return c.json(await listLinks(deps, id));
  });
  return api;
}
