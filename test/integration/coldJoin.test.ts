/**
 * Joining a compacted document that no room holds yet (a restarted or idle-unloaded server):
 * the joiner with nothing gets the stored state as it is, before the server has built the
 * Y.Doc (server/sync/room.ts, `stored`); the document is built right after, and everything
 * that needs it (the server's step 1, access, writes) works as on a loaded document.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { MSG } from '../../shared/protocol/messages.js';
import { shortText } from '../../shared/schema/index.js';
import { SYNC_STEP1, SYNC_STEP2 } from '../../server/sync/messages.js';
import { SqliteStore } from '../../server/storage/index.js';
import { applyLoaded } from '../../server/sync/applyLoaded.js';
import { DEMO, over, signIn } from '../helpers/auth.js';
import { connectSynced, type Peer } from '../helpers/peers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { openRaw, synced, type RawClient } from '../reliability/rawClient.js';

const DOC = 'c-01-open-data-reuse';
const text = (doc: Y.Doc) => shortText(doc, 'partners', 'zh');
/** Sync subtypes the client received, in order. */
const syncSubtypes = (c: RawClient) => c.received.filter((m) => m[0] === MSG.sync).map((m) => m[1]);

/** Merges DOC's log into its stored state (server stopped), as an idle unload leaves it. */
async function compactStored(dataDir: string): Promise<void> {
  const store = new SqliteStore({ file: join(dataDir, 'gongbi.db') });
  try {
    const loaded = await store.loadDocument(DOC);
    if (loaded.updates.length > 0) {
      const doc = new Y.Doc();
      applyLoaded(doc, loaded, null);
      await store.compact(DOC, Y.encodeStateAsUpdate(doc), loaded.lastSeq);
    }
    const after = await store.loadDocument(DOC);
    expect(after.updates).toHaveLength(0);
    expect(after.state).not.toBeNull();
  } finally {
    await store.close();
  }
}

describe('cold join of a compacted document', () => {
  const tmp = tempDir();
  let server: TestServer;
  const clients: RawClient[] = [];
  const peers: Peer[] = [];

  beforeEach(async () => {
    if (!server) {
      // First run: seed, and leave an edit in the log.
      server = await startTestServer({ dataDir: tmp.dir });
      const c = await openRaw(server.wsUrl, DOC, server.token);
      await synced(c);
      text(c.doc).insert(0, '冷啟動');
      await c.ack();
      await c.close();
      await server.close();
    }
    await compactStored(tmp.dir);
    server = await startTestServer({ dataDir: tmp.dir });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    for (const p of peers.splice(0)) p.destroy();
    await server.close();
  });
  afterAll(() => tmp.remove());

  it('answers a joiner with nothing from the stored state before building the document, then sends its step 1', async () => {
    const c = await openRaw(server.wsUrl, DOC, server.token);
    clients.push(c);
    await synced(c);
    expect(text(c.doc).toString()).toMatch(/^冷啟動/);
    // The server's step 1 needs the built document: it comes after the reply, not before.
    await waitFor(() => syncSubtypes(c).includes(SYNC_STEP1), { what: "the server's step 1" });
    expect(syncSubtypes(c).slice(0, 2)).toEqual([SYNC_STEP2, SYNC_STEP1]);
  });

  it('builds the document for a joiner that sends nothing, which still gets the step 1', async () => {
    const c = await openRaw(server.wsUrl, DOC, server.token, { sync: false });
    clients.push(c);
    await waitFor(() => syncSubtypes(c).includes(SYNC_STEP1), { what: "the server's step 1", timeout: 2000 });
  });

  it('a joiner that already holds part of the document gets only what it lacks, after the step 1 as before', async () => {
    const old = new Y.Doc();
    applyLoaded(old, await server.store.loadDocument(DOC), null);
    const c = await openRaw(server.wsUrl, DOC, server.token, { doc: old });
    clients.push(c);
    await synced(c);
    expect(syncSubtypes(c).slice(0, 2)).toEqual([SYNC_STEP1, SYNC_STEP2]);
  });

  it('keeps the access rules: a viewer is refused, a coordinator writes and the others see it', async () => {
    const viewerToken = await signIn(over(server.url), DEMO.viewer);
    const viewer = await openRaw(server.wsUrl, DOC, viewerToken);
    clients.push(viewer);
    await synced(viewer);
    text(viewer.doc).insert(0, '不可');
    await waitFor(() => viewer.sync.denied.length > 0, { what: 'the refusal' });

    const writer = await openRaw(server.wsUrl, DOC, server.token);
    clients.push(writer);
    await synced(writer);
    const reader = await connectSynced(server.wsUrl, DOC, server.token);
    peers.push(reader);
    text(writer.doc).insert(0, '可以');
    await writer.ack();
    await waitFor(() => text(reader.doc).toString().startsWith('可以'), { what: 'the relay' });
    expect(text(reader.doc).toString()).not.toContain('不可');
    const stored = new Y.Doc();
    applyLoaded(stored, await server.store.loadDocument(DOC), null);
    expect(text(stored).toString()).toMatch(/^可以冷啟動/);
  });

  it('a stored state that cannot be read closes that document (4503) and nothing else', async () => {
    await server.close();
    const OTHER = 'c-02-open-data-platform';
    await (async () => {
      const db = new Database(join(tmp.dir, 'gongbi.db'));
      db.prepare('UPDATE documents SET state = ?, compacted_seq = last_seq WHERE name = ?').run(Buffer.alloc(20, 255), OTHER);
      db.close();
    })();
    server = await startTestServer({ dataDir: tmp.dir });
    // A joiner with nothing may first get the stored bytes as they are; y-protocols catches
    // what it cannot apply (and logs it), as a stock client does. Then the room closes.
    const broken = await openRaw(server.wsUrl, OTHER, server.token);
    clients.push(broken);
    expect((await broken.closed).code).toBe(4503);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    const fine = await openRaw(server.wsUrl, DOC, server.token);
    clients.push(fine);
    await synced(fine);
    expect(text(fine.doc).toString()).toMatch(/冷啟動/);
  });
});
