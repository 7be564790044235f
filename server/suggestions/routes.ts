/** Suggestions over HTTP: thin handlers over the suggestions service (server/suggestions). */
import { Hono } from 'hono';
import { acceptBody, declineBody, newSuggestionBody, suggestionFiguresQuery, suggestionListQuery } from '../../shared/protocol/suggestions.js';
import { type AuthEnv, requireUser } from '../auth/middleware.js';
import { badRequest } from '../errors.js';
import { suggestionsCsv, type Suggestions } from './index.js';
import { readBody } from '../http/validate.js';

export function suggestionRoutes(deps: { suggestions: Suggestions }): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  const { suggestions } = deps;
  api.get('/commitments/:id/suggestions', async (c) => {
    requireUser(c);
    const q = suggestionListQuery.safeParse(c.req.query());
    if (!q.success) throw badRequest('status must be open, accepted or declined.');
    return c.json(await suggestions.list(c.req.param('id'), q.data.status));
  });
  api.post('/commitments/:id/suggestions', async (c) => {
    const user = requireUser(c);
    const body = await readBody(c, newSuggestionBody);
    return c.json(await suggestions.create(user, c.req.param('id'), body), 201);
  });
  api.get('/suggestions/:sid', async (c) => {
    requireUser(c);
    return c.json(await suggestions.get(c.req.param('sid')));
  });
  api.post('/suggestions/:sid/accept', async (c) => {
    const user = requireUser(c);
    const body = c.req.header('content-length') === '0' || !c.req.header('content-type') ? {} : await readBody(c, acceptBody);
    return c.json(await suggestions.accept(user, c.req.param('sid'), body.reason ?? ''));
  });
  api.post('/suggestions/:sid/decline', async (c) => {
    const user = requireUser(c);
    const body = await readBody(c, declineBody);
    return c.json(await suggestions.decline(user, c.req.param('sid'), body.reason));
  });
  api.get('/plans/:planId/suggestion-counts', async (c) => {
    requireUser(c);
    const planId = c.req.param('planId');
    return c.json({ planId, counts: await suggestions.countsForPlan(planId) });
  });
  api.get('/suggestion-figures', async (c) => {
    requireUser(c);
    const q = suggestionFiguresQuery.safeParse(c.req.query());
    if (!q.success) throw badRequest('Give ?plan=<planId> or ?commitment=<id>, and optionally after and until as ISO times (e.g. a review cycle\'s snapshot times).');
    return c.json(await suggestions.figures(q.data, q.data));
  });
  api.get('/plans/:planId/suggestions.csv', async (c) => {
    requireUser(c);
    const planId = c.req.param('planId');
    const csv = suggestionsCsv(await suggestions.listForPlan(planId));
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${planId}-suggestions.csv"` });
  });
  return api;
}
