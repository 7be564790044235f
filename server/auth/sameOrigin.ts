/**
 * Refuses what a page of another origin makes a signed-in browser send: requests that change
 * something, and sync sockets. Decided from the `Origin` and `Sec-Fetch-Site` headers, which
 * a page cannot forge, so no CSRF token has to travel with every form and socket.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';
import { bearerToken } from './middleware.js';

/** What the browser said about where a request comes from. */
export interface RequestOrigin {
  /** The `Origin` header, when sent (every browser sends it on POST, PUT, PATCH, DELETE and WebSocket). */
  origin: string | undefined;
  /** The `Host` header: the address the request was sent to. */
  host: string | undefined;
  /** The `Sec-Fetch-Site` header (`same-origin`, `same-site`, `cross-site`, `none`), when sent. */
  fetchSite: string | undefined;
}

export type OriginVerdict = { ok: true } | { ok: false; from: string; expected: string };

/** The origin in canonical form (lower case, default port dropped), or null when it is not one (`null`, garbage). */
function canonical(origin: string): URL | null {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** True when `origin` names this server: the configured public origin, or else the host the request was sent to. */
function isOwn(origin: URL, host: string | undefined, publicOrigin: string): boolean {
  if (publicOrigin) return origin.origin === publicOrigin;
  if (!host) return false;
  // Behind a TLS proxy the scheme the browser used is not ours to see: compare host and port,
  // the port defaulting by the page's scheme (Host omits 443 as the Origin does).
  try {
    return new URL(`${origin.protocol}//${host}`).host === origin.host;
  } catch {
    return false;
  }
}

/**
 * Whether a request may act as whoever its cookie signs in: refused when the browser says it
 * comes from another site, or names an origin that is not this server's. Without either
 * header it is not a browser's cross-origin request (scripts, tests, Node clients): allowed.
 */
export function judgeOrigin(req: RequestOrigin, publicOrigin: string): OriginVerdict {
  const site = req.fetchSite?.trim().toLowerCase();
  const expected = publicOrigin || `this server's own address (${req.host ?? 'no Host header'})`;
  const origin = req.origin?.trim();
  if (site === 'cross-site') return { ok: false, from: origin || 'another site', expected };
  if (origin) {
    const url = canonical(origin);
    return url && isOwn(url, req.host, publicOrigin) ? { ok: true } : { ok: false, from: origin.slice(0, 100), expected };
  }
  // A same-site page (another port or subdomain) gets the cookie, so its origin must be ours.
  if (site === 'same-site') return { ok: false, from: 'another page of this site', expected };
  return { ok: true };
}

/** The origin headers of a Hono request. */
export const originOf = (c: Context): RequestOrigin => ({ origin: c.req.header('origin'), host: c.req.header('host'), fetchSite: c.req.header('sec-fetch-site') });

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The 403 of a refused cross-origin request, in both languages. */
export function crossOriginError(verdict: Extract<OriginVerdict, { ok: false }>): AppError {
  return new AppError(
    403,
    'cross_origin',
    `此請求來自其他網站（${verdict.from}），已拒絕；請在 Gongbi 本身的網頁上操作。 ` +
      `Refused: this request comes from another site (${verdict.from}); changes are accepted only from pages of ${verdict.expected}. ` +
      'Open Gongbi at its own address, or send a bearer token from a script.',
  );
}

/**
 * Middleware: refuses a request that changes something (any method but GET, HEAD, OPTIONS)
 * from a page of another origin with 403 `cross_origin`. A request carrying a bearer token is
 * a script's: a page cannot add that header to another origin's request without asking the
 * server first (CORS preflight, which Gongbi never grants).
 */
export function sameOriginWrites(publicOrigin: string): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || bearerToken(c) !== null) return next();
    const verdict = judgeOrigin(originOf(c), publicOrigin);
    if (!verdict.ok) throw crossOriginError(verdict);
    return next();
  };
}
