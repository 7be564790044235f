/**
 * Presence cannot be spoofed: with two real connections of different people, crafted
 * awareness messages cannot take over, change or erase the other's state (present or
 * departed), cannot claim another name, affiliation or role, cannot be oversized, and cannot
 * announce more than a person's share of client ids, whatever the number of sockets, nor
 * carry a caret that would break other people's editors. The stock-client echo of others' states is
 * ignored silently (no refusal notice), and the same person reconnecting gets their id back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MSG } from '../../shared/protocol/messages.js';
import { sectionFragment } from '../../shared/schema/index.js';
import { DEMO, over, signIn } from '../helpers/auth.js';
import { connectSynced, type Peer } from '../helpers/peers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { connectRaw, type RawClient } from './rawClient.js';
import { encodeMessage, messageType, step1Message } from './syncClient.js';

const DOC = 'c-01-open-data-reuse';

type Entry = [clientId: number, clock: number, state: unknown | string];

/** `[1, update]` with entries written by hand (a string state is sent as it is, unparsed). */
const awarenessMessage = (...entries: Entry[]) =>
  encodeMessage((e) => {
    encoding.writeVarUint(e, MSG.awareness);
    encoding.writeVarUint8Array(
      e,
      encodeMessage((u) => {
        encoding.writeVarUint(u, entries.length);
        for (const [id, clock, state] of entries) {
          encoding.writeVarUint(u, id);
          encoding.writeVarUint(u, clock);
          encoding.writeVarString(u, typeof state === 'string' ? state : JSON.stringify(state));
        }
      }),
    );
  });

type UserField = { userId: string; name: string; affiliation: string; affiliationName: string; role: string; color: string; field: string | null };
type State = { user?: UserField; note?: string; cursor?: unknown } & Record<string, unknown>;

describe('awareness cannot be spoofed (AU20–AU27)', () => {
  const tmp = tempDir();
  let server: TestServer;
  let civilToken: string;
  /** The victim (coordinator) and an observer, both stock providers. */
  let victim: Peer;
  let observer: Peer;
  /** The attacker: another person (a civil-society member) on a raw socket. */
  let attacker: RawClient;

  const room = () => server.gongbi.rooms.loaded(DOC)!;
  const serverState = (id: number) => room().awareness.getStates().get(id) as State | undefined;
  const clockOf = (id: number) => room().awareness.meta.get(id)?.clock ?? -1;

  /** Sends `data`, then waits until the server has handled it (a step 2 reply comes after it). */
  async function sendAndSettle(c: RawClient, data: Uint8Array): Promise<Uint8Array[]> {
    const seen = c.received.length;
    c.send(data);
    c.send(step1Message(new Y.Doc()));
    await waitFor(() => !c.isOpen() || c.received.slice(seen).some((m) => isSync(m, 1)), { what: 'the server to handle the message' });
    return c.received.slice(seen);
  }
  const notices = (msgs: Uint8Array[]) => msgs.filter((m) => messageType(m) === MSG.auth).map(readDenied);

  beforeAll(async () => {
    server = await startTestServer({ dataDir: tmp.dir });
    civilToken = await signIn(over(server.url), DEMO.civil);
    victim = await connectSynced(server.wsUrl, DOC, server.token);
    observer = await connectSynced(server.wsUrl, DOC, server.token);
    victim.provider.awareness.setLocalState({ note: 'victim-here', user: { color: '#123456', field: 'title:zh' } });
    await waitFor(() => serverState(victim.doc.clientID)?.note === 'victim-here', { what: "the victim's state" });
    attacker = await connectRaw(server.wsUrl, DOC, civilToken);
  });
  afterAll(async () => {
    await attacker.close();
    victim.destroy();
    observer.destroy();
    await server.close();
    tmp.remove();
  });

  it("[AU20] a newer state or a null state for another connection's client id changes nothing and erases nothing", async () => {
    const id = victim.doc.clientID;
    const clock = clockOf(id);
    const replies = await sendAndSettle(attacker, awarenessMessage([id, clock + 10, { note: 'hijacked', user: { name: '陳協調（國發會）' } }]));
    await sendAndSettle(attacker, awarenessMessage([id, clock + 20, null]));
    expect(serverState(id)?.note).toBe('victim-here');
    expect(clockOf(id)).toBe(clock);
    expect((observer.provider.awareness.getStates().get(id) as State | undefined)?.note).toBe('victim-here');
    // Ignored silently: an echo from a stock client looks the same and must not raise a notice.
    expect(notices(replies)).toEqual([]);
    expect(attacker.isOpen()).toBe(true);
  });

  it('[AU21] a forged name, affiliation, role or user id is replaced by the session\'s; colour and field are checked', async () => {
    const mine = 900_001;
    await sendAndSettle(
      attacker,
      awarenessMessage([mine, 1, { note: 'x', user: { userId: 'u-coordinator', name: '陳協調（國發會）', affiliation: 'agency', affiliationName: '國家發展委員會', role: 'coordinator', color: 'red;background:url(//evil)', field: 'f'.repeat(1000) } }]),
    );
    const seen = serverState(mine)!.user!;
    expect(seen.name).toBe('林委員（民間）');
    expect(seen.affiliation).toBe('civil_society');
    expect(seen.affiliationName).toBe('推動小組民間委員');
    expect(seen.role).toBe('civil_editor');
    expect(seen.userId).not.toBe('u-coordinator');
    expect(seen.color).toMatch(/^hsl\(/);
    expect(seen.field).toHaveLength(100);
    await waitFor(() => (observer.provider.awareness.getStates().get(mine) as State | undefined)?.user?.name === '林委員（民間）', { what: 'the observer to see the real name' });
  });

  it('[AU22] an oversized state is refused with a notice; the socket stays open and a normal state still works', async () => {
    const mine = 900_002;
    const replies = await sendAndSettle(attacker, awarenessMessage([mine, 1, { note: 'x'.repeat(1024 * 1024) }]));
    expect(serverState(mine)).toBeUndefined();
    expect(notices(replies).join(' ')).toMatch(/awareness_refused: .*state over 4096 bytes/);
    expect(attacker.isOpen()).toBe(true);
    await sendAndSettle(attacker, awarenessMessage([mine, 2, { note: 'small' }]));
    expect(serverState(mine)?.note).toBe('small');
  });

  it('[AU23] one person announces at most 8 client ids in a room, over all their sockets together', async () => {
    const viewerToken = await signIn(over(server.url), DEMO.viewer);
    const sockets = await Promise.all([0, 1, 2].map(() => connectRaw(server.wsUrl, DOC, viewerToken)));
    const idsOf = (s: number) => Array.from({ length: 6 }, (_, i) => 910_000 + s * 100 + i);
    const replies: Uint8Array[] = [];
    for (let s = 0; s < sockets.length; s++) replies.push(...(await sendAndSettle(sockets[s]!, awarenessMessage(...idsOf(s).map((id): Entry => [id, 1, { note: String(id) }])))));
    const all = sockets.flatMap((_, s) => idsOf(s));
    const accepted = all.filter((id) => serverState(id) !== undefined);
    expect(accepted).toHaveLength(8);
    expect(notices(replies).join(' ')).toMatch(/too many awareness client ids/);
    // A bystander joining now receives 8 of this person's states, not 18.
    const joiner = await connectSynced(server.wsUrl, DOC, server.token);
    await waitFor(() => accepted.every((id) => joiner.provider.awareness.getStates().has(id)), { what: 'the joiner to receive the presence' });
    expect(all.filter((id) => joiner.provider.awareness.getStates().has(id))).toEqual(accepted);
    joiner.destroy();
    // A fourth socket of the same person gets none; another person is not affected.
    const fourth = await connectRaw(server.wsUrl, DOC, viewerToken);
    const more = await sendAndSettle(fourth, awarenessMessage([920_000, 1, { note: 'one more' }]));
    expect(serverState(920_000)).toBeUndefined();
    expect(notices(more).join(' ')).toMatch(/too many/);
    const agency = await connectRaw(server.wsUrl, DOC, await signIn(over(server.url), DEMO.agency));
    await sendAndSettle(agency, awarenessMessage([920_001, 1, { note: 'agency' }]));
    expect(serverState(920_001)?.note).toBe('agency');
    // Leaving removes all of them for everyone, and frees the person's share.
    await Promise.all(sockets.map((c) => c.close()));
    await waitFor(() => accepted.every((id) => serverState(id) === undefined), { what: 'the states to be removed on leave' });
    await sendAndSettle(fourth, awarenessMessage([920_002, 1, { note: 'now there is room' }]));
    expect(serverState(920_002)?.note).toBe('now there is room');
    await fourth.close();
    await agency.close();
  });

  it('[AU22] the 4096-byte limit counts UTF-8 bytes: 2,000 CJK characters (6,000 bytes) are refused', async () => {
    const c = await connectRaw(server.wsUrl, DOC, civilToken);
    const big = { note: '共'.repeat(2000) };
    expect(JSON.stringify(big).length).toBeLessThan(4096);
    const replies = await sendAndSettle(c, awarenessMessage([950_000, 1, big]));
    expect(serverState(950_000)).toBeUndefined();
    expect(notices(replies).join(' ')).toMatch(/state over 4096 bytes/);
    await sendAndSettle(c, awarenessMessage([950_000, 2, { note: '共'.repeat(1000) }]));
    expect(serverState(950_000)?.note).toHaveLength(1000);
    await c.close();
  });

  it("[AU27] a `cursor` that is not a pair of relative positions in this document is stripped with a notice; the rest of the state and a real caret pass", async () => {
    const c = await connectRaw(server.wsUrl, DOC, civilToken);
    const fragment = sectionFragment(new Y.Doc(), 'problem', 'zh');
    const at = JSON.parse(JSON.stringify(Y.createRelativePositionFromTypeIndex(fragment, 0))) as unknown;
    const caret = { anchor: at, head: at };
    const bad: unknown[] = [
      'here',
      { anchor: null, head: null },
      { anchor: at },
      { anchor: {}, head: {} },
      { anchor: { tname: 'not-a-root-of-this-document' }, head: at },
      { anchor: { item: { client: 1, clock: -1 } }, head: at },
      { anchor: { item: { client: 1, clock: 0.5 } }, head: at },
      { anchor: { ...(at as object), assoc: 'x' }, head: at },
    ];
    for (const [i, cursor] of bad.entries()) {
      const id = 960_000 + i;
      const replies = await sendAndSettle(c, awarenessMessage([id, 1, { note: `bad ${i}`, cursor }]));
      expect(serverState(id)?.note, JSON.stringify(cursor)).toBe(`bad ${i}`);
      expect(serverState(id)?.cursor, JSON.stringify(cursor)).toBeNull();
      expect(notices(replies).join(' ')).toMatch(/cursor removed/);
      await sendAndSettle(c, awarenessMessage([id, 2, null]));
    }
    const replies = await sendAndSettle(c, awarenessMessage([960_100, 1, { note: 'good', cursor: caret }]));
    expect(notices(replies)).toEqual([]);
    expect(serverState(960_100)?.cursor).toEqual(caret);
    await waitFor(() => (observer.provider.awareness.getStates().get(960_100) as State | undefined)?.note === 'good', { what: 'the observer to see the caret' });
    expect((observer.provider.awareness.getStates().get(960_100) as State).cursor).toEqual(caret);
    await c.close();
  });

  it("[AU24] a departed person's client id cannot be taken over by someone else; the same person reconnecting can", async () => {
    const gone = await connectRaw(server.wsUrl, DOC, server.token);
    const id = 930_000;
    await sendAndSettle(gone, awarenessMessage([id, 1, { note: 'coordinator tab' }]));
    expect(serverState(id)?.user?.role).toBe('coordinator');
    await gone.close();
    await waitFor(() => serverState(id) === undefined, { what: 'the departed state to be removed' });
    const clock = clockOf(id);
    await sendAndSettle(attacker, awarenessMessage([id, clock + 1, { note: 'taken over' }]));
    expect(serverState(id)).toBeUndefined();
    // The coordinator comes back on a new socket with the same client id: theirs again.
    const back = await connectRaw(server.wsUrl, DOC, server.token);
    await sendAndSettle(back, awarenessMessage([id, clock + 2, { note: 'back again' }]));
    expect(serverState(id)?.note).toBe('back again');
    expect(serverState(id)?.user?.role).toBe('coordinator');
    await back.close();
  });

  it('[AU25] the stock client echo of everyone\'s states raises no refusal notice', async () => {
    const before = observer.provider.awareness.getStates().size;
    const third = await connectSynced(server.wsUrl, DOC, civilToken);
    const refusals: string[] = [];
    third.provider.messageHandlers[MSG.auth] = (_enc, dec) => {
      if (decoding.readVarUint(dec) === 0) refusals.push(decoding.readVarString(dec));
    };
    third.provider.awareness.setLocalState({ note: 'third' });
    for (let i = 0; i < 5; i++) victim.provider.awareness.setLocalStateField('note', `moved ${i}`);
    await waitFor(() => (third.provider.awareness.getStates().get(victim.doc.clientID) as State | undefined)?.note === 'moved 4', { what: 'the third client to see the victim move' });
    await waitFor(() => observer.provider.awareness.getStates().size > before, { what: 'the observer to see the third client' });
    expect(refusals).toEqual([]);
    third.destroy();
  });

  it('[AU26] a state that is not an object is refused with a notice; one that is not JSON closes the socket (4400)', async () => {
    const c = await connectRaw(server.wsUrl, DOC, civilToken);
    const replies = await sendAndSettle(c, awarenessMessage([940_000, 1, [1, 2, 3]], [940_001, 1, '"a string"']));
    expect(serverState(940_000)).toBeUndefined();
    expect(notices(replies).join(' ')).toMatch(/not an object/);
    c.send(awarenessMessage([940_002, 1, '{not json']));
    expect((await c.closed).code).toBe(4400);
    expect(serverState(victim.doc.clientID)?.note).toMatch(/victim-here|moved/);
  });
});

function isSync(m: Uint8Array, subtype: number): boolean {
  const d = decoding.createDecoder(m);
  return decoding.readVarUint(d) === MSG.sync && decoding.readVarUint(d) === subtype;
}

function readDenied(m: Uint8Array): string {
  const d = decoding.createDecoder(m);
  decoding.readVarUint(d);
  decoding.readVarUint(d);
  return decoding.readVarString(d);
}
