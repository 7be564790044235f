/** Contribution figures as JSON, per commitment and for a whole plan: thin handlers over `ContributionFigures`. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AuthEnv } from '../auth/middleware.js';
import { badRequest } from '../errors.js';
import type { ContributionFigures } from './service.js';

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

export function contributionRoutes({ figures }: { figures: ContributionFigures }): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  api.get('/commitments/:id/contributions', async (c) => {
    const id = c.req.param('id');
    return c.json({ commitmentId: id, ...(await figures.forCommitment(id, () => parseRange(c.req.query()))) });
  });
  api.get('/plans/:planId/contributions', async (c) => {
    const planId = c.req.param('planId');
    return c.json({ planId, ...(await figures.forPlan(planId)) });
  });
  return api;
}
