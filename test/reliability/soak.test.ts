/**
 * Load and soak: 200 light raw-socket clients over 20 commitments edit for a bounded time,
 * converge, and leave. Afterwards every room is unloaded, no socket is left open, the
 * process holds no extra TCP handles, and the heap (after a full GC) is back near where it
 * started. Prints one `SOAK` line with the figures for the README.
 */
import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { renderCommitment } from '../../shared/schema/index.js';
import { bearer } from '../helpers/auth.js';
import { seededRng } from '../helpers/rng.js';
import { startTestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { randomEdit } from '../fuzz/edits.js';
import { connectRaw, type RawClient } from './rawClient.js';

const CLIENTS = 200;
const DOCS = 20;
const SECONDS = Number(process.env.GONGBI_SOAK_SECONDS ?? 20);
const SEED = 2024;
const EDITS_PER_CLIENT_PER_SECOND = 2;

/** A full collection, even when node was not started with --expose-gc. */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose_gc');
  return runInNewContext('gc') as () => void;
}

async function settledHeap(gc: () => void): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 20));
  }
  return process.memoryUsage().heapUsed;
}

const tcpHandles = () => process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length;
const mb = (n: number) => (n / 1048576).toFixed(1);

describe('[SY40] load and soak', () => {
  it(`${CLIENTS} clients over ${DOCS} documents edit for ${SECONDS} s, leave, and the server returns to its baseline (seed ${SEED})`, async () => {
    const gc = collector();
    const handlesBefore = tcpHandles();
    const tmp = tempDir('gongbi-soak-');
    const server = await startTestServer({ dataDir: tmp.dir, env: { GONGBI_IDLE_UNLOAD_MS: '500' } });
    try {
      // The demo's 19 commitments and one more.
      const created = await fetch(`${server.url}/api/plans/plan-nap1/commitments`, {
        method: 'POST',
        headers: { ...bearer(server.token), 'content-type': 'application/json' },
        body: JSON.stringify({ slug: '20-soak', domainId: 'd1', number: '20', title: { zh: '負載測試', en: 'Soak' }, leadAgency: { id: 'ndc', zh: '國家發展委員會', en: 'NDC' } }),
      });
      expect(created.status).toBe(201);
      const docs = (await server.store.listDocuments({ kind: 'commitment' })).map((d) => d.name).slice(0, DOCS);
      expect(docs).toHaveLength(DOCS);
      await waitFor(() => server.gongbi.rooms.size === 0, { timeout: 10_000, what: 'the seeded rooms to unload' });
      const heapBefore = await settledHeap(gc);
      const rssBefore = process.memoryUsage().rss;

      let clients: RawClient[] | null = [];
      for (let i = 0; i < CLIENTS; i += 20) {
        clients.push(...(await Promise.all(Array.from({ length: 20 }, (_, j) => connectRaw(server.wsUrl, docs[(i + j) % DOCS]!, server.token, { timeoutMs: 15_000 })))));
      }
      expect(server.gongbi.rooms.size).toBe(DOCS);
      const peak = { sockets: server.gongbi.sockets.size, heap: process.memoryUsage().heapUsed };

      // Each client edits about twice a second (random edits through the shared accessors),
      // as far as the machine keeps up: the SOAK line reports the rate reached.
      const rng = seededRng(SEED);
      let edits = 0;
      const started = Date.now();
      const until = started + SECONDS * 1000;
      while (Date.now() < until) {
        const due = Math.min(50, Math.floor(((Date.now() - started) / 1000) * CLIENTS * EDITS_PER_CLIENT_PER_SECOND) - edits);
        for (let k = 0; k < due; k++) {
          randomEdit(rng, rng.pick(clients).doc);
          edits++;
        }
        await new Promise((r) => setTimeout(r, 10));
        peak.heap = Math.max(peak.heap, process.memoryUsage().heapUsed);
      }
      // Everything each client sent is durable, and every document converged.
      await Promise.all(clients.map((c) => c.ack(30_000)));
      for (const name of docs) {
        const room = server.gongbi.rooms.loaded(name)!;
        const mine = clients.filter((c, i) => docs[i % DOCS] === name);
        await waitFor(() => mine.every((c) => JSON.stringify(renderCommitment(c.doc)) === JSON.stringify(renderCommitment(room.doc))), {
          timeout: 20_000,
          interval: 100,
          what: `${name} to converge`,
        });
      }
      for (const c of clients) expect(c.sync.denied, 'no refusals').toEqual([]);

      // Everyone leaves.
      await Promise.all(clients.map((c) => c.close()));
      for (const c of clients) c.doc.destroy();
      clients = null;
      await waitFor(() => server.gongbi.sockets.size === 0, { what: 'every socket to close' });
      await waitFor(() => server.gongbi.rooms.size === 0, { timeout: 15_000, what: 'every room to unload' });
      const heapAfter = await settledHeap(gc);
      const rssAfter = process.memoryUsage().rss;
      const stored = (await Promise.all(docs.map(async (d) => (await server.store.loadDocument(d)).lastSeq))).reduce((a, b) => a + b, 0);

      console.log(
        `SOAK clients=${CLIENTS} docs=${DOCS} seconds=${SECONDS} edits=${edits} (${Math.round(edits / SECONDS)}/s) storedUpdates=${stored} ` +
          `heapBefore=${mb(heapBefore)}MB heapPeak=${mb(peak.heap)}MB heapAfter=${mb(heapAfter)}MB rssBefore=${mb(rssBefore)}MB rssAfter=${mb(rssAfter)}MB peakSockets=${peak.sockets}`,
      );
      // Near the baseline: a few MB of lazily built caches (prepared statements, JIT) at most.
      expect(heapAfter - heapBefore, `heap grew from ${mb(heapBefore)} to ${mb(heapAfter)} MB`).toBeLessThan(Math.max(24 * 1048576, heapBefore * 0.25));
    } finally {
      await server.close();
      tmp.remove();
    }
    await waitFor(() => tcpHandles() <= handlesBefore, { what: 'no TCP handle left open' });
  }, 180_000);
});
