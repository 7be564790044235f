/**
 * Three real server processes on one PostgreSQL schema and one Redis: they start at once and
 * seed the demo plan once; clients spread over them edit at random (seeded) and converge; one
 * process is killed with SIGKILL in the middle of the edits, its clients move to the others,
 * and nothing anyone had is lost — in the clients, in a fresh client, and in the database.
 * Compaction is set low (every 10 updates) so that every process compacts while the others
 * write. Skipped with a notice without PostgreSQL or Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { addMilestone, milestoneOrder, milestoneText, renderCommitment, shortText, type Lang } from '../../shared/schema/index.js';
import { demoPlan } from '../../server/seed/demoPlan.js';
import { PostgresStore } from '../../server/storage/index.js';
import { bearer } from '../helpers/auth.js';
import { connectSynced, type Peer } from '../helpers/peers.js';
import { seededRng, type SeededRng } from '../helpers/rng.js';
import { spawnServer, type SpawnedServer } from '../helpers/server.js';
import { TEST_DATABASE_URL, TEST_REDIS_URL, createTestSchema, postgresReachable, randomTag, redisReachable, skipNotice, type TestSchema } from '../helpers/services.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';

const [pgUp, redisUp] = await Promise.all([postgresReachable(), redisReachable()]);
const skip = skipNotice(
  !pgUp || !redisUp,
  `cluster tests: ${!pgUp ? `PostgreSQL at ${TEST_DATABASE_URL}` : `Redis at ${TEST_REDIS_URL}`} does not answer (set GONGBI_TEST_DATABASE_URL / GONGBI_TEST_REDIS_URL)`,
);

const DOC = 'c-02-open-data-platform';
const SEED = Number(process.env.GONGBI_CLUSTER_SEED ?? 20210101);
const LANGS: Lang[] = ['zh', 'en'];
const CHARS = '開放政府資料透明參與問責abcxyz ';

/** One random edit of a commitment, as a person would make it in the editor. */
function randomEdit(rng: SeededRng, doc: Y.Doc): void {
  const roll = rng.next();
  let text: Y.Text | undefined;
  if (roll < 0.05) {
    addMilestone(doc, {});
    return;
  }
  if (roll < 0.3 && milestoneOrder(doc).length) text = milestoneText(doc, rng.pick(milestoneOrder(doc)), 'text', rng.pick(LANGS));
  text ??= shortText(doc, rng.pick(['title', 'partners'] as const), rng.pick(LANGS));
  if (rng.next() < 0.25 && text.length > 0) {
    const at = rng.int(text.length);
    text.delete(at, Math.min(1 + rng.int(3), text.length - at));
  } else {
    text.insert(rng.int(text.length + 1), rng.pick([...CHARS]).repeat(1 + rng.int(2)));
  }
}

const json = (doc: Y.Doc) => JSON.stringify(renderCommitment(doc));
const sv = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));

/** True when `doc` holds everything described by the state vector `had`. */
function holdsAll(doc: Y.Doc, had: Map<number, number>): boolean {
  const now = sv(doc);
  for (const [client, clock] of had) if ((now.get(client) ?? 0) < clock) return false;
  return true;
}

describe.skipIf(skip)('cluster: three processes on PostgreSQL + Redis', () => {
  let schema: TestSchema;
  let servers: SpawnedServer[] = [];
  const tmp = tempDir();
  const peers: Peer[] = [];
  /** Which server each peer is connected to. */
  const home = new Map<Peer, number>();
  let token = '';

  beforeAll(async () => {
    schema = await createTestSchema();
    const env = {
      DATABASE_URL: schema.url,
      REDIS_URL: TEST_REDIS_URL,
      GONGBI_REDIS_PREFIX: `gongbi-test-${randomTag()}:`,
      GONGBI_COMPACT_AFTER: '10',
      GONGBI_LOG_LEVEL: 'error',
    };
    // All three at once: the seeding must happen once (advisory lock), migrations too.
    servers = await Promise.all([0, 1, 2].map(() => spawnServer({ dataDir: tmp.dir, env })));
    token = servers[0]!.token;
  }, 90_000);

  afterAll(async () => {
    for (const p of peers) p.destroy();
    for (const s of servers) s.child.kill('SIGKILL');
    await Promise.all(servers.map((s) => s.exited));
    await schema?.drop();
    tmp.remove();
  });

  it('[CL1] three processes starting at once seed the demo plan once, and share sessions', async () => {
    for (const s of servers) {
      // A session made on server 0 is good on every server (sessions live in PostgreSQL).
      const res = await fetch(`${s.url}/api/commitments`, { headers: bearer(token) });
      expect(res.status).toBe(200);
      expect((await res.json()).commitments).toHaveLength(demoPlan().commitments.length);
      const health = await (await fetch(`${s.url}/api/health`)).json();
      expect(health).toMatchObject({ status: 'ok', storage: { kind: 'postgres', ok: true }, pubsub: { kind: 'redis', ok: true } });
    }
    const expected = demoPlan().commitments.find((c) => c.id === DOC)!;
    const fresh = await connectSynced(servers[2]!.wsUrl, DOC, token);
    try {
      // Seeded three times, the title would be there three times.
      expect(renderCommitment(fresh.doc).title).toEqual(expected.title);
    } finally {
      fresh.destroy();
    }
  });

  it(`[CL2] clients spread over the processes edit at random and converge (seed ${SEED})`, async () => {
    const rng = seededRng(SEED);
    for (let i = 0; i < 6; i++) {
      const p = await connectSynced(servers[i % 3]!.wsUrl, DOC, token);
      peers.push(p);
      home.set(p, i % 3);
    }
    for (let i = 0; i < 300; i++) {
      randomEdit(rng, rng.pick(peers).doc);
      // Let the sockets breathe now and then, so edits cross each other in flight.
      if (i % 10 === 9) await new Promise((r) => setImmediate(r));
    }
    await waitFor(() => peers.every((p) => json(p.doc) === json(peers[0]!.doc)), { timeout: 20_000, what: `all clients to converge (seed ${SEED})` });
    for (const s of servers) {
      const fresh = await connectSynced(s.wsUrl, DOC, token);
      try {
        await waitFor(() => json(fresh.doc) === json(peers[0]!.doc), { timeout: 10_000, what: `a fresh client on ${s.url} to match` });
      } finally {
        fresh.destroy();
      }
    }
  }, 60_000);

  it(`[CL3] SIGKILL of one process while everyone types loses nothing; its clients move on (seed ${SEED + 1})`, async () => {
    const rng = seededRng(SEED + 1);
    const victim = servers[0]!;
    let edits = 0;
    let typing = true;
    const typingLoop = (async () => {
      while (typing) {
        for (let i = 0; i < 3; i++) randomEdit(rng, rng.pick(peers).doc);
        edits += 3;
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    await waitFor(() => edits >= 150, { timeout: 10_000, what: 'edits before the kill' });
    victim.child.kill('SIGKILL');
    await victim.exited;
    // What every client holds at this moment must survive: what reached the survivors' clients
    // was stored before it was relayed; what the victim's clients hold, they send again.
    const atKill = peers.map((p) => sv(p.doc));
    // A load balancer would send them elsewhere: point their providers at a survivor.
    for (const p of peers) {
      if (home.get(p) !== 0) continue;
      const to = 1 + rng.int(2);
      p.provider.serverUrl = servers[to]!.wsUrl;
      home.set(p, to);
    }
    await waitFor(() => edits >= 300, { timeout: 15_000, what: 'edits after the kill' });
    typing = false;
    await typingLoop;

    await waitFor(() => peers.every((p) => p.provider.wsconnected && p.provider.synced), { timeout: 15_000, what: 'every client to reconnect' });
    await waitFor(() => peers.every((p) => json(p.doc) === json(peers[0]!.doc)), { timeout: 20_000, what: `all clients to converge after the kill (seed ${SEED + 1})` });
    const final = peers[0]!.doc;
    atKill.forEach((had, i) => expect(holdsAll(final, had), `client ${i} had edits at the kill that were lost`).toBe(true));

    // A fresh client on each survivor, and the database itself, hold the same document.
    for (const s of servers.slice(1)) {
      const fresh = await connectSynced(s.wsUrl, DOC, token);
      try {
        await waitFor(() => json(fresh.doc) === json(final), { timeout: 10_000, what: `a fresh client on ${s.url} to match` });
      } finally {
        fresh.destroy();
      }
    }
    const store = await PostgresStore.open({ connectionString: schema.url, poolSize: 2 });
    try {
      await waitFor(async () => {
        const loaded = await store.loadDocument(DOC);
        const doc = new Y.Doc();
        Y.applyUpdate(doc, Y.mergeUpdates(loaded.state ? [loaded.state, ...loaded.updates] : loaded.updates));
        return json(doc) === json(final) && holdsAll(doc, sv(final));
      }, { timeout: 10_000, what: 'the database to hold the converged document' });
      expect((await store.loadDocument(DOC)).compactedSeq).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
    for (const s of servers.slice(1)) expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
  }, 90_000);
});
