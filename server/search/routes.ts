/** Search over HTTP: thin handlers over the search service (server/search). */
import { Hono, type Context } from 'hono';
import { QUERY_RULE, searchQuery, MAX_SEARCH_LIMIT } from '../../shared/protocol/search.js';
import { type AuthEnv, requireUser } from '../auth/middleware.js';
import { badRequest } from '../errors.js';
import type { Search } from './index.js';

/** The query string, or a 400 that says which part is wrong. */
function readQuery(c: Context) {
  const parsed = searchQuery.safeParse(c.req.query());
  if (parsed.success) return parsed.data;
  const path = parsed.error.issues[0]?.path[0];
  if (path === 'limit') throw badRequest(`limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}.`);
  if (path === 'plan') throw badRequest('plan must be a plan id, e.g. plan-nap1.');
  throw badRequest(QUERY_RULE);
}

/** `GET /api/search` for signed-in readers (live text). */
export function searchRoutes(deps: { search: Search }): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  api.get('/search', async (c) => {
    const user = requireUser(c);
    return c.json(await deps.search.search(user, readQuery(c)));
  });
  return api;
}

/** `GET /api/public/search` for anyone (published text only): public because the sign-in guard's table names `/api/public/*`. */
export function publicSearchRoutes(deps: { search: Search }): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  api.get('/public/search', async (c) => {
    const { plan: _plan, ...query } = readQuery(c);
    return c.json(await deps.search.searchPublic(query));
  });
  return api;
}
