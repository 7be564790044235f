/** `GET /api/health`: answers without a session, and says which dependency is degraded. */
import type { Env, Hono } from 'hono';
import type { DocStore } from '../storage/types.js';
import type { Rooms } from '../sync/rooms.js';

export function mountHealth<E extends Env>(app: Hono<E>, deps: { store: DocStore; rooms: Rooms; connectionCount(): number }): void {
  app.get('/api/health', async (c) => {
    const storageOk = await deps.store.ping().catch(() => false);
    const body = {
      status: storageOk ? 'ok' : 'degraded',
      storage: { kind: deps.store.kind, ok: storageOk },
      loadedDocuments: deps.rooms.size,
      connections: deps.connectionCount(),
    };
    return c.json(body, storageOk ? 200 : 503);
  });
}
