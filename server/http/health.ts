/** `GET /api/health`: answers without a session, and says which dependency is degraded. */
import type { Env, Hono } from 'hono';
import type { DocStore } from '../storage/types.js';
import type { PubSub } from '../pubsub/types.js';
import type { Rooms } from '../sync/rooms.js';

export function mountHealth<E extends Env>(app: Hono<E>, deps: { store: DocStore; rooms: Rooms; pubsub?: PubSub; connectionCount(): number }): void {
  app.get('/api/health', async (c) => {
    const [storageOk, pubsubOk] = await Promise.all([deps.store.ping().catch(() => false), deps.pubsub ? deps.pubsub.ping().catch(() => false) : true]);
    const ok = storageOk && pubsubOk;
    // The store's identity lets offline clients notice a store that was reset or replaced.
    const storeId = storageOk ? await deps.store.storeId().catch(() => null) : null;
    const body = {
      status: ok ? 'ok' : 'degraded',
      storeId,
      storage: { kind: deps.store.kind, ok: storageOk },
      pubsub: { kind: deps.pubsub?.kind ?? 'local', ok: pubsubOk },
      loadedDocuments: deps.rooms.size,
      connections: deps.connectionCount(),
    };
    return c.json(body, ok ? 200 : 503);
  });
}
