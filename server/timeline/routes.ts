/** `GET /api/plans/:planId/timeline`: review meetings, snapshots and live milestone due dates. */
import { Hono } from 'hono';
import type { AuthEnv } from '../auth/middleware.js';
import type { Timelines } from './service.js';

export function timelineRoutes({ timelines }: { timelines: Timelines }): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  api.get('/plans/:planId/timeline', async (c) => c.json(await timelines.ofPlan(c.req.param('planId'))));
  return api;
}
