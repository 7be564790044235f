/**
 * The public site's API (no sign-in: each route is in the guard's table of public routes):
 * the latest published version of a plan and of each commitment, approved public comments
 * with their answers, and posting a comment. Also the coordinator's
 * `POST /api/cycles/:id/publish`, which makes a version public (it needs a session).
 * Thin handlers over `PublicSite` and `PublishedVersions`.
 */
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { PublicCommentAccepted, PublicationView } from '../../shared/protocol/public.js';
import { type AuthEnv, requireUser } from '../auth/middleware.js';
import { AppError } from '../errors.js';
import { clientAddress, type TrustedProxies } from '../http/clientAddress.js';
import { readJson } from '../http/validate.js';
import type { PublishedVersions } from './published.js';
import type { PublicSite } from './site.js';

export interface PublicRouteDeps {
  site: PublicSite;
  published: PublishedVersions;
  /** Whose `X-Forwarded-For` names the visitor for the flood limit. */
  trustedProxies: TrustedProxies;
  /** Told of each public comment stored (it waits for moderation): the notification centre. */
  onPublicComment?: (c: { commitmentId: string; name: string; text: string }) => void;
}

/** A comment is at most 2,000 characters: a body far larger is not a comment. */
const MAX_COMMENT_BODY = 32 * 1024;

export function publicRoutes({ site, published, trustedProxies, onPublicComment }: PublicRouteDeps): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();

  api.post('/cycles/:cycleId/publish', async (c) => {
    const p = await published.publish(c.req.param('cycleId'), requireUser(c));
    const body: PublicationView = { planId: p.planId, cycleId: p.cycleId, publishedAt: new Date(p.publishedAt).toISOString(), publishedBy: { name: p.publishedBy.name } };
    return c.json({ publication: body }, 201);
  });

  api.get('/public/plans', async (c) => c.json(await site.plans()));

  api.get('/public/plans/:planId', async (c) => c.json(await site.plan(c.req.param('planId'))));

  api.get('/public/commitments/:id', async (c) => {
    const body = await site.commitment(c.req.param('id'));
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  });

  api.get('/public/form-token', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ token: await site.formToken() });
  });

  api.post(
    '/public/commitments/:id/comments',
    bodyLimit({ maxSize: MAX_COMMENT_BODY, onError: () => { throw new AppError(413, 'too_large', 'The request is far larger than a comment can be (2,000 characters). Shorten it.'); } }),
    async (c) => {
      const target = await site.commentTarget(c.req.param('id'));
      const raw = await readJson(c, '{name, email?, text, milestoneId?, token}');
      let id: string | null;
      try {
        id = await site.submitComment(target, raw, clientAddress(c as Context, trustedProxies));
      } catch (err) {
        if (err instanceof AppError && err.status === 429) c.header('Retry-After', '600');
        throw err;
      }
      if (id) {
        const b = raw as { name?: unknown; text?: unknown };
        onPublicComment?.({ commitmentId: target.commitment.id, name: String(b.name ?? '').trim().slice(0, 100), text: String(b.text ?? '') });
      }
      const body: PublicCommentAccepted = {
        // A caught bot gets an id of the same form: nothing tells it apart from acceptance.
        comment: { id: id ?? 'pc_' + randomBytes(8).toString('hex'), status: 'pending' },
        message: 'Thank you. Your comment will be shown here once the working group has reviewed it.',
      };
      return c.json(body, 202);
    },
  );

  return api;
}
