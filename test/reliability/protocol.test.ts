/**
 * Two protocol rules the fuzzers found broken, each shown directly: an acknowledgement means
 * "stored" (SY10), and the changes Yjs makes by itself in the server's document are stored
 * and relayed like any other (SY28).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { shortText } from '../../shared/schema/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { connectRaw } from './rawClient.js';
import { containsAll, updateMessage } from './syncClient.js';

const DOC = 'c-08-labour-unions';

describe('sync protocol rules', () => {
  const tmp = tempDir();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dataDir: tmp.dir });
  });
  afterAll(async () => {
    await server.close();
    tmp.remove();
  });

  const storedDoc = async () => {
    const loaded = await server.store.loadDocument(DOC);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.mergeUpdates(loaded.state ? [loaded.state, ...loaded.updates] : loaded.updates));
    return doc;
  };

  it('[SY10] an acknowledgement arrives only when every update sent before it on that socket is in the store', async () => {
    const c = await connectRaw(server.wsUrl, DOC, server.token);
    const sent: Uint8Array[] = [];
    c.doc.on('update', (u: Uint8Array, origin: unknown) => origin !== c.sync && sent.push(u));
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 20; i++) shortText(c.doc, 'partners', 'en').insert(0, String(i % 10));
      shortText(c.doc, 'partners', 'en').delete(0, 5);
      const upTo = sent.length;
      let storedAtAck: Y.Doc | null = null;
      // Read the store the moment the acknowledgement arrives, before anything else runs.
      const acked = new Promise<void>((resolve) => {
        const prev = c.sync.onAck;
        c.sync.onAck = (id) => {
          prev?.(id);
          c.sync.onAck = prev;
          void storedDoc().then((d) => {
            storedAtAck = d;
            resolve();
          });
        };
      });
      await c.ack();
      await acked;
      expect(containsAll(storedAtAck!, sent.slice(0, upTo)), `round ${round}`).toBe(true);
    }
    await c.close();
  });

  it("[SY28] Yjs's own cleanup in the server's document (redundant formatting after concurrent bold) is stored and sent to everyone", async () => {
    const a = await connectRaw(server.wsUrl, DOC, server.token);
    const b = await connectRaw(server.wsUrl, DOC, server.token);
    // Both format the same text bold without seeing each other, and send nothing else:
    // the only cleanup is the one the server makes when the second arrives.
    a.sync.detach();
    b.sync.detach();
    const format = (doc: Y.Doc) => {
      const sv = Y.encodeStateVector(doc);
      shortText(doc, 'title', 'zh').format(0, 4, { bold: {} });
      return Y.encodeStateAsUpdate(doc, sv);
    };
    const fa = format(a.doc);
    const fb = format(b.doc);
    const seen = a.received.length;
    a.send(updateMessage(fa));
    b.send(updateMessage(fb));
    const room = server.gongbi.rooms.loaded(DOC)!;
    await waitFor(() => containsAll(room.doc, [fa, fb]), { what: 'both to arrive' });
    await room.whenDurable();
    const stored = await storedDoc();
    // The store holds what the room holds, deletions included.
    expect(Y.equalSnapshots(Y.snapshot(stored), Y.snapshot(room.doc))).toBe(true);
    // And the clients were sent the server's cleanup: a, the first sender, receives b's
    // update and a second one made by the server.
    await waitFor(() => a.received.length - seen >= 2, { what: 'the relays to a' });
    for (const m of a.received.slice(seen)) a.sync.receive(m);
    expect(Y.equalSnapshots(Y.snapshot(a.doc), Y.snapshot(room.doc))).toBe(true);
    await a.close();
    await b.close();
  });
});
