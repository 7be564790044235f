/** `GET /api/plans/:planId/timeline`: review meetings, snapshots and live milestone due dates. */
import { Hono } from 'hono';
import type { TimelineResponse } from '../../shared/protocol/public.js';
import { renderCommitment, type CommitmentJSON } from '../../shared/schema/index.js';
import { type AuthEnv, requireUser } from '../auth/middleware.js';
import type { Catalog } from '../plans/catalog.js';
import type { Store } from '../storage/types.js';
import type { Rooms } from '../sync/rooms.js';
import { buildTimeline } from './timeline.js';

export function timelineRoutes(deps: { store: Store; rooms: Rooms; catalog: Catalog }): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  api.get('/plans/:planId/timeline', async (c) => {
    requireUser(c);
    const planId = c.req.param('planId');
    const plan = await deps.catalog.getPlan(planId);
    const commitments: CommitmentJSON[] = [];
    for (const s of await deps.catalog.listCommitments(planId)) {
      const rendered = await deps.rooms.read(s.id, renderCommitment);
      if (rendered) commitments.push(rendered);
    }
    const [publication] = await deps.store.listPublications(planId);
    const publishedCycleId = publication?.cycleId ?? null;
    const body: TimelineResponse = {
      planId,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      items: buildTimeline(await deps.store.listCycles(planId), commitments, publishedCycleId),
      publishedCycleId,
    };
    return c.json(body);
  });
  return api;
}
