/**
 * Resolves the signed-in user of a request (cookie, bearer token, or `?token=` on the sync
 * WebSocket only, which cannot carry headers from a browser script) and guards routes with it.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError } from '../errors.js';
import type { SessionInfo, Sessions } from './sessions.js';
import { SESSION_COOKIE } from './sessions.js';
import type { User } from './types.js';

export type AuthEnv = { Variables: { user: User | null; token: string | null; session: SessionInfo | null } };

/** The token of an `Authorization: Bearer` header (a script's), or null. */
export function bearerToken(c: Context): string | null {
  const header = c.req.header('authorization');
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
}

/**
 * The session token of a request: a bearer token, else the cookie, else — on `/sync/` only,
 * where a browser script cannot set headers — `?token=`. Anywhere else `?token=` is ignored:
 * a token in a URL ends up in proxy logs, browser history and Referer headers.
 */
export function tokenOf(c: Context): string | null {
  return bearerToken(c) ?? getCookie(c, SESSION_COOKIE) ?? (c.req.path.startsWith('/sync/') ? c.req.query('token') : undefined) ?? null;
}

/** Sets `c.var.user` and `c.var.session` (null when not signed in or the session expired). */
export function identify(sessions: Sessions): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const token = tokenOf(c);
    const session = await sessions.sessionFor(token);
    c.set('token', token);
    c.set('user', session?.user ?? null);
    c.set('session', session);
    await next();
  };
}

export const signInRequired = () =>
  new AppError(401, 'unauthorized', 'Sign in first (POST /api/auth/sign-in), or your session has expired: sign in again.');

export const forbidden = (what: string) => new AppError(403, 'forbidden', `Your role does not allow you to ${what}. Ask a coordinator if you need it.`);

/** The signed-in user, or a 401. */
export function requireUser(c: Context<AuthEnv>): User {
  const user = c.get('user');
  if (!user) throw signInRequired();
  return user;
}
