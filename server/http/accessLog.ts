/**
 * One log line per HTTP request (and per WebSocket upgrade): method, path without its query
 * values (a `?token=` is never written), status, time taken and the signed-in user's id.
 * Refusals (401, 403, 429) carry `refused: true` so they can be found without a status table.
 */
import type { MiddlewareHandler } from 'hono';
import type { AuthEnv } from '../auth/middleware.js';
import { safePath, type Logger } from '../log.js';

const REFUSED = new Set([401, 403, 429]);

export function accessLog(logger: Logger): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const started = performance.now();
    // Hono answers a thrown error through onError inside next(): c.res is the real answer.
    await next();
    const status = c.res.status;
    const url = new URL(c.req.url);
    const fields: Record<string, unknown> = {
      method: c.req.method,
      path: safePath(url.pathname + url.search),
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      userId: c.get('user')?.id ?? null,
    };
    if (REFUSED.has(status)) fields.refused = true;
    logger.info('request', fields);
  };
}
