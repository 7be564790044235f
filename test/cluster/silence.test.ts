/**
 * PostgreSQL or Redis going silent — packets dropped, nothing closed or refused — between two
 * server instances and the services, through TCP relays the test controls, for 10 s: within
 * the configured timeouts (GONGBI_PG_TIMEOUT_MS, GONGBI_REDIS_TIMEOUT_MS, shortened here)
 * clients with edits not yet stored are closed with 4503, requests and /api/health answer
 * 503 instead of hanging, a process that only reads is told too; afterwards everything
 * resumes and nothing acknowledged or typed is lost. And PostgreSQL refusing connections with
 * SQLSTATE 55000 is answered 503 "unavailable", logged as one line without a stack trace.
 * Skipped with a notice without PostgreSQL or Redis. Rules cited: OU outages.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { shortText } from '../../shared/schema/index.js';
import { createApp, type GongbiApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import type { Logger } from '../../server/log.js';
import { openPubSub } from '../../server/pubsub/open.js';
import type { PubSub } from '../../server/pubsub/types.js';
import { seedDemoIfEmpty } from '../../server/seed/seed.js';
import { openStore, type Store } from '../../server/storage/index.js';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { connectSynced, type Peer } from '../helpers/peers.js';
import { TEST_DATABASE_URL, TEST_REDIS_URL, createTestSchema, postgresReachable, randomTag, redisReachable, skipNotice, type TestSchema } from '../helpers/services.js';
import { waitFor } from '../helpers/waitFor.js';
import { postgresError, startTcpProxy, viaProxy, type TcpProxy } from './tcpProxy.js';

const [pgUp, redisUp] = await Promise.all([postgresReachable(), redisReachable()]);
const skip = skipNotice(!pgUp || !redisUp, `silence tests: PostgreSQL (${TEST_DATABASE_URL}) or Redis (${TEST_REDIS_URL}) does not answer`);

const DOC = 'c-05-environmental-disclosure';
const PG_TIMEOUT_MS = 1000;
const REDIS_TIMEOUT_MS = 500;
/** How long each fault lasts. */
const SILENCE_MS = 10_000;
/** What "told in time" allows beyond the timeouts: the next group commit, the socket close. */
const SLACK_MS = 1000;

interface Instance { gongbi: GongbiApp; server: ServerType; store: Store; pubsub: PubSub; url: string; wsUrl: string; logs: Array<{ msg: string; fields?: Record<string, unknown> }> }

describe.skipIf(skip)('PostgreSQL and Redis going silent', () => {
  let schema: TestSchema;
  let pgProxy: TcpProxy;
  let redisProxy: TcpProxy;
  const instances: Instance[] = [];
  let token = '';
  const peers: Peer[] = [];

  async function instance(env: Record<string, string>): Promise<Instance> {
    const logs: Instance['logs'] = [];
    const logger: Logger = { error: (msg, fields) => logs.push({ msg, fields }), info() {}, debug() {} };
    const config = loadConfig(env);
    const store = await openStore(config, logger);
    const pubsub = await openPubSub(config, logger);
    const gongbi = createApp({ config, store, logger, pubsub });
    const server: ServerType = await new Promise((resolve) => {
      const s = serve({ fetch: gongbi.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    gongbi.injectWebSocket(server);
    const port = (server.address() as AddressInfo).port;
    return { gongbi, server, store, pubsub, url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/sync`, logs };
  }

  beforeAll(async () => {
    schema = await createTestSchema();
    const pg = new URL(TEST_DATABASE_URL);
    const redis = new URL(TEST_REDIS_URL);
    pgProxy = await startTcpProxy(pg.hostname, Number(pg.port || 5432));
    redisProxy = await startTcpProxy(redis.hostname, Number(redis.port || 6379));
    const env = {
      DATABASE_URL: viaProxy(schema.url, pgProxy),
      REDIS_URL: viaProxy(TEST_REDIS_URL, redisProxy),
      GONGBI_REDIS_PREFIX: `gongbi-test-${randomTag()}:`,
      GONGBI_PG_TIMEOUT_MS: String(PG_TIMEOUT_MS),
      GONGBI_REDIS_TIMEOUT_MS: String(REDIS_TIMEOUT_MS),
      GONGBI_LOG_LEVEL: 'silent',
      GONGBI_IDLE_UNLOAD_MS: '60000',
    };
    instances.push(await instance(env), await instance(env));
    await seedDemoIfEmpty(instances[0]!.store, instances[0]!.gongbi.rooms);
    token = await signIn(over(instances[0]!.url), DEMO.coordinator);
  }, 60_000);

  afterEach(() => {
    for (const p of peers.splice(0)) p.destroy();
  });

  afterAll(async () => {
    await pgProxy?.restore();
    await redisProxy?.restore();
    for (const i of instances) {
      await i.gongbi.close();
      await new Promise<void>((r) => i.server.close(() => r()));
      await i.pubsub.close();
      await i.store.close();
    }
    await pgProxy?.close();
    await redisProxy?.close();
    await schema?.drop();
  });

  /** A request and how long its answer took. */
  async function timed(url: string, init?: RequestInit): Promise<{ status: number; ms: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const started = Date.now();
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
    const body = await res.json().catch(() => null);
    return { status: res.status, ms: Date.now() - started, body };
  }

  async function peer(at: Instance): Promise<Peer & { closes: number[] }> {
    const p = await connectSynced(at.wsUrl, DOC, token);
    peers.push(p);
    const closes: number[] = [];
    p.provider.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });
    return Object.assign(p, { closes });
  }

  const text = (p: Peer) => shortText(p.doc, 'partners', 'en').toString();

  async function storedText(at: Instance): Promise<string> {
    const fresh = await connectSynced(at.wsUrl, DOC, token);
    try {
      return text(fresh);
    } finally {
      fresh.destroy();
    }
  }

  async function recovers(at: Instance): Promise<void> {
    await waitFor(async () => (await timed(`${at.url}/api/health`)).status === 200, { timeout: 15_000, interval: 100, what: 'health to recover' }).catch(async (err: Error) => {
      // Say which part stayed degraded.
      throw new Error(`${err.message}: ${JSON.stringify((await timed(`${at.url}/api/health`)).body)}`);
    });
  }

  it('[OU3] PostgreSQL silent for 10 s: the writer is closed with 4503 and requests get 503 within the timeout; all resumes, nothing lost', async () => {
    const [A, B] = instances as [Instance, Instance];
    const a = await peer(A);
    const b = await peer(B);
    shortText(a.doc, 'partners', 'en').insert(0, 'acked-before-pg-silence ');
    await waitFor(() => text(b).includes('acked-before-pg-silence'), { what: 'the edit to reach the other instance' });

    const started = Date.now();
    pgProxy.silence();
    try {
    shortText(a.doc, 'partners', 'en').insert(0, 'typed-in-pg-silence ');
    await waitFor(() => a.closes.includes(4503), { timeout: PG_TIMEOUT_MS + SLACK_MS, interval: 20, what: 'the writer to be told (4503) within the PostgreSQL timeout' });

    const health = await timed(`${A.url}/api/health`);
    expect(health.status).toBe(503);
    expect(health.ms).toBeLessThan(PG_TIMEOUT_MS + SLACK_MS);
    expect(health.body).toMatchObject({ status: 'degraded', storage: { ok: false } });
    const api = await timed(`${B.url}/api/plans`, { headers: bearer(token) });
    expect(api.status).toBe(503);
    expect(api.ms).toBeLessThan(2 * PG_TIMEOUT_MS + SLACK_MS);
    expect(api.body.error.code).toBe('unavailable');

      await new Promise((r) => setTimeout(r, Math.max(0, SILENCE_MS - (Date.now() - started))));
    } finally {
      await pgProxy.restore();
    }
    await recovers(A);
    await recovers(B);
    await waitFor(() => a.provider.wsconnected && a.provider.synced, { timeout: 10_000, what: 'the writer to reconnect' });
    await waitFor(async () => (await storedText(B)).includes('typed-in-pg-silence'), { timeout: 10_000, interval: 100, what: 'the edit typed in the silence to be stored' });
    const stored = await storedText(A);
    expect(stored).toContain('acked-before-pg-silence');
    expect(stored).toContain('typed-in-pg-silence');
    await waitFor(() => text(b).includes('typed-in-pg-silence'), { timeout: 10_000, what: 'the other client to get it' });
  }, 60_000);

  it('[OU4] Redis silent for 10 s: a process that only reads is told (4503) within twice the Redis timeout; all resumes, nothing lost', async () => {
    const [A, B] = instances as [Instance, Instance];
    const a = await peer(A);
    const b = await peer(B);
    shortText(a.doc, 'partners', 'en').insert(0, 'acked-before-redis-silence ');
    await waitFor(() => text(b).includes('acked-before-redis-silence'), { what: 'the edit to reach the other instance' });

    const started = Date.now();
    redisProxy.silence();
    try {
    shortText(a.doc, 'partners', 'en').insert(0, 'typed-in-redis-silence ');
    await waitFor(() => b.closes.includes(4503), { timeout: 2 * REDIS_TIMEOUT_MS + SLACK_MS, interval: 20, what: 'the reader to be told (4503) within twice the Redis timeout' });
    const health = await timed(`${B.url}/api/health`);
    expect(health.status).toBe(503);
    expect(health.ms).toBeLessThan(REDIS_TIMEOUT_MS + SLACK_MS);
    expect(health.body).toMatchObject({ status: 'degraded', pubsub: { ok: false } });

      await new Promise((r) => setTimeout(r, Math.max(0, SILENCE_MS - (Date.now() - started))));
    } finally {
      await redisProxy.restore();
    }
    await recovers(A);
    await recovers(B);
    await waitFor(() => b.provider.wsconnected && b.provider.synced, { timeout: 10_000, what: 'the reader to reconnect' });
    await waitFor(() => text(b).includes('typed-in-redis-silence'), { timeout: 10_000, what: 'the reader to get the edit' });
    const stored = await storedText(B);
    expect(stored).toContain('acked-before-redis-silence');
    expect(stored).toContain('typed-in-redis-silence');
    // And live relaying works again between the instances.
    shortText(b.doc, 'partners', 'en').insert(0, 'after-redis-silence ');
    await waitFor(() => text(a).includes('after-redis-silence'), { timeout: 10_000, what: 'relay between instances to resume' });
  }, 60_000);

  it('[OU5] PostgreSQL refusing connections with SQLSTATE 55000: 503 "unavailable", one log line, no stack trace', async () => {
    const [A] = instances as [Instance, Instance];
    A.logs.length = 0;
    pgProxy.answerWith(postgresError('55000', 'cannot connect now'));
    try {
      // The pool first hears that its idle connections were closed; new ones then meet the refusal.
      await new Promise((r) => setTimeout(r, 300));
      A.logs.length = 0;
      const res = await timed(`${A.url}/api/plans`, { headers: bearer(token) });
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/try again in a moment/) });
      const lines = A.logs.filter((l) => l.fields?.path === '/api/plans');
      expect(lines.map((l) => l.msg)).toEqual(['dependency unavailable']);
      expect(lines[0]!.fields).not.toHaveProperty('stack');
      expect(String(lines[0]!.fields!.error)).toContain('cannot connect now');
    } finally {
      await pgProxy.restore();
    }
    await recovers(A);
  }, 30_000);
});
