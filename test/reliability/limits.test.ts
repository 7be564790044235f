/**
 * Resource limits of the sync endpoint: message rate per socket (token bucket, 4429), message
 * size (4413, and ws's own frame limit), document size (4413 "document too large") and
 * connections per process (1013). Each limit closes only the socket over it; nothing past
 * the limit is applied, and everyone else keeps working.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { MSG } from '../../shared/protocol/messages.js';
import { renderCommitment, shortText } from '../../shared/schema/index.js';
import { connectSynced, type Peer } from '../helpers/peers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { connectRaw, openRaw, type RawClient } from './rawClient.js';
import { encodeMessage, updateMessage } from './syncClient.js';

const DOC = 'c-07-regional-revitalization';

describe('resource limits', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });

  async function serverWith(env: Record<string, string>): Promise<TestServer> {
    const tmp = tempDir();
    const server = await startTestServer({ dataDir: tmp.dir, env });
    cleanups.push(tmp.remove, () => server.close());
    return server;
  }
  async function peer(server: TestServer): Promise<Peer> {
    const p = await connectSynced(server.wsUrl, DOC, server.token);
    cleanups.push(() => p.destroy());
    return p;
  }
  async function raw(server: TestServer): Promise<RawClient> {
    const c = await connectRaw(server.wsUrl, DOC, server.token);
    cleanups.push(() => c.close());
    return c;
  }
  async function othersStillSync(a: Peer, b: Peer): Promise<void> {
    const mark = `ok${Math.random().toString(36).slice(2, 8)}`;
    shortText(a.doc, 'partners', 'en').insert(0, mark);
    await waitFor(() => shortText(b.doc, 'partners', 'en').toString().startsWith(mark), { what: 'the others to keep syncing' });
  }

  it('[SY30] a socket sending faster than its message rate is closed with 4429, and nothing it sent past the limit is applied', async () => {
    // One token a second: over the test's few seconds the refill is negligible next to the burst.
    const server = await serverWith({ GONGBI_WS_MESSAGES_PER_SECOND: '1', GONGBI_WS_MESSAGE_BURST: '100' });
    const [a, b] = [await peer(server), await peer(server)];
    const flood = await raw(server);
    flood.sync.detach();
    // 300 edits written at once: the first 98 fit the burst (the client's step 1 and its answer to the server's took two tokens).
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(flood.doc));
    const text = shortText(local, 'title', 'en');
    const before = text.length;
    const updates: Uint8Array[] = [];
    local.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 300; i++) text.insert(0, '#');
    for (const u of updates) flood.send(updateMessage(u));
    const started = Date.now();
    const { code, reason } = await flood.closed;
    const refill = Math.ceil((Date.now() - started) / 1000) + 1;
    expect(code).toBe(4429);
    expect(reason).toMatch(/too many messages/);
    const room = server.gongbi.rooms.loaded(DOC)!;
    await room.whenDurable();
    const applied = shortText(room.doc, 'title', 'en').length - before;
    expect(applied).toBeGreaterThanOrEqual(98);
    expect(applied).toBeLessThanOrEqual(98 + refill);
    await othersStillSync(a, b);
    // A client within the limit is never closed: 60 messages in a burst of 100.
    const calm = await raw(server);
    for (let i = 0; i < 60; i++) calm.send(encodeMessage((e) => encoding.writeVarUint(e, MSG.queryAwareness)));
    await calm.ack();
    expect(calm.isOpen()).toBe(true);
  });

  it('[SY31] a message over GONGBI_MAX_MESSAGE_BYTES is refused with 4413; far over it, ws cuts the frame (1009); others unaffected', async () => {
    const max = 16 * 1024;
    const server = await serverWith({ GONGBI_MAX_MESSAGE_BYTES: String(max) });
    const [a, b] = [await peer(server), await peer(server)];
    // Just under the limit: read and handled (an empty update padded with zeros).
    const under = await raw(server);
    under.send(updateMessage(new Uint8Array(max - 16)));
    await under.ack();
    expect(under.isOpen()).toBe(true);
    const over = await raw(server);
    over.send(new Uint8Array(max + 1));
    expect((await over.closed).code).toBe(4413);
    const far = await raw(server);
    far.send(new Uint8Array(max * 4 + 1));
    expect([1009, 4413]).toContain((await far.closed).code);
    await othersStillSync(a, b);
  });

  it('[SY32] an update that would grow a document past GONGBI_MAX_DOCUMENT_BYTES is refused (4413), not stored, and the document still works', async () => {
    const server = await serverWith({ GONGBI_MAX_DOCUMENT_BYTES: String(96 * 1024) });
    const [a, b] = [await peer(server), await peer(server)];
    const room = server.gongbi.rooms.loaded(DOC)!;
    const size = () => Y.encodeStateAsUpdate(room.doc).byteLength;
    expect(size()).toBeLessThan(32 * 1024);
    // Writing and deleting much more than the limit in total is fine: only the size counts.
    const w = await raw(server);
    for (let i = 0; i < 6; i++) {
      const t = shortText(w.doc, 'partners', 'zh');
      t.insert(0, '測'.repeat(10_000));
      t.delete(0, 10_000);
      await w.ack();
    }
    expect(w.isOpen()).toBe(true);
    const seqBefore = (await server.store.loadDocument(DOC)).lastSeq;
    const jsonBefore = JSON.stringify(renderCommitment(room.doc));
    // 120 KB of new text at once does not fit.
    shortText(w.doc, 'partners', 'zh').insert(0, '大'.repeat(40_000));
    const { code, reason } = await w.closed;
    expect(code).toBe(4413);
    expect(reason).toMatch(/document too large/);
    expect(w.sync.denied.join(' ')).toMatch(/document_too_large/);
    await room.whenDurable();
    expect((await server.store.loadDocument(DOC)).lastSeq).toBe(seqBefore);
    expect(JSON.stringify(renderCommitment(room.doc))).toBe(jsonBefore);
    // Small edits still go through, for everyone else.
    await othersStillSync(a, b);
  });

  it('[SY33] beyond GONGBI_MAX_CONNECTIONS a new socket is closed with 1013 (try again later); a freed slot can be used again', async () => {
    const server = await serverWith({ GONGBI_MAX_CONNECTIONS: '4' });
    const open: RawClient[] = [];
    for (let i = 0; i < 4; i++) open.push(await raw(server));
    const refused = await openRaw(server.wsUrl, DOC, server.token, { sync: false }).then(
      (c) => c.closed,
      (err: Error) => ({ code: Number(/closed before opening: (\d+)/.exec(err.message)?.[1] ?? 0), reason: err.message }),
    );
    expect(refused.code).toBe(1013);
    expect(refused.reason).toMatch(/try again later/);
    expect(server.gongbi.sockets.size).toBe(4);
    await open[0]!.close();
    await waitFor(() => server.gongbi.sockets.size === 3, { what: 'the slot to be freed' });
    const again = await raw(server);
    expect(again.sync.synced).toBe(true);
  });
});
