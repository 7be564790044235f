/**
 * Resolves the signed-in user of a request (cookie, bearer token, or `?token=` on the sync
 * WebSocket, which cannot carry headers from a browser script) and guards routes with it.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError } from '../errors.js';
import type { Sessions } from './sessions.js';
import { SESSION_COOKIE } from './sessions.js';
import type { User } from './types.js';

export type AuthEnv = { Variables: { user: User | null; token: string | null } };

export function tokenOf(c: Context): string | null {
  const header = c.req.header('authorization');
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return getCookie(c, SESSION_COOKIE) ?? c.req.query('token') ?? null;
}

/** Sets `c.var.user` (null when not signed in or the session expired). */
export function identify(sessions: Sessions): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const token = tokenOf(c);
    c.set('token', token);
    c.set('user', await sessions.userFor(token));
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
