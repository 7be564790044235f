/** Contribution figures as JSON: per commitment and for a whole plan. */
import { Hono } from 'hono';
import { z } from 'zod';
import { type AuthEnv, requireUser } from '../auth/middleware.js';
import type { Catalog } from '../plans/catalog.js';
import { commitmentContributions, planContributions } from './service.js';
import { badRequest } from '../errors.js';
import type { Store } from '../storage/types.js';

/** `?fromSeq&toSeq`: positions in the update log (also described in `GET /api/openapi.json`). */
export const seqQuery = z.object({
  fromSeq: z.coerce.number().int().min(0).default(0),
  toSeq: z.coerce.number().int().min(0).optional(),
});

function parseRange(query: Record<string, string>) {
  const parsed = seqQuery.safeParse(query);
  if (!parsed.success) throw badRequest('fromSeq and toSeq must be whole numbers ≥ 0 (positions in the update log).');
  return parsed.data;
}

export function contributionRoutes(deps: { store: Store; catalog: Catalog }): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  api.get('/commitments/:id/contributions', async (c) => {
    requireUser(c);
    const id = c.req.param('id');
    await deps.catalog.getCommitment(id);
    return c.json({ commitmentId: id, ...(await commitmentContributions(deps.store, id, parseRange(c.req.query()))) });
  });
  api.get('/plans/:planId/contributions', async (c) => {
    requireUser(c);
    const planId = c.req.param('planId');
    const ids = (await deps.catalog.listCommitments(planId)).map((s) => s.id);
    return c.json({ planId, ...(await planContributions(deps.store, ids)) });
  });
  return api;
}
