/**
 * The end-to-end convergence fuzzer: stock y-websocket providers against a real server on a
 * real port, random edits (the same generator as the in-memory fuzzer), random offline
 * periods, and a server restart in the middle on the same data dir and port (the providers
 * reconnect by themselves). At the end every client, the server's room, a fresh client and
 * the store render the same JSON. Timing is real, so a seed fixes the edits, not the
 * interleaving; the seed is in every failure message all the same.
 */
import * as Y from 'yjs';
import { renderCommitment } from '../../shared/schema/index.js';
import { connectSynced, type Peer } from '../helpers/peers.js';
import { seededRng } from '../helpers/rng.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { randomEdit } from './edits.js';

export interface RealOptions {
  seed: number;
  /** Number of providers; default 3–5 from the seed. */
  clients?: number;
  /** Random steps (edit or connectivity change); default 200. */
  steps?: number;
  /** Restart the server half-way (default true). */
  restart?: boolean;
  /** How long the end state may take to converge, in ms. */
  settleMs?: number;
}

export interface RealReport {
  seed: number;
  clients: number;
  edits: number;
  offlinePeriods: number;
  restarts: number;
  storedUpdates: number;
}

const DOC = 'c-05-environmental-disclosure';
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const noPending = (doc: Y.Doc) => doc.store.pendingStructs === null && doc.store.pendingDs === null;

/**
 * Runs one seeded end-to-end session; throws with the seed and the last events on failure.
 * @example await runRealFuzz({ seed: 7, steps: 100 });
 */
export async function runRealFuzz(opts: RealOptions): Promise<RealReport> {
  const rng = seededRng(opts.seed);
  const k = opts.clients ?? 3 + rng.int(3);
  const steps = opts.steps ?? 200;
  const log: string[] = [];
  const report: RealReport = { seed: opts.seed, clients: k, edits: 0, offlinePeriods: 0, restarts: 0, storedUpdates: 0 };
  const tmp = tempDir('gongbi-fuzz-');
  let server: TestServer | null = null;
  const peers: Peer[] = [];
  const note = (e: string) => {
    log.push(e);
    if (log.length > 60) log.shift();
  };
  try {
    server = await startTestServer({ dataDir: tmp.dir });
    // Rooms stay loaded for the whole run; the restart is the only unload.
    for (let i = 0; i < k; i++) peers.push(await connectSynced(server.wsUrl, DOC, server.token));
    const restartAt = opts.restart === false ? -1 : Math.floor(steps / 3) + rng.int(Math.floor(steps / 3));
    for (let step = 0; step < steps; step++) {
      if (step === restartAt) {
        note('server restart');
        const { port, url } = server;
        await server.close();
        server = null;
        // Flush fetch's pooled keep-alive socket to the old server, which would fail the sign-in.
        await fetch(`${url}/api/health`).catch(() => {});
        server = await startTestServer({ dataDir: tmp.dir, port });
        report.restarts++;
      }
      const i = rng.int(k);
      const p = peers[i]!;
      if (rng.next() < 0.04) {
        if (p.provider.shouldConnect) {
          p.provider.disconnect();
          report.offlinePeriods++;
          note(`${i} offline`);
        } else {
          p.provider.connect();
          note(`${i} online`);
        }
      } else {
        note(`${i}${p.provider.wsconnected ? '' : ' (offline)'}: ${randomEdit(rng, p.doc)}`);
        report.edits++;
      }
      // Let the sockets work: usually a turn of the event loop, sometimes a few ms.
      await pause(rng.next() < 0.8 ? 0 : rng.int(15));
    }

    note('all online');
    for (const p of peers) if (!p.provider.shouldConnect) p.provider.connect();
    const live = server;
    const roomJson = () => {
      const room = live.gongbi.rooms.loaded(DOC);
      return room ? JSON.stringify(renderCommitment(room.doc)) : '';
    };
    await waitFor(
      () => {
        const want = roomJson();
        return want !== '' && peers.every((p) => p.provider.synced && JSON.stringify(renderCommitment(p.doc)) === want);
      },
      { timeout: opts.settleMs ?? 15_000, interval: 50, what: 'every client to converge with the server' },
    ).catch((err: Error) => {
      const want = roomJson();
      const states = peers.map((p, i) => `${i}: synced=${p.provider.synced} same=${JSON.stringify(renderCommitment(p.doc)) === want}`);
      throw new Error(`${err.message} (${states.join(', ')})`);
    });
    const room = live.gongbi.rooms.loaded(DOC)!;
    await room.whenDurable();
    const want = JSON.stringify(renderCommitment(room.doc));
    if (!noPending(room.doc)) throw new Error('the server room has pending structs');
    peers.forEach((p, i) => {
      if (!noPending(p.doc)) throw new Error(`client ${i} has pending structs`);
    });
    const fresh = await connectSynced(live.wsUrl, DOC, live.token);
    peers.push(fresh);
    if (JSON.stringify(renderCommitment(fresh.doc)) !== want) throw new Error('a fresh client renders differently from the server');
    const loaded = await live.store.loadDocument(DOC);
    report.storedUpdates = loaded.lastSeq;
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.mergeUpdates(loaded.state ? [loaded.state, ...loaded.updates] : loaded.updates));
    if (JSON.stringify(renderCommitment(stored)) !== want) throw new Error('the stored document renders differently from the server');
    if (!noPending(stored)) throw new Error('the stored document has pending structs');
    stored.destroy();
    return report;
  } catch (err) {
    throw new Error(`seed ${opts.seed}: ${(err as Error).message}\n  replay: runRealFuzz({ seed: ${opts.seed} })\n  last events:\n    ${log.slice(-30).join('\n    ')}`, { cause: err });
  } finally {
    for (const p of peers) p.destroy();
    await server?.close().catch(() => {});
    tmp.remove();
  }
}
