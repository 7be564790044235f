/** Plans and commitments over HTTP (list, create, read, rename, history): thin handlers over the catalog, with validated bodies. */
import { Hono } from 'hono';
import { createCommitmentBody, createPlanBody, renameBody } from '../../shared/protocol/api.js';
import type { Catalog } from './catalog.js';
import { type AuthEnv, requireUser } from '../auth/middleware.js';
import { readBody } from '../http/validate.js';

export function planRoutes({ catalog }: { catalog: Catalog }): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();


  api.get('/plans', async (c) => c.json({ plans: await catalog.listPlans() }));
  api.post('/plans', async (c) => c.json({ plan: await catalog.createPlan(await readBody(c, createPlanBody), requireUser(c)) }, 201));
  api.get('/plans/:planId', async (c) => {
    const planId = c.req.param('planId');
    const plan = await catalog.getPlan(planId);
    return c.json({ plan, commitments: await catalog.listCommitments(planId) });
  });
  api.post('/plans/:planId/commitments', async (c) => {
    const body = await readBody(c, createCommitmentBody);
    return c.json({ commitment: await catalog.createCommitment(c.req.param('planId'), body, requireUser(c)) }, 201);
  });

  api.get('/commitments', async (c) => c.json({ commitments: await catalog.listCommitments(c.req.query('plan') || undefined) }));
  api.get('/commitments/:id', async (c) => c.json(await catalog.getCommitment(c.req.param('id'))));
  api.patch('/commitments/:id', async (c) => {
    const { title } = await readBody(c, renameBody);
    return c.json({ commitment: await catalog.renameCommitment(c.req.param('id'), title, requireUser(c)) });
  });
  api.get('/commitments/:id/history', async (c) => c.json({ events: await catalog.history(c.req.param('id')) }));

  return api;
}
