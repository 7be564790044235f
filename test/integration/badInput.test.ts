/**
 * Bad input never hurts anyone else: a malformed, truncated, oversized or unknown message
 * closes only its sender's socket with a clear reason; the other clients keep syncing and
 * the stored document is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { renderCommitment, shortText } from '../../shared/schema/index.js';
import { connectSynced, type Peer } from '../helpers/peers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';

const DOC = 'c-03-privacy';
const MAX = 64 * 1024;

function message(...parts: Array<['uint', number] | ['bytes', Uint8Array] | ['raw', Uint8Array]>): Uint8Array {
  const e = encoding.createEncoder();
  for (const [kind, v] of parts) {
    if (kind === 'uint') encoding.writeVarUint(e, v);
    else if (kind === 'bytes') encoding.writeVarUint8Array(e, v);
    else encoding.writeUint8Array(e, v);
  }
  return encoding.toUint8Array(e);
}

/** A valid update that really changes the document (made on a copy of it). */
function realUpdate(base: Y.Doc): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  const sv = Y.encodeStateVector(copy);
  shortText(copy, 'title', 'zh').insert(0, '惡意');
  return Y.encodeStateAsUpdate(copy, sv);
}

const cases: Array<{ name: string; data: (base: Y.Doc) => Uint8Array | string; code: number }> = [
  { name: 'random bytes', data: () => Uint8Array.from([0xff, 0xfe, 0x13, 0x37, 0x00, 0x42]), code: 4400 },
  { name: 'an empty message', data: () => new Uint8Array(0), code: 4400 },
  { name: 'an unknown message type', data: () => message(['uint', 77], ['uint', 1]), code: 4400 },
  { name: 'an unknown sync subtype', data: () => message(['uint', 0], ['uint', 9], ['bytes', new Uint8Array(2)]), code: 4400 },
  { name: 'a truncated update (length prefix longer than the data)', data: (b) => message(['uint', 0], ['uint', 2], ['uint', 5000], ['raw', realUpdate(b).slice(0, 20)]), code: 4400 },
  { name: 'a huge length prefix', data: () => message(['uint', 0], ['uint', 2], ['uint', 2 ** 40], ['raw', new Uint8Array(8)]), code: 4400 },
  { name: 'a garbage update', data: () => message(['uint', 0], ['uint', 2], ['bytes', Uint8Array.from([5, 200, 1, 9, 9, 9, 9, 9, 1, 2, 3])]), code: 4400 },
  { name: 'a malformed awareness update', data: () => message(['uint', 1], ['bytes', Uint8Array.from([1, 7, 1, 3, 0x7b, 0x7b, 0x7b])]), code: 4400 },
  { name: 'a valid update followed by trailing bytes', data: (b) => message(['uint', 0], ['uint', 2], ['bytes', realUpdate(b)], ['raw', Uint8Array.from([1, 2, 3])]), code: 4400 },
  { name: 'a text frame', data: () => 'hello', code: 4400 },
  { name: 'an oversized message', data: (b) => message(['uint', 0], ['uint', 2], ['bytes', realUpdate(b)], ['raw', new Uint8Array(MAX + 10)]), code: 4413 },
];

describe('bad input', () => {
  let tmp: ReturnType<typeof tempDir>;
  let server: TestServer;
  let a: Peer;
  let b: Peer;

  beforeAll(async () => {
    tmp = tempDir();
    server = await startTestServer({ dataDir: tmp.dir, env: { GONGBI_MAX_MESSAGE_BYTES: String(MAX) } });
    a = await connectSynced(server.wsUrl, DOC, server.token);
    b = await connectSynced(server.wsUrl, DOC, server.token);
  });
  afterAll(async () => {
    a.destroy();
    b.destroy();
    await server.close();
    tmp.remove();
  });

  for (const c of cases) {
    it(`[SY20] ${c.name}: only the sender is closed (${c.code}), others keep syncing, nothing stored`, async () => {
      const room = server.gongbi.rooms.loaded(DOC)!;
      const seqBefore = room.lastSeq;
      const jsonBefore = JSON.stringify(renderCommitment(room.doc));
      const ws = new WebSocket(`${server.wsUrl}/${DOC}?token=${server.token}`);
      await new Promise((r) => ws.once('open', r));
      const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
      ws.send(c.data(room.doc));
      const { code, reason } = await closed;
      expect(code).toBe(c.code);
      expect(reason.length).toBeGreaterThan(0);
      expect(room.lastSeq).toBe(seqBefore);
      expect(JSON.stringify(renderCommitment(room.doc))).toBe(jsonBefore);
      // The others still sync with each other through the server.
      const mark = `ok-${Math.random().toString(36).slice(2, 8)}`;
      shortText(a.doc, 'partners', 'en').insert(0, mark);
      await waitFor(() => shortText(b.doc, 'partners', 'en').toString().startsWith(mark), { what: 'the other clients to keep syncing' });
      expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
    });
  }

  it('[SY21] the stored document equals what the well-behaved clients hold', async () => {
    const stored = await server.gongbi.rooms.read(DOC, renderCommitment);
    expect(stored).toEqual(renderCommitment(a.doc));
    expect(shortText(a.doc, 'title', 'zh').toString()).not.toContain('惡意');
  });
});
