/**
 * Signed-in routes around comments: the people a comment can mention, and the moderation
 * of public comments (queue, approve/reject, answer, CSV record of responses).
 */
import { Hono } from 'hono';
import { moderateBody, PUBLIC_COMMENT_STATUSES, responseBody, type PeopleResponse, type PublicCommentStatus } from '../../shared/protocol/public.js';
import { type AuthEnv, requireUser } from '../auth/middleware.js';
import type { Catalog } from '../plans/catalog.js';
import { badRequest } from '../errors.js';
import type { Store } from '../storage/types.js';
import type { Rooms } from '../sync/rooms.js';
import { publicCommentsCsv } from './commentsCsv.js';
import { moderate, moderationQueue, respond } from './moderation.js';
import { readBody } from '../http/validate.js';

export interface CommentRouteDeps {
  store: Store;
  rooms: Rooms;
  catalog: Catalog;
}

function statusQuery(value: string | undefined): PublicCommentStatus | undefined {
  if (value === undefined || value === '' || value === 'all') return undefined;
  if ((PUBLIC_COMMENT_STATUSES as readonly string[]).includes(value)) return value as PublicCommentStatus;
  throw badRequest(`"status=${value}" is not a status: use pending, approved, rejected or all.`);
}

export function commentRoutes(deps: CommentRouteDeps): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();

  // `GET /api/users` is the coordinator's (it shows e-mails and roles); mentions need only names.
  api.get('/people', async (c) => {
    requireUser(c);
    const people = (await deps.store.listUsers()).map((u) => ({ id: u.id, name: u.name, affiliation: { kind: u.affiliation.kind, name: u.affiliation.name } }));
    return c.json({ people } satisfies PeopleResponse);
  });

  api.get('/plans/:planId/public-comments', async (c) => {
    const user = requireUser(c);
    return c.json({ comments: await moderationQueue(deps, c.req.param('planId'), user, statusQuery(c.req.query('status'))) });
  });

  api.get('/plans/:planId/public-comments.csv', async (c) => {
    const user = requireUser(c);
    const planId = c.req.param('planId');
    const items = await moderationQueue(deps, planId, user, statusQuery(c.req.query('status')));
    const labels = new Map((await deps.store.listCycles(planId)).map((cy) => [cy.id, cy.label]));
    c.header('Content-Disposition', `attachment; filename="${planId}-public-comments.csv"`);
    return c.body(publicCommentsCsv(items, labels), 200, { 'content-type': 'text/csv; charset=utf-8' });
  });

  api.post('/public-comments/:id/moderate', async (c) => {
    const user = requireUser(c);
    const { decision } = await readBody(c, moderateBody);
    return c.json({ comment: await moderate(deps, c.req.param('id'), decision, user) });
  });

  api.post('/public-comments/:id/response', async (c) => {
    const user = requireUser(c);
    const { text } = await readBody(c, responseBody);
    return c.json({ comment: await respond(deps, c.req.param('id'), text, user) });
  });

  return api;
}
