/** `GET /metrics`: the Prometheus text format, optionally behind a bearer token; and the HTTP request counts it shows. */
import type { Env, Hono, MiddlewareHandler } from 'hono';
import type { Registry } from 'prom-client';
import type { Metrics } from '../ops/metrics.js';

/** Label values are bounded: any other method is counted as OTHER. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Only answered exports count, so the format is one the route accepted. */
const EXPORT_PATH = /^\/api\/plans\/[^/]+\/(export|redline)\.([a-z0-9]{1,10})$/;

export function requestMetrics(m: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const method = METHODS.has(c.req.method) ? c.req.method : 'OTHER';
    m.httpRequests.inc({ method, status: String(c.res.status) });
    m.httpDuration.observe({ method }, (performance.now() - started) / 1000);
    const e = c.res.status === 200 ? EXPORT_PATH.exec(c.req.path) : null;
    if (e) m.exports.inc({ format: e[1] === 'redline' ? `redline.${e[2]}` : e[2]! });
  };
}

export function mountMetrics<E extends Env>(app: Hono<E>, registry: Registry, token: string): void {
  app.get('/metrics', async (c) => {
    if (token && c.req.header('authorization') !== `Bearer ${token}`) {
      return c.json({ error: { code: 'unauthorized', message: 'Send the metrics token (GONGBI_METRICS_TOKEN) as "Authorization: Bearer <token>".' } }, 401);
    }
    return c.body(await registry.metrics(), 200, { 'content-type': registry.contentType });
  });
}
