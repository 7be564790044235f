/**
 * Rooms of one document in two "processes" (two `Rooms` on one store, joined by an in-memory
 * bus): edits fan out once, without echo or double storage; a message that never arrives is
 * read from the log; compaction never drops another process's update; awareness crosses
 * over and is not sent back; losing the bus closes the rooms with 4503 until it returns.
 * Needs no services: the same logic runs over Redis in cluster.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { MSG } from '../../shared/protocol/messages.js';
import type { User } from '../../shared/protocol/auth.js';
import { silentLogger } from '../../server/log.js';
import { SqliteStore } from '../../server/storage/index.js';
import { Connection } from '../../server/sync/connection.js';
import { awarenessMessage, updateMessage } from '../../server/sync/messages.js';
import { Rooms } from '../../server/sync/rooms.js';
import type { Room } from '../../server/sync/room.js';
import { decodePeerMessage } from '../../server/sync/peerMessages.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { MemoryBus, type MemoryPubSub } from './memoryBus.js';

const DOC = 'c-01-test';
const user = (id: string): User => ({
  id, email: `${id}@example.tw`, name: id, role: 'coordinator', affiliation: { kind: 'agency', id: 'ndc', name: '國發會' }, commitments: [], createdAt: '2024-01-01T00:00:00.000Z',
});

/** A client socket seen from the server: what it was sent, how it was closed, its doc. */
function client(room: Room, who: string) {
  const doc = new Y.Doc();
  const closes: number[] = [];
  const awareness: Uint8Array[] = [];
  const conn = new Connection(
    {
      send(data, written) {
        written?.();
        const d = decoding.createDecoder(data);
        const type = decoding.readVarUint(d);
        if (type === MSG.sync) {
          const sub = decoding.readVarUint(d);
          const payload = decoding.readVarUint8Array(d);
          if (sub !== 0) Y.applyUpdate(doc, payload);
        } else if (type === MSG.awareness) awareness.push(decoding.readVarUint8Array(d));
      },
      close(code) {
        closes.push(code);
      },
    },
    user(who),
    'write',
  );
  room.join(conn);
  return {
    doc, conn, closes, awareness,
    /** Types `text` into the title and sends the update as a client would. */
    type(text: string) {
      const local = new Y.Doc();
      Y.applyUpdate(local, Y.encodeStateAsUpdate(doc));
      let update: Uint8Array | null = null;
      local.on('update', (u: Uint8Array) => (update = u));
      local.getText('title:zh').insert(local.getText('title:zh').length, text);
      Y.applyUpdate(doc, update!);
      room.handleMessage(conn, updateMessage(update!));
    },
  };
}

const text = (doc: Y.Doc) => doc.getText('title:zh').toString();

function rebuiltFromStore(loaded: Awaited<ReturnType<SqliteStore['loadDocument']>>): string {
  const doc = new Y.Doc();
  if (loaded.state) Y.applyUpdate(doc, loaded.state);
  for (const u of loaded.updates) Y.applyUpdate(doc, u);
  return text(doc);
}

describe('rooms in several processes (in-memory bus)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: SqliteStore;
  let bus: MemoryBus;
  let endA: MemoryPubSub;
  let endB: MemoryPubSub;
  let A: Rooms;
  let B: Rooms;

  beforeEach(async () => {
    tmp = tempDir();
    store = new SqliteStore({ file: `${tmp.dir}/gongbi.db` });
    await store.createDocument(DOC, 'commitment', 'plan-one');
    bus = new MemoryBus();
    endA = bus.endpoint();
    endB = bus.endpoint();
    const options = { compactAfterUpdates: 1000, idleUnloadMs: 60_000, logger: silentLogger };
    A = new Rooms(store, { ...options, pubsub: endA });
    B = new Rooms(store, { ...options, pubsub: endB });
  });
  afterEach(async () => {
    await A.closeAll();
    await B.closeAll();
    await store.close();
    tmp.remove();
  });

  const updatesFrom = (end: MemoryPubSub) => bus.published.filter((p) => p.from === end).length;

  it('[PS1] an edit in one process reaches the other\'s clients, stored once, never echoed', async () => {
    const roomA = (await A.get(DOC))!;
    const roomB = (await B.get(DOC))!;
    const alice = client(roomA, 'alice');
    const bob = client(roomB, 'bob');
    const publishedByB = updatesFrom(endB);
    alice.type('開放');
    await waitFor(() => text(bob.doc) === '開放', { what: "alice's edit to reach bob" });
    expect(text(roomB.doc)).toBe('開放');
    expect((await store.listUpdateAudit(DOC)).map((a) => a.author.userId)).toEqual(['alice']);
    expect(roomB.lastSeq).toBe(1);
    expect(roomB.held.contiguous).toBe(1);
    // B relayed it to its client but sent nothing back to the bus.
    expect(updatesFrom(endB)).toBe(publishedByB);
    bob.type('政府');
    await waitFor(() => text(alice.doc) === '開放政府', { what: "bob's edit to reach alice" });
    expect((await store.listUpdateAudit(DOC)).map((a) => a.seq)).toEqual([1, 2]);
    expect(roomA.held.contiguous).toBe(2);
  });

  it('[PS2] a message that never arrives is read from the log, and reaches the clients', async () => {
    const roomA = (await A.get(DOC))!;
    const roomB = (await B.get(DOC))!;
    const alice = client(roomA, 'alice');
    const bob = client(roomB, 'bob');
    // A "dies" between commit and publish of its first update.
    let dropped = 0;
    bus.filter = (_doc, m, from) => !(from === endA && decodePeerMessage(m).type === 'update' && dropped++ === 0);
    alice.type('甲');
    await roomA.whenDurable();
    bob.type('乙');
    await roomB.whenDurable();
    // B holds seq 2 (its own) but not seq 1: a gap, filled from the log after a moment.
    expect(roomB.held.contiguous).toBe(0);
    await waitFor(() => roomB.held.contiguous === 2, { what: 'B to catch up from the log', timeout: 5000 });
    await waitFor(() => text(bob.doc).includes('甲') && text(bob.doc).includes('乙'), { what: 'bob to see both' });
    expect(text(alice.doc)).toBe(text(bob.doc));
  });

  it('[PS3] compaction in a process that lacks another\'s update keeps that update in the log', async () => {
    const roomA = (await A.get(DOC))!;
    const roomB = (await B.get(DOC))!;
    const alice = client(roomA, 'alice');
    const bob = client(roomB, 'bob');
    bus.filter = (_doc, m, from) => !(from === endA && decodePeerMessage(m).type === 'update');
    alice.type('甲');
    await roomA.whenDurable();
    bob.type('乙');
    await roomB.whenDurable();
    expect(text(roomB.doc)).toBe('乙');
    // B's doc lacks seq 1: compacting "up to lastSeq" would replace seq 1 by a state without it.
    await roomB.compact();
    let loaded = await store.loadDocument(DOC);
    expect(loaded.compactedSeq).toBe(0);
    expect(rebuiltFromStore(loaded)).toContain('甲');
    await waitFor(() => roomB.held.contiguous === 2, { what: 'B to catch up', timeout: 5000 });
    await roomB.compact();
    loaded = await store.loadDocument(DOC);
    expect(loaded.compactedSeq).toBe(2);
    expect(rebuiltFromStore(loaded)).toBe(text(roomB.doc));
    expect(rebuiltFromStore(loaded)).toContain('甲');
  });

  it('[PS4] updates that arrive out of order are relayed and counted once all are there', async () => {
    const roomA = (await A.get(DOC))!;
    const roomB = (await B.get(DOC))!;
    const alice = client(roomA, 'alice');
    const bob = client(roomB, 'bob');
    for (let i = 0; i < 20; i++) {
      (i % 2 ? alice : bob).type(String(i % 10));
      // Each its own transaction (updates of one socket read would be stored as one row).
      await Promise.resolve();
    }
    await roomA.whenDurable();
    await roomB.whenDurable();
    await waitFor(() => roomA.held.contiguous === 20 && roomB.held.contiguous === 20, { what: 'both rooms to hold seqs 1..20' });
    await waitFor(() => text(alice.doc) === text(bob.doc) && text(bob.doc).length === 20, { what: 'the clients to converge' });
    expect(rebuiltFromStore(await store.loadDocument(DOC))).toBe(text(bob.doc));
  });

  it('[PS5] awareness crosses to the other process and is not sent back', async () => {
    const roomA = (await A.get(DOC))!;
    const roomB = (await B.get(DOC))!;
    const alice = client(roomA, 'alice');
    const bob = client(roomB, 'bob');
    const before = bus.published.length;
    const presence = new awarenessProtocol.Awareness(new Y.Doc());
    presence.setLocalState({ user: { name: 'x' }, field: 'title' });
    roomA.handleMessage(alice.conn, awarenessMessage(presence, [presence.clientID]));
    await waitFor(() => roomB.awareness.getStates().has(presence.clientID), { what: 'the state to reach B' });
    await waitFor(() => bob.awareness.length > 0, { what: 'bob to hear of it' });
    expect(roomB.awareness.getStates().get(presence.clientID)).toMatchObject({ field: 'title', user: { name: 'alice' } });
    // B applied it without publishing anything back.
    expect(bus.published.slice(before).filter((p) => p.from === endB)).toEqual([]);
    // Bob's client echoes every state it hears of (stock y-websocket does): B must not take
    // Alice's presence for Bob's.
    presence.setLocalState({ field: 'partners' });
    roomB.handleMessage(bob.conn, awarenessMessage(presence, [presence.clientID]));
    expect(roomB.awareness.getStates().get(presence.clientID)).toMatchObject({ field: 'title', user: { name: 'alice' } });
    expect(bob.conn.awarenessIds.has(presence.clientID)).toBe(false);
    // Alice leaves: her state is removed in B as well.
    roomA.leave(alice.conn);
    await waitFor(() => !roomB.awareness.getStates().has(presence.clientID), { what: 'the removal to reach B' });
    presence.destroy();
  });

  it('[PS5] a presence not renewed for 30 s is removed here and in the other process', async () => {
    const roomA = (await A.get(DOC))!;
    const roomB = (await B.get(DOC))!;
    const alice = client(roomA, 'alice');
    client(roomB, 'bob');
    const presence = new awarenessProtocol.Awareness(new Y.Doc());
    presence.setLocalState({ field: 'title' });
    roomA.handleMessage(alice.conn, awarenessMessage(presence, [presence.clientID]));
    await waitFor(() => roomB.awareness.getStates().has(presence.clientID), { what: 'the state to reach B' });
    // Not yet outdated: kept.
    roomA.expireAwareness(Date.now() + 10_000);
    expect(roomA.awareness.getStates().has(presence.clientID)).toBe(true);
    // Each process expires it by itself (a timeout is not published).
    roomA.expireAwareness(Date.now() + 31_000);
    roomB.expireAwareness(Date.now() + 31_000);
    expect(roomA.awareness.getStates().has(presence.clientID)).toBe(false);
    expect(roomB.awareness.getStates().has(presence.clientID)).toBe(false);
    presence.destroy();
  });

  it('[PS6] a room loading later asks for the others\' awareness', async () => {
    const roomA = (await A.get(DOC))!;
    const alice = client(roomA, 'alice');
    const presence = new awarenessProtocol.Awareness(new Y.Doc());
    presence.setLocalState({ field: 'title' });
    roomA.handleMessage(alice.conn, awarenessMessage(presence, [presence.clientID]));
    const roomB = (await B.get(DOC))!;
    await waitFor(() => roomB.awareness.getStates().has(presence.clientID), { what: 'B to learn of alice' });
    presence.destroy();
  });

  it('[PS7] losing the bus closes every room with 4503; they load again once it is back', async () => {
    const roomA = (await A.get(DOC))!;
    const alice = client(roomA, 'alice');
    alice.type('甲');
    await roomA.whenDurable();
    bus.goDown();
    expect(alice.closes).toEqual([4503]);
    expect(A.loaded(DOC)).toBeUndefined();
    await expect(A.get(DOC)).rejects.toThrow(/down/);
    bus.up = true;
    const again = (await A.get(DOC))!;
    expect(again).not.toBe(roomA);
    expect(text(again.doc)).toBe('甲');
  });
});
