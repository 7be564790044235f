/**
 * `GET /api/health`: answers without a session, and says which dependency is degraded: the
 * store or Redis not answering, recent writes that failed, a failed integrity check. Each
 * check has a deadline, so a silent database or Redis makes health answer 503 in time
 * instead of hanging with it.
 */
import type { Env, Hono } from 'hono';
import type { StoreHealth } from '../ops/storeHealth.js';
import type { PubSub } from '../pubsub/types.js';

/** `promise`'s value, or `fallback` when it rejects or takes longer than `ms`. */
function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
    timer.unref();
  });
  return Promise.race([promise.catch(() => fallback), late]).finally(() => clearTimeout(timer));
}

export interface HealthDeps {
  /** Documents loaded in this process. */
  loadedDocuments(): number;
  pubsub?: PubSub;
  connectionCount(): number;
  /** Longest wait for each check, in ms. */
  timeoutMs: number;
  /** The store's round trip and identity, failed writes and the periodic integrity check. */
  storeHealth: StoreHealth;
}

export function mountHealth<E extends Env>(app: Hono<E>, deps: HealthDeps): void {
  app.get('/api/health', async (c) => {
    const [storageOk, pubsubOk] = await Promise.all([
      within(deps.storeHealth.ping(), deps.timeoutMs, false),
      deps.pubsub ? within(deps.pubsub.ping(), deps.timeoutMs, false) : true,
    ]);
    const { writes, integrity } = deps.storeHealth.report();
    const ok = storageOk && pubsubOk && writes.ok && integrity.ok;
    // The store's identity lets offline clients notice a store that was reset or replaced.
    const storeId = storageOk ? await within<string | null>(deps.storeHealth.storeId(), deps.timeoutMs, null) : null;
    const body = {
      status: ok ? 'ok' : 'degraded',
      storeId,
      storage: { kind: deps.storeHealth.kind, ok: storageOk, writes, integrity },
      pubsub: { kind: deps.pubsub?.kind ?? 'local', ok: pubsubOk },
      loadedDocuments: deps.loadedDocuments(),
      connections: deps.connectionCount(),
    };
    return c.json(body, ok ? 200 : 503);
  });
}
