/**
 * The API's one sign-in guard, deny by default: a request under `/api/` needs a session unless
 * its method and path are in the table of public routes below. Route files no longer guard
 * themselves, and no route is public because of where it happens to be mounted.
 * Outside `/api/` nothing is guarded here: pages and assets are public, `/open-data/` is
 * public by design, `/metrics` has its own token and `/sync/` checks the session at the handshake.
 */
import type { MiddlewareHandler } from 'hono';
import { type AuthEnv, signInRequired } from '../auth/middleware.js';
import { patternRegExp } from './methods.js';

/**
 * What anyone may call without signing in: method, then a Hono path pattern (`:param` is one
 * segment, a trailing `*` any rest). `GET` also covers `HEAD`. A new public route is added here.
 */
export const PUBLIC_ROUTES: ReadonlyArray<readonly ['GET' | 'POST', string]> = [
  ['GET', '/api/health'],
  // The API description.
  ['GET', '/api/openapi.json'],
  ['GET', '/api/docs'],
  // Signing in, out, and back in when the password is forgotten.
  ['POST', '/api/auth/sign-in'],
  ['POST', '/api/auth/sign-out'],
  // "Who is this, if anyone?": the app's first question, answered for a visitor too.
  ['GET', '/api/auth/session'],
  ['POST', '/api/auth/password-reset'],
  ['POST', '/api/auth/password-reset/:token'],
  // An invitation link is opened (and accepted) before its account exists.
  ['GET', '/api/invitations/:token'],
  ['POST', '/api/invitations/:token/accept'],
  // The public site: published versions, their comments and search; posting a comment.
  ['GET', '/api/public/*'],
  ['POST', '/api/public/commitments/:id/comments'],
];

const TABLE = PUBLIC_ROUTES.map(([method, path]) => ({ method, re: patternRegExp(path) }));

/** True when `method path` needs no session. */
export function isPublicRoute(method: string, path: string): boolean {
  const m = method === 'HEAD' ? 'GET' : method;
  return TABLE.some((r) => r.method === m && r.re.test(path));
}

/** Mounted on `/api/*` after `identify`: 401 (the code every signed-in route answered before) unless public or signed in. */
export function signInGuard(): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (!c.get('user') && !isPublicRoute(c.req.method, c.req.path)) throw signInRequired();
    await next();
  };
}
