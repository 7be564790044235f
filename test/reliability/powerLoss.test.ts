/**
 * Power loss: what the disk holds after a power cut is what the last completed fsync covered.
 * The store is watched at its fsync (`syncLog`): as each fsync starts, the database is copied
 * as it stands (every commit so far, which that fsync makes durable), and the copy becomes
 * "the disk after a power cut" once the fsync returns. Cut at random moments of a write stream,
 * every acknowledged update must be in that copy; a server started on it and the writer
 * reconnecting (its replica resends what was relayed but not fsynced) end with everything the
 * writer had.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { SqliteStore, type SqliteOptions } from '../../server/storage/index.js';
import { applyLoaded } from '../../server/sync/applyLoaded.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { seededRng } from '../helpers/rng.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { randomEdit } from '../fuzz/edits.js';
import { connectRaw } from './rawClient.js';
import { containsAll } from './syncClient.js';

const DOC = 'c-03-privacy';
const CUTS = 6;
const SEED = 20260404;

/** A SqliteStore whose disk, as a power cut would leave it, the test can take at any moment. */
function watchedStore(options: SqliteOptions): { store: SqliteStore; afterPowerCut(): Buffer | null; fsyncs(): number } {
  const store = new SqliteStore(options);
  const fsync = store.syncLog;
  if (!fsync) throw new Error('the store fsyncs on every commit: GONGBI_RELAY_AFTER=log and FULL expected');
  let durable: Buffer | null = null;
  let count = 0;
  (store as { syncLog?: () => Promise<void> }).syncLog = async () => {
    const image = store.db.serialize();
    await fsync();
    durable = image;
    count++;
  };
  return { store, afterPowerCut: () => durable, fsyncs: () => count };
}

/** The document as a server started on `image` would load it. */
async function loadFromImage(image: Buffer, dir: string): Promise<Y.Doc> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'gongbi.db'), image);
  const store = new SqliteStore({ file: join(dir, 'gongbi.db') });
  try {
    const doc = new Y.Doc();
    applyLoaded(doc, await store.loadDocument(DOC), null);
    return doc;
  } finally {
    await store.close();
  }
}

describe('[ST21] a power cut loses no acknowledged update; the writers resend the rest', () => {
  const tmp = tempDir('gongbi-power-');
  let server: TestServer | null = null;
  let after: TestServer | null = null;
  afterAll(async () => {
    await server?.close();
    await after?.close();
    tmp.remove();
  });

  it(`${CUTS} cuts at random moments of a write stream (seed ${SEED})`, async () => {
    const rng = seededRng(SEED);
    let watched!: ReturnType<typeof watchedStore>;
    server = await startTestServer({
      dataDir: join(tmp.dir, 'live'),
      // The writer streams as fast as the machine lets it; on a fast one that passes the
      // per-socket message budget (1,000 burst, 300/s), whose closing is another test's subject.
      env: { GONGBI_WS_MESSAGES_PER_SECOND: '1000000', GONGBI_WS_MESSAGE_BURST: '1000000' },
      makeStore: (options) => (watched = watchedStore(options)).store,
    });
    const writerDoc = new Y.Doc();
    const writer = await connectRaw(server.wsUrl, DOC, server.token, { doc: writerDoc });
    const sent: Uint8Array[] = [];
    writerDoc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== writer.sync) sent.push(u);
    });
    const acked: Uint8Array[] = [];
    let lostRelayed = 0;
    let image: Buffer | null = null;
    let promised: Uint8Array[] = [];

    for (let cut = 0; cut < CUTS; cut++) {
      const until = Date.now() + 50 + rng.int(250);
      const acks: Array<Promise<void>> = [];
      while (Date.now() < until) {
        for (let i = 0, n = 1 + rng.int(4); i < n; i++) randomEdit(rng, writerDoc);
        const upTo = sent.length;
        acks.push(writer.ack(10_000).then(() => void acked.push(...sent.slice(acked.length, upTo))));
        await new Promise((r) => setImmediate(r));
      }
      // The cut: the disk as the last completed fsync left it, and what the writer had been told by then.
      image = watched.afterPowerCut();
      promised = acked.slice();
      expect(image, 'at least one fsync completed before the cut').not.toBeNull();
      const onDisk = await loadFromImage(image!, join(tmp.dir, `cut-${cut}`));
      if (!containsAll(onDisk, promised)) throw new Error(`seed ${SEED}: cut ${cut}: an acknowledged update is not on the disk`);
      if (!containsAll(onDisk, sent)) lostRelayed++;
      onDisk.destroy();
      await Promise.all(acks);
    }
    expect(acked.length, 'acknowledged updates over the run').toBeGreaterThan(CUTS);
    expect(watched.fsyncs(), 'fsyncs grouped (fewer than the acknowledged updates)').toBeLessThan(acked.length);

    // Power back on the last cut's disk: the writer reconnects with everything it made.
    await writer.close();
    await server.close();
    server = null;
    const dir = join(tmp.dir, 'restored');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'gongbi.db'), image!);
    after = await startTestServer({ dataDir: dir });
    const fresh = await connectRaw(after.wsUrl, DOC, after.token);
    expect(containsAll(fresh.doc, promised), 'every update acknowledged before the cut, after the restart').toBe(true);
    await fresh.close();
    const back = await connectRaw(after.wsUrl, DOC, after.token, { doc: writerDoc });
    await back.ack(10_000);
    await back.close();
    const reader = await connectRaw(after.wsUrl, DOC, after.token);
    await waitFor(() => containsAll(reader.doc, sent), { what: 'the edits the writer resent' });
    expect(containsAll(reader.doc, sent), 'everything the writer had, once it reconnected').toBe(true);
    await reader.close();
    // Not asserted (it depends on the disk's speed): how often a cut took back something relayed.
    console.log(`[ST21] ${CUTS} cuts, ${acked.length} acknowledged updates, ${watched.fsyncs()} fsyncs, ${lostRelayed} cuts left out updates the writer had sent but not yet been acknowledged`);
  }, 120_000);
});
