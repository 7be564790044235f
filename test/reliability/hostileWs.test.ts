/**
 * Hostile input on the sync socket, beyond the hand-picked cases of badInput.test.ts: seeded
 * random bytes, every truncation and wrong type of real messages, huge length prefixes,
 * crafted tiny updates that claim huge counts or lengths, and updates that build on changes
 * the server never saw. Each message is timed and followed by a health check; the other
 * clients keep syncing, and what is stored is exactly what the room holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MSG } from '../../shared/protocol/messages.js';
import { renderCommitment, sectionFragment, shortText } from '../../shared/schema/index.js';
import { connectSynced, type Peer } from '../helpers/peers.js';
import { seededRng, type SeededRng } from '../helpers/rng.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { openRaw, connectRaw } from './rawClient.js';
import { ackRequest, encodeMessage, messageType, step1Message, updateMessage } from './syncClient.js';

const DOC = 'c-04-access-to-information';
const MAX = 256 * 1024;
const SEED = 4242;

const bytes = (...parts: Array<number | Uint8Array>) =>
  encodeMessage((e) => {
    for (const p of parts) {
      if (typeof p === 'number') encoding.writeVarUint(e, p);
      else encoding.writeUint8Array(e, p);
    }
  });
const withLength = (payload: Uint8Array) => encodeMessage((e) => encoding.writeVarUint8Array(e, payload));

describe('hostile WebSocket messages', () => {
  const tmp = tempDir();
  let server: TestServer;
  let a: Peer;
  let b: Peer;
  let nextAck = 1_000_000;

  beforeAll(async () => {
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

  const room = () => server.gongbi.rooms.loaded(DOC)!;
  const stored = async () => server.store.loadDocument(DOC);
  const snapshot = async () => ({ seq: (await stored()).lastSeq, json: JSON.stringify(renderCommitment(room().doc)) });

  async function healthy(): Promise<void> {
    const res = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(1000) });
    expect(res.status).toBe(200);
  }

  /** The well-behaved clients still sync through the server. */
  async function othersStillSync(): Promise<void> {
    const mark = `ok${Math.random().toString(36).slice(2, 8)}`;
    shortText(a.doc, 'partners', 'en').insert(0, mark);
    await waitFor(() => shortText(b.doc, 'partners', 'en').toString().startsWith(mark), { what: 'the other clients to keep syncing' });
  }

  /** Room, store and clients agree, and nothing hangs half-integrated in the room. */
  async function consistent(): Promise<void> {
    await room().whenDurable();
    const loaded = await stored();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.mergeUpdates(loaded.state ? [loaded.state, ...loaded.updates] : loaded.updates));
    expect(JSON.stringify(renderCommitment(doc))).toBe(JSON.stringify(renderCommitment(room().doc)));
    expect(room().doc.store.pendingStructs).toBeNull();
    expect(room().doc.store.pendingDs).toBeNull();
    doc.destroy();
  }

  /**
   * Sends `data` on a fresh socket, then a sync step 1: the server either closes the socket
   * or answers with a step 2 once it has handled `data` (messages are handled in order).
   * Returns the close code (or null) and the time it took.
   */
  async function probe(data: Uint8Array | string): Promise<{ code: number | null; ms: number }> {
    const c = await openRaw(server.wsUrl, DOC, server.token, { sync: false });
    const seen = c.received.length;
    const started = performance.now();
    c.send(data);
    c.send(step1Message(new Y.Doc()));
    const answered = waitFor(() => c.received.slice(seen).some((m) => isSync(m, 1)), { timeout: 5000, what: 'an answer' }).then(() => null);
    const code = await Promise.race([answered, c.closed.then((x) => x.code)]);
    const ms = performance.now() - started;
    await healthy();
    if (code === null) await c.close();
    return { code, ms };
  }

  // ---- generators ---------------------------------------------------------------------------

  function randomBytes(rng: SeededRng, n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = rng.int(256);
    return out;
  }

  /** Random bytes, half of them behind a valid-looking header so the Yjs decoder sees garbage. */
  function randomMessage(rng: SeededRng): Uint8Array {
    const payload = randomBytes(rng, rng.next() < 0.9 ? rng.int(48) : rng.int(4000));
    switch (rng.int(4)) {
      case 0:
        return payload;
      case 1:
        return bytes(MSG.sync, rng.int(3), withLength(payload));
      case 2:
        return bytes(MSG.awareness, withLength(payload));
      default:
        return bytes(MSG.sync, 2, withLength(bytes(rng.int(4), rng.int(4), rng.int(2 ** 32), rng.int(1000), payload)));
    }
  }

  /** A real, valid update message that changes the document (made on a copy). */
  function realUpdate(): Uint8Array {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(room().doc));
    const sv = Y.encodeStateVector(copy);
    shortText(copy, 'title', 'en').insert(0, 'x');
    const frag = sectionFragment(copy, 'problem', 'en');
    frag.insert(0, [new Y.XmlElement('paragraph')]);
    return Y.encodeStateAsUpdate(copy, sv);
  }

  // ---- the tests ----------------------------------------------------------------------------

  it(`[SY22] seeded random messages (seed ${SEED}): each handled in well under a second, the server stays healthy and consistent`, async () => {
    const rng = seededRng(SEED);
    let closed = 0;
    let slowest = 0;
    for (let i = 0; i < 150; i++) {
      const msg = randomMessage(rng);
      const { code, ms } = await probe(msg);
      slowest = Math.max(slowest, ms);
      expect(ms, `seed ${SEED}, message ${i}: ${Buffer.from(msg.slice(0, 40)).toString('hex')}`).toBeLessThan(1000);
      if (code !== null) {
        expect(code, `seed ${SEED}, message ${i}`).toBe(4400);
        closed++;
      }
    }
    expect(closed).toBeGreaterThan(100);
    await consistent();
    await othersStillSync();
  });

  it('[SY23] every truncation, huge length prefix, wrong type and wrong subtype of real messages: closed 4400, nothing stored', async () => {
    const before = await snapshot();
    const update = updateMessage(realUpdate());
    const originals = [update, step1Message(room().doc), ackRequest(7), bytes(MSG.awareness, withLength(bytes(1, 5, 1, 2, 0x7b, 0x7d)))];
    const hostile: Uint8Array[] = [new Uint8Array(0)];
    for (const m of originals) {
      for (let cut = 1; cut < m.length; cut += Math.max(1, Math.floor(m.length / 12))) hostile.push(m.slice(0, cut));
    }
    for (const huge of [2 ** 31, 2 ** 32 + 5, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
      hostile.push(bytes(MSG.sync, 2, huge, new Uint8Array(16)));
      hostile.push(bytes(MSG.sync, 0, huge));
      hostile.push(bytes(MSG.awareness, huge, new Uint8Array(4)));
      hostile.push(bytes(MSG.sync, huge, 1, 0));
      hostile.push(bytes(huge, 0));
    }
    for (const type of [2, 4, 5, 42, 99, 101, 255, 65536]) hostile.push(bytes(type, 0, withLength(new Uint8Array(3))));
    for (const sub of [3, 4, 100, 2 ** 20]) hostile.push(bytes(MSG.sync, sub, withLength(new Uint8Array(3))));
    hostile.push(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]));
    for (const m of hostile) {
      const { code, ms } = await probe(m);
      expect(ms).toBeLessThan(1000);
      expect(code, `message ${Buffer.from(m.slice(0, 24)).toString('hex')}`).toBe(4400);
    }
    expect(await snapshot()).toEqual(before);
    await othersStillSync();
  });

  it('[SY24] tiny updates that claim huge struct counts, client counts, lengths or delete ranges: quick, healthy, nothing half-applied', async () => {
    const u = (...parts: number[]) =>
      encodeMessage((e) => {
        for (const p of parts) encoding.writeVarUint(e, p);
      });
    const withInfo = (head: number[], info: number, tail: number[]) =>
      encodeMessage((e) => {
        for (const p of head) encoding.writeVarUint(e, p);
        encoding.writeUint8(e, info);
        for (const p of tail) encoding.writeVarUint(e, p);
      });
    const crafted: Array<[string, Uint8Array]> = [
      ['2^31 structs for one client', u(1, 2 ** 31, 77, 0)],
      ['2^40 structs for one client', u(1, 2 ** 40, 77, 0)],
      ['2^53 clients', u(Number.MAX_SAFE_INTEGER)],
      ['2^40 delete ranges', u(0, 1, 77, 2 ** 40, 0, 5)],
      ['a delete range of length 2^52 on an unknown client', u(0, 1, 77, 1, 0, 2 ** 52)],
      ['a skip of length 2^52', withInfo([1, 1, 78, 0], 10, [2 ** 52, 0])],
      ['an any-content item claiming 2^32 values', withInfo([1, 1, 79, 0], 8 | 0b0010_0000, [0, 2 ** 32])],
      ['a string item claiming 2^40 bytes', withInfo([1, 1, 80, 0], 4 | 0b0010_0000, [0, 2 ** 40])],
      ['a GC struct of length 2^52 (valid: a new client id, nothing visible)', withInfo([1, 1, 81, 0], 0, [2 ** 52, 0])],
    ];
    for (const [name, update] of crafted) {
      const before = await snapshot();
      const { code, ms } = await probe(updateMessage(update));
      expect(ms, name).toBeLessThan(1000);
      const after = await snapshot();
      // Refused (4400) and nothing stored, or valid and stored whole: never half-applied.
      if (code !== null) {
        expect(code, name).toBe(4400);
        expect(after, name).toEqual(before);
      }
      expect(after.json, name).toBe(before.json);
      await consistent();
    }
    // The document still loads from its log and a new client still syncs.
    const fresh = await connectSynced(server.wsUrl, DOC, server.token);
    expect(renderCommitment(fresh.doc)).toEqual(renderCommitment(room().doc));
    fresh.destroy();
    await othersStillSync();
  });

  it('[SY27] after a malformed message closes the socket, what was sent behind it is not applied', async () => {
    const before = await snapshot();
    const c = await openRaw(server.wsUrl, DOC, server.token, { sync: false });
    const valid = updateMessage(realUpdate());
    c.send(Uint8Array.from([0xff, 0x01]));
    for (let i = 0; i < 5; i++) c.send(valid);
    expect((await c.closed).code).toBe(4400);
    await room().whenDurable();
    expect(await snapshot()).toEqual(before);
  });

  it('[SY25] an update that builds on changes the server never saw is not stored; the sender is asked to resync and its acks wait for it', async () => {
    const c = await connectRaw(server.wsUrl, DOC, server.token);
    c.sync.detach(); // this test sends by hand
    const before = await snapshot();
    // u1 is never sent; u2 inserts after text u1 created, so it cannot be integrated alone.
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(c.doc));
    const sv0 = Y.encodeStateVector(local);
    shortText(local, 'partners', 'zh').insert(0, '甲乙');
    const sv1 = Y.encodeStateVector(local);
    shortText(local, 'partners', 'zh').insert(2, '丙');
    const u2 = Y.encodeStateAsUpdate(local, sv1);
    const seen = c.received.length;
    c.send(updateMessage(u2));
    const id = nextAck++;
    c.send(ackRequest(id));
    // The server asks for what it lacks: a sync step 1 arrives.
    await waitFor(() => c.received.slice(seen).some((m) => isSync(m, 0)), { what: 'the resync request' });
    // Ask for a step 2 too: it comes after everything before it is durable; the ack must not.
    c.send(step1Message(local));
    await waitFor(() => c.received.slice(seen).some((m) => isSync(m, 1)), { what: 'the step 2 reply' });
    expect(c.received.slice(seen).some((m) => messageType(m) === MSG.ack), 'ack held while the update is incomplete').toBe(false);
    expect(await snapshot()).toEqual(before);
    await consistent();

    // The complete step 2 (what a stock provider answers) integrates both, then the ack comes.
    c.send(encodeMessage((e) => {
      encoding.writeVarUint(e, MSG.sync);
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(local, sv0));
    }));
    await waitFor(() => c.received.some((m) => messageType(m) === MSG.ack && readAckId(m) === id), { what: 'the held acknowledgement' });
    expect(shortText(room().doc, 'partners', 'zh').toString().startsWith('甲乙丙')).toBe(true);
    await waitFor(() => shortText(b.doc, 'partners', 'zh').toString().startsWith('甲乙丙'), { what: 'the relay' });
    expect((await snapshot()).seq).toBeGreaterThan(before.seq);
    await consistent();
    await c.close();
  });

  it('[SY25] updates that arrive out of order: the held part is applied when what it missed arrives, then the ack comes', async () => {
    const c = await connectRaw(server.wsUrl, DOC, server.token);
    c.sync.detach();
    const before = await snapshot();
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(c.doc));
    const sv0 = Y.encodeStateVector(local);
    sectionFragment(local, 'content', 'en').insert(0, [new Y.XmlText('first ')]);
    const sv1 = Y.encodeStateVector(local);
    const u1 = Y.encodeStateAsUpdate(local, sv0);
    (sectionFragment(local, 'content', 'en').get(0) as Y.XmlText).insert(6, 'second');
    const u2 = Y.encodeStateAsUpdate(local, sv1);
    const id = nextAck++;
    c.send(updateMessage(u2));
    c.send(ackRequest(id));
    c.send(updateMessage(u1));
    await waitFor(() => c.received.some((m) => messageType(m) === MSG.ack && readAckId(m) === id), { what: 'the acknowledgement' });
    const loaded = await stored();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.mergeUpdates(loaded.state ? [loaded.state, ...loaded.updates] : loaded.updates));
    expect(renderCommitment(doc).sections.content.en.content[0]).toEqual({ type: 'text', text: 'first second' });
    expect(loaded.lastSeq).toBeGreaterThan(before.seq);
    await consistent();
    await c.close();
  });

  it('[SY25] more than 1 MiB of content waiting for changes nobody sends closes the socket (4400)', async () => {
    const c = await connectRaw(server.wsUrl, DOC, server.token);
    c.sync.detach();
    const before = await snapshot();
    for (let i = 0; i < 8 && c.isOpen(); i++) {
      const ghost = new Y.Doc();
      Y.applyUpdate(ghost, Y.encodeStateAsUpdate(c.doc));
      shortText(ghost, 'title', 'en').insert(0, 'g');
      const sv = Y.encodeStateVector(ghost);
      shortText(ghost, 'title', 'en').insert(1, 'x'.repeat(200 * 1024));
      c.send(updateMessage(Y.encodeStateAsUpdate(ghost, sv)));
      await new Promise((r) => setImmediate(r));
    }
    const { code, reason } = await c.closed;
    expect(code).toBe(4400);
    expect(reason).toMatch(/depends on changes/);
    expect(await snapshot()).toEqual(before);
    await othersStillSync();
  });

  it('[SY26] an update that depends on changes nobody has is never stored, and never acknowledged', async () => {
    const c = await connectRaw(server.wsUrl, DOC, server.token);
    c.sync.detach();
    const before = await snapshot();
    const ghost = new Y.Doc();
    Y.applyUpdate(ghost, Y.encodeStateAsUpdate(c.doc));
    shortText(ghost, 'title', 'zh').insert(0, '幽靈');
    const sv = Y.encodeStateVector(ghost);
    shortText(ghost, 'title', 'zh').insert(1, '靈');
    const orphan = Y.encodeStateAsUpdate(ghost, sv);
    const seen = c.received.length;
    const id = nextAck++;
    // Sent as a step 2 (the sender's "everything"): no resync is asked, the ack stays held.
    c.send(encodeMessage((e) => {
      encoding.writeVarUint(e, MSG.sync);
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, orphan);
    }));
    c.send(ackRequest(id));
    c.send(step1Message(c.doc));
    await waitFor(() => c.received.slice(seen).some((m) => isSync(m, 1)), { what: 'the step 2 reply' });
    expect(c.received.slice(seen).some((m) => messageType(m) === MSG.ack)).toBe(false);
    expect(c.isOpen()).toBe(true);
    expect(await snapshot()).toEqual(before);
    await consistent();
    // Compacted, the store holds nothing of it either (compaction once kept pending structs).
    await c.close();
    await room().compact();
    const loaded = await stored();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.mergeUpdates(loaded.state ? [loaded.state, ...loaded.updates] : loaded.updates));
    expect(doc.store.pendingStructs).toBeNull();
    expect(shortText(doc, 'title', 'zh').toString()).not.toContain('靈');
    await othersStillSync();
  });
});

function isSync(m: Uint8Array, subtype: number): boolean {
  const d = decoding.createDecoder(m);
  return decoding.readVarUint(d) === MSG.sync && decoding.readVarUint(d) === subtype;
}

function readAckId(m: Uint8Array): number {
  const d = decoding.createDecoder(m);
  decoding.readVarUint(d);
  return decoding.readVarUint(d);
}
