/** `GET /metrics`: the Prometheus text format, optionally behind a bearer token. */
import type { Env, Hono } from 'hono';
import type { Registry } from 'prom-client';

export function mountMetrics<E extends Env>(app: Hono<E>, registry: Registry, token: string): void {
  app.get('/metrics', async (c) => {
    if (token && c.req.header('authorization') !== `Bearer ${token}`) {
      return c.json({ error: { code: 'unauthorized', message: 'Send the metrics token (GONGBI_METRICS_TOKEN) as "Authorization: Bearer <token>".' } }, 401);
    }
    return c.body(await registry.metrics(), 200, { 'content-type': registry.contentType });
  });
}
