/**
 * Crash safety: the server process (`server/index.ts`, bundled once; see bundledServer.ts) is
 * SIGKILLed at random points of a write stream, again and again on one data directory. Before each kill a client streams edits and asks for
 * durability acknowledgements while a second client only reads; after each restart a fresh
 * client holds every acknowledged update and everything the reader was sent (relays leave once
 * an update is in the log, before its fsync: a kill must not take them back), and the SQLite
 * file passes `PRAGMA integrity_check`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { SpawnedServer } from '../helpers/server.js';
import { seededRng } from '../helpers/rng.js';
import { tempDir } from '../helpers/tempDir.js';
import { randomEdit } from '../fuzz/edits.js';
import { removeBundle, spawnBundledServer } from './bundledServer.js';
import { connectRaw, type RawClient } from './rawClient.js';
import { containsAll } from './syncClient.js';

const DOC = 'c-03-privacy';
const KILLS = 20;
const SEED = 20211231;

describe('[ST20] SIGKILL at random points of a write stream loses no acknowledged update', () => {
  const tmp = tempDir('gongbi-crash-');
  let server: SpawnedServer | null = null;
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await server?.exited;
    await removeBundle();
    tmp.remove();
  });

  it(`${KILLS} kills, each followed by restart, integrity check and verification (seed ${SEED})`, async () => {
    const rng = seededRng(SEED);
    const writerDoc = new Y.Doc();
    /** Every update the server acknowledged as durable, over all runs. */
    const acked = new Set<Uint8Array>();
    /** The reader's whole state at each kill: everything the server had relayed to it. */
    const relayed: Uint8Array[] = [];
    let token = '';
    let killedMidStream = 0;
    const fail = (msg: string) => new Error(`seed ${SEED}: ${msg}`);

    for (let cycle = 0; cycle <= KILLS; cycle++) {
      // Seeded and signed in once; the session survives the kills.
      // The real server process (bundled once, so twenty restarts stay fast).
      server = await spawnBundledServer({ dataDir: tmp.dir, env: cycle === 0 ? {} : { GONGBI_SEED_DEMO: '0' } });
      token ||= server.token;

      // A client that never saw anything: what it loads is what the server stored.
      const fresh = await connectRaw(server.wsUrl, DOC, token);
      if (!containsAll(fresh.doc, [...acked])) throw fail(`after kill ${cycle} an acknowledged update is missing`);
      if (!containsAll(fresh.doc, relayed)) throw fail(`after kill ${cycle} an update the reader had been sent is missing`);
      await fresh.close();
      if (cycle === KILLS) break;

      // The writer comes back with everything it made (acknowledged or not) and streams more.
      const writer: RawClient = await connectRaw(server.wsUrl, DOC, token, { doc: writerDoc });
      const reader: RawClient = await connectRaw(server.wsUrl, DOC, token);
      const sent: Uint8Array[] = [];
      const onUpdate = (u: Uint8Array, origin: unknown) => {
        if (origin !== writer.sync) sent.push(u);
      };
      writerDoc.on('update', onUpdate);
      const killAfterMs = rng.int(120);
      const started = Date.now();
      let outstanding = 0;
      let ackedThisCycle = 0;
      const acks: Array<Promise<void>> = [];
      do {
        for (let i = 0, n = 1 + rng.int(5); i < n; i++) randomEdit(rng, writerDoc);
        const upTo = sent.length;
        outstanding++;
        acks.push(
          writer.ack(10_000).then(
            () => {
              outstanding--;
              ackedThisCycle++;
              for (const u of sent.slice(0, upTo)) acked.add(u);
            },
            () => {}, // the kill closed the socket first: not acknowledged, no promise made
          ),
        );
        // Yield so the socket writes and acks come back; the kill lands between any two of them.
        await new Promise((r) => setImmediate(r));
        // On a loaded machine the first ack can take longer than the chosen moment: wait for one
        // (up to 5 s) so every cycle tests a stream the server has already promised part of.
      } while (Date.now() - started < killAfterMs || (ackedThisCycle === 0 && Date.now() - started < 5_000));
      if (outstanding > 0) killedMidStream++;
      server.child.kill('SIGKILL');
      await server.exited;
      writerDoc.off('update', onUpdate);
      await writer.close();
      // Closed by the kill: every message the server sent has been read by now.
      await reader.closed;
      relayed.push(Y.encodeStateAsUpdate(reader.doc));
      await Promise.allSettled(acks);

      const db = new Database(join(tmp.dir, 'gongbi.db'));
      try {
        expect(db.pragma('integrity_check', { simple: true }), `seed ${SEED}: integrity after kill ${cycle + 1}`).toBe('ok');
      } finally {
        db.close();
      }
    }
    server = null;
    expect(acked.size, 'acknowledged updates over the run (at least one per kill)').toBeGreaterThanOrEqual(KILLS);
    expect(killedMidStream, 'kills that landed with acknowledgements still outstanding').toBeGreaterThan(0);
  }, 240_000);
});
