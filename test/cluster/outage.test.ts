/**
 * PostgreSQL or Redis going away (cut through a TCP proxy): clients are closed with 4503
 * "storage unavailable, your edits are kept locally", /api/health says which dependency is
 * degraded, and when it comes back the clients reconnect, the rooms reload, and the edits
 * made meanwhile are stored. Skipped with a notice without PostgreSQL or Redis.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import * as Y from 'yjs';
import { shortText } from '../../shared/schema/index.js';
import { createApp, type GongbiApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/log.js';
import { RedisPubSub } from '../../server/pubsub/redis.js';
import { seedDemoIfEmpty } from '../../server/seed/seed.js';
import { PostgresStore } from '../../server/storage/index.js';
import { DEMO, over, signIn } from '../helpers/auth.js';
import { connectSynced, type Peer } from '../helpers/peers.js';
import { TEST_DATABASE_URL, TEST_REDIS_URL, createTestSchema, postgresReachable, randomTag, redisReachable, skipNotice, type TestSchema } from '../helpers/services.js';
import { waitFor } from '../helpers/waitFor.js';
import { startTcpProxy, viaProxy, type TcpProxy } from './tcpProxy.js';

const [pgUp, redisUp] = await Promise.all([postgresReachable(), redisReachable()]);
const skip = skipNotice(!pgUp || !redisUp, `outage tests: PostgreSQL (${TEST_DATABASE_URL}) or Redis (${TEST_REDIS_URL}) does not answer`);

const DOC = 'c-02-open-data-platform';

describe.skipIf(skip)('dependencies going away and coming back', () => {
  let schema: TestSchema;
  let pgProxy: TcpProxy;
  let redisProxy: TcpProxy;
  let store: PostgresStore;
  let pubsub: RedisPubSub;
  let gongbi: GongbiApp;
  let server: ServerType;
  let url = '';
  let wsUrl = '';
  let token = '';
  const peers: Peer[] = [];

  beforeAll(async () => {
    schema = await createTestSchema();
    const pg = new URL(TEST_DATABASE_URL);
    const redis = new URL(TEST_REDIS_URL);
    pgProxy = await startTcpProxy(pg.hostname, Number(pg.port || 5432));
    redisProxy = await startTcpProxy(redis.hostname, Number(redis.port || 6379));
    store = await PostgresStore.open({ connectionString: viaProxy(schema.url, pgProxy), poolSize: 4, connectTimeoutMs: 1000, logger: silentLogger });
    pubsub = await RedisPubSub.open({ url: viaProxy(TEST_REDIS_URL, redisProxy), prefix: `gongbi-test-${randomTag()}:`, logger: silentLogger });
    const config = loadConfig({ GONGBI_LOG_LEVEL: 'silent', GONGBI_IDLE_UNLOAD_MS: '60000' });
    gongbi = createApp({ config, store, logger: silentLogger, pubsub });
    await seedDemoIfEmpty(store, gongbi.rooms);
    server = await new Promise((resolve) => {
      const s = serve({ fetch: gongbi.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    gongbi.injectWebSocket(server);
    const port = (server.address() as AddressInfo).port;
    url = `http://127.0.0.1:${port}`;
    wsUrl = `ws://127.0.0.1:${port}/sync`;
    token = await signIn(over(url), DEMO.coordinator);
  }, 60_000);

  afterEach(() => {
    for (const p of peers.splice(0)) p.destroy();
  });

  afterAll(async () => {
    await gongbi?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await pubsub?.close();
    await store?.close();
    await pgProxy?.close();
    await redisProxy?.close();
    await schema?.drop();
  });

  const health = async () => {
    const res = await fetch(`${url}/api/health`);
    return { status: res.status, body: (await res.json()) as { status: string; storage: { ok: boolean }; pubsub: { ok: boolean } } };
  };

  /** Connects a peer and records the close codes its socket gets. */
  async function peer(): Promise<Peer & { closes: number[] }> {
    const p = await connectSynced(wsUrl, DOC, token);
    peers.push(p);
    const closes: number[] = [];
    p.provider.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });
    return Object.assign(p, { closes });
  }

  async function freshText(): Promise<string> {
    const fresh = await connectSynced(wsUrl, DOC, token);
    try {
      return shortText(fresh.doc, 'partners', 'en').toString();
    } finally {
      fresh.destroy();
    }
  }

  it('[OU1] Redis away: clients are closed with 4503, health names pubsub, all resumes when it is back', async () => {
    const a = await peer();
    expect((await health()).status).toBe(200);
    await redisProxy.cut();
    await waitFor(() => a.closes.includes(4503), { what: 'the client to be closed with 4503' });
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'degraded', storage: { ok: true }, pubsub: { ok: false } });
    // Typed while the server refuses: kept in the client, sent once it is back.
    shortText(a.doc, 'partners', 'en').insert(0, 'while-redis-was-away ');
    await redisProxy.restore();
    await waitFor(async () => (await health()).status === 200, { timeout: 10_000, what: 'health to recover' });
    await waitFor(() => a.provider.wsconnected && a.provider.synced, { timeout: 10_000, what: 'the client to reconnect' });
    await waitFor(async () => (await freshText()).includes('while-redis-was-away'), { timeout: 10_000, what: 'the edit to be stored' });
  }, 40_000);

  it('[OU2] PostgreSQL away: a write is refused with 4503, health names storage, all resumes when it is back', async () => {
    const a = await peer();
    await pgProxy.cut();
    shortText(a.doc, 'partners', 'en').insert(0, 'while-postgres-was-away ');
    await waitFor(() => a.closes.includes(4503), { timeout: 10_000, what: 'the client to be closed with 4503' });
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'degraded', storage: { ok: false }, pubsub: { ok: true } });
    await pgProxy.restore();
    await waitFor(async () => (await health()).status === 200, { timeout: 10_000, what: 'health to recover' });
    await waitFor(() => a.provider.wsconnected && a.provider.synced, { timeout: 10_000, what: 'the client to reconnect' });
    await waitFor(async () => (await freshText()).includes('while-postgres-was-away'), { timeout: 10_000, what: 'the edit to be stored' });
    // And the server's copy agrees with the database's.
    const loaded = await store.loadDocument(DOC);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.mergeUpdates(loaded.state ? [loaded.state, ...loaded.updates] : loaded.updates));
    expect(shortText(doc, 'partners', 'en').toString()).toContain('while-postgres-was-away');
  }, 40_000);
});
