/**
 * Signed-in routes around comments: the people a comment can mention, and the moderation
 * of public comments (queue, approve/reject, answer, CSV record of responses). Thin handlers
 * over the `Moderation` service.
 */
import { Hono } from 'hono';
import { moderateBody, PUBLIC_COMMENT_STATUSES, responseBody, type PeopleResponse, type PublicCommentStatus } from '../../shared/protocol/public.js';
import { type AuthEnv, requireUser } from '../auth/middleware.js';
import { badRequest } from '../errors.js';
import { readBody } from '../http/validate.js';
import type { Moderation } from './moderation.js';

function statusQuery(value: string | undefined): PublicCommentStatus | undefined {
  if (value === undefined || value === '' || value === 'all') return undefined;
  if ((PUBLIC_COMMENT_STATUSES as readonly string[]).includes(value)) return value as PublicCommentStatus;
  throw badRequest(`"status=${value}" is not a status: use pending, approved, rejected or all.`);
}

export function commentRoutes({ moderation }: { moderation: Moderation }): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();

  // `GET /api/users` is the coordinator's (it shows e-mails and roles); mentions need only names.
  api.get('/people', async (c) => c.json({ people: await moderation.people() } satisfies PeopleResponse));

  api.get('/plans/:planId/public-comments', async (c) => {
    const user = requireUser(c);
    return c.json({ comments: await moderation.queue(c.req.param('planId'), user, statusQuery(c.req.query('status'))) });
  });

  api.get('/plans/:planId/public-comments.csv', async (c) => {
    const user = requireUser(c);
    const planId = c.req.param('planId');
    const csv = await moderation.csv(planId, user, statusQuery(c.req.query('status')));
    c.header('Content-Disposition', `attachment; filename="${planId}-public-comments.csv"`);
    return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8' });
  });

  api.post('/public-comments/:id/moderate', async (c) => {
    const user = requireUser(c);
    const { decision } = await readBody(c, moderateBody);
    return c.json({ comment: await moderation.moderate(c.req.param('id'), decision, user) });
  });

  api.post('/public-comments/:id/response', async (c) => {
    const user = requireUser(c);
    const { text } = await readBody(c, responseBody);
    return c.json({ comment: await moderation.respond(c.req.param('id'), text, user) });
  });

  return api;
}
