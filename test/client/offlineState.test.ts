/**
 * The offline layer's bookkeeping: acknowledgement tracking per transaction, the persisted
 * per-tab waiting counts, the indicator's states and what the live region says, and a
 * DocSession driven through a scripted socket (the y-websocket protocol plus MSG.ack).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { AckTracker } from '../../client/sync/ackTracker.js';
import { FIRST_RETRY_MS, MAX_RETRY_MS, reconnectDelay, secondsUntil } from '../../client/sync/backoff.js';
import { LiveAnnouncer, SETTLE_MS } from '../../client/offline/liveAnnouncer.js';
import { PendingLedger, STALE_MS, ledgerKey, waitingDocuments, type KeyValueStore } from '../../client/sync/pendingLedger.js';
import { combineViews, describeSync, syncViewOf, type SyncSnapshot, type SyncView } from '../../client/sync/syncView.js';
import { en } from '../../client/i18n/en.js';
import { zh } from '../../client/i18n/zh.js';
import { interpolate } from '../../client/i18n/format.js';
import { DocSession, type LocalStore } from '../../client/sync/DocSession.js';
import { MSG } from '../../shared/protocol/messages.js';

describe('AckTracker', () => {
  it('counts local transactions until an acknowledgement covering them returns', () => {
    const t = new AckTracker();
    t.change();
    t.change();
    const first = t.request(false);
    t.change();
    expect(t.pending).toBe(3);
    expect(t.ack(first)).toBe(true);
    // Only the two changes made before the request are confirmed.
    expect(t.pending).toBe(1);
    expect(t.confirmed).toBe(true);
    const second = t.request(false);
    t.ack(second);
    expect(t.pending).toBe(0);
  });

  it('an answer settles every earlier request too (the server answers in order)', () => {
    const t = new AckTracker();
    t.change();
    const a = t.request(false);
    t.change();
    const b = t.request(false);
    expect(t.waiting).toBe(2);
    t.ack(b);
    expect(t.pending).toBe(0);
    expect(t.waiting).toBe(0);
    expect(t.ack(a)).toBe(false);
  });

  it('ignores unknown ids and forgets requests of a closed socket', () => {
    const t = new AckTracker();
    t.change();
    const id = t.request(false);
    expect(t.ack(999)).toBe(false);
    t.disconnected();
    expect(t.ack(id)).toBe(false);
    expect(t.pending).toBe(1);
    expect(t.confirmed).toBe(false);
  });

  it('carried changes (a reload, a closed tab) are cleared only by a request sent after a full sync', () => {
    const t = new AckTracker();
    t.carry(4);
    t.change();
    const partial = t.request(false);
    t.ack(partial);
    expect(t.pending).toBe(4);
    const full = t.request(true);
    t.carry(2); // adopted after the full request: not covered by it
    t.ack(full);
    expect(t.pending).toBe(2);
  });

  it('a delete-only change counts like any other transaction (no state-vector comparison)', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'abc');
    const t = new AckTracker();
    doc.on('update', () => t.change());
    const sv = Y.encodeStateVector(doc);
    text.delete(0, 1);
    expect(Y.encodeStateVector(doc)).toEqual(sv);
    expect(t.pending).toBe(1);
  });
});

/** A Map-backed Storage stand-in. */
function memoryStorage(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    key: (i) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
  };
}

describe('PendingLedger', () => {
  it('keeps one entry per tab; a reload of the same tab takes its own count back', () => {
    const storage = memoryStorage();
    const key = ledgerKey('u1', 'c-01');
    const now = 1_000_000;
    const a = new PendingLedger(storage, key, 'tab-a', () => now);
    const b = new PendingLedger(storage, key, 'tab-b', () => now);
    a.write(3);
    b.write(2);
    expect(a.others()).toBe(2);
    expect(b.others()).toBe(3);
    const reloadedA = new PendingLedger(storage, key, 'tab-a', () => now);
    expect(reloadedA.adopt()).toBe(3);
    // Adopting removes it: it is now the reloaded page's to answer for.
    expect(b.others()).toBe(0);
    reloadedA.write(3);
    expect(b.others()).toBe(3);
    reloadedA.write(0);
    expect(waitingDocuments(storage, 'u1')).toEqual(new Map([['c-01', 2]]));
  });

  it('adopts the entries of tabs that stopped refreshing them, and only those', () => {
    const storage = memoryStorage();
    const key = ledgerKey('u1', 'c-02');
    let now = 0;
    const gone = new PendingLedger(storage, key, 'gone', () => now);
    const alive = new PendingLedger(storage, key, 'alive', () => now);
    gone.write(5);
    now = STALE_MS - 1;
    alive.write(1);
    const me = new PendingLedger(storage, key, 'me', () => now);
    expect(me.hasStale()).toBe(false);
    expect(me.adopt()).toBe(0);
    now = STALE_MS + 10;
    expect(me.hasStale()).toBe(true);
    expect(me.others()).toBe(1);
    expect(me.adopt()).toBe(5);
    expect(me.hasStale()).toBe(false);
  });

  it('separates users and survives garbage in storage', () => {
    const storage = memoryStorage();
    new PendingLedger(storage, ledgerKey('u1', 'c-01'), 't', () => 0).write(1);
    new PendingLedger(storage, ledgerKey('u2', 'c-01'), 't', () => 0).write(7);
    storage.setItem(ledgerKey('u1', 'c-09'), 'not json');
    expect(waitingDocuments(storage, 'u1')).toEqual(new Map([['c-01', 1]]));
    expect(new PendingLedger(storage, ledgerKey('u1', 'c-09'), 't', () => 0).others()).toBe(0);
  });
});

describe('reconnection backoff', () => {
  it('doubles from half a second up to 30 s, half of it random', () => {
    expect(reconnectDelay(1, () => 0)).toBe(FIRST_RETRY_MS / 2);
    expect(reconnectDelay(1, () => 1)).toBe(FIRST_RETRY_MS);
    expect(reconnectDelay(3, () => 1)).toBe(FIRST_RETRY_MS * 4);
    expect(reconnectDelay(40, () => 1)).toBe(MAX_RETRY_MS);
    expect(reconnectDelay(40, () => 0)).toBe(MAX_RETRY_MS / 2);
  });

  it('counts down in whole seconds, never below 1', () => {
    expect(secondsUntil(10_000, 5_100)).toBe(5);
    expect(secondsUntil(10_000, 9_999)).toBe(1);
    expect(secondsUntil(10_000, 12_000)).toBe(1);
  });
});

const snap = (over: Partial<SyncSnapshot>): SyncSnapshot => ({
  connection: 'connected',
  online: true,
  pending: 0,
  confirmed: true,
  retryAt: null,
  everConnected: true,
  ...over,
});

const tr = (dict: Record<string, string>) => (key: string, vars?: Record<string, string | number>) => interpolate(dict[key]!, vars);

describe('sync indicator states', () => {
  it('says "saved" only after an acknowledgement since connecting', () => {
    expect(syncViewOf(snap({})).kind).toBe('saved');
    expect(syncViewOf(snap({ confirmed: false })).kind).toBe('saving');
    expect(syncViewOf(snap({ pending: 2 })).kind).toBe('saving');
  });

  it('tells offline, reconnecting, first connection and refusal apart', () => {
    expect(syncViewOf(snap({ online: false, connection: 'offline', pending: 3 }))).toMatchObject({ kind: 'offline', pending: 3 });
    expect(syncViewOf(snap({ connection: 'offline', retryAt: 5000 }))).toMatchObject({ kind: 'reconnecting', retryAt: 5000 });
    expect(syncViewOf(snap({ connection: 'connecting', everConnected: false })).kind).toBe('connecting');
    expect(syncViewOf(snap({ connection: 'connecting', everConnected: true })).kind).toBe('reconnecting');
    expect(syncViewOf(snap({ connection: 'refused', reason: 'forbidden', online: false })).kind).toBe('refused');
  });

  it('describes each state in both languages', () => {
    const view = (v: Partial<SyncView>): SyncView => ({ kind: 'saved', pending: 0, retryAt: null, ...v });
    expect(describeSync(view({}), tr(zh))).toBe('已儲存到伺服器');
    expect(describeSync(view({}), tr(en))).toBe('Saved to server');
    expect(describeSync(view({ kind: 'saving' }), tr(zh))).toBe('儲存中…');
    expect(describeSync(view({ kind: 'saving' }), tr(en))).toBe('Saving…');
    // Whether changes wait, never a count of transactions (a typed word is many).
    expect(describeSync(view({ kind: 'offline', pending: 38 }), tr(zh))).toBe('離線 — 未傳送的變更保存在這台裝置上');
    expect(describeSync(view({ kind: 'offline', pending: 38 }), tr(en))).toBe('Offline — unsent changes kept on this device');
    expect(describeSync(view({ kind: 'offline', pending: 1 }), tr(en))).toBe('Offline — unsent changes kept on this device');
    expect(describeSync(view({ kind: 'offline', pending: 0 }), tr(en))).toBe('Offline — no changes waiting');
    expect(describeSync(view({ kind: 'reconnecting', retryAt: 10_000 }), tr(zh), 6_500)).toBe('4 秒後重新連線');
    expect(describeSync(view({ kind: 'reconnecting', retryAt: 10_000, pending: 2 }), tr(en), 6_500)).toBe('Reconnecting in 4 s — unsent changes kept on this device');
  });

  it('combines documents: the worst state, summed counts, the soonest retry', () => {
    const saved: SyncView = { kind: 'saved', pending: 0, retryAt: null };
    const offline: SyncView = { kind: 'reconnecting', pending: 2, retryAt: 900 };
    expect(combineViews([saved, offline, { ...offline, retryAt: 500, pending: 1 }], 0, true)).toMatchObject({ kind: 'reconnecting', pending: 3, retryAt: 500 });
    // Nothing open: the network and the changes waiting in closed documents decide.
    expect(combineViews([], 4, false)).toMatchObject({ kind: 'offline', pending: 4 });
    expect(combineViews([], 4, true).kind).toBe('saving');
    expect(combineViews([], 0, true).kind).toBe('saved');
  });
});

describe('LiveAnnouncer', () => {
  function setup() {
    vi.useFakeTimers();
    const said: string[] = [];
    const a = new LiveAnnouncer((v) => said.push(`${v.kind}:${v.pending}`));
    const v = (kind: SyncView['kind'], pending = 0): SyncView => ({ kind, pending, retryAt: null });
    return { a, said, v };
  }
  afterEach(() => vi.useRealTimers());

  it('speaks connection changes at once: offline → connecting → saving → saved', () => {
    const { a, said, v } = setup();
    a.update(v('saved'));
    a.update(v('offline', 0));
    a.update(v('connecting', 3));
    a.update(v('saving', 3));
    a.update(v('saved'));
    expect(said).toEqual(['saved:0', 'offline:0', 'connecting:3', 'saving:3', 'saved:0']);
  });

  it('does not speak the saving/saved flicker of typing, only a save that takes a while', () => {
    const { a, said, v } = setup();
    a.update(v('saved'));
    for (let i = 0; i < 5; i++) {
      a.update(v('saving', 1));
      vi.advanceTimersByTime(50);
      a.update(v('saved'));
    }
    vi.advanceTimersByTime(SETTLE_MS * 2);
    expect(said).toEqual(['saved:0']);
    a.update(v('saving', 1));
    vi.advanceTimersByTime(SETTLE_MS);
    expect(said).toEqual(['saved:0', 'saving:1']);
  });

  it('speaks the waiting count once typing offline has settled, and repaints do not delay it', () => {
    const { a, said, v } = setup();
    a.update(v('offline', 0));
    a.update(v('offline', 1));
    vi.advanceTimersByTime(SETTLE_MS / 2);
    a.update(v('offline', 2));
    a.update(v('offline', 2));
    expect(said).toEqual(['offline:0']);
    vi.advanceTimersByTime(SETTLE_MS);
    expect(said).toEqual(['offline:0', 'offline:2']);
  });
});

// ---- DocSession against a scripted socket -------------------------------------------------

/** Stands in for the browser WebSocket: records what the client sends, lets the test answer. */
class ScriptedSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static all: ScriptedSocket[] = [];
  readonly OPEN = 1;
  binaryType = 'arraybuffer';
  readyState = 0;
  sent: Uint8Array[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((e: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    ScriptedSocket.all.push(this);
  }
  send(data: Uint8Array) {
    this.sent.push(new Uint8Array(data));
  }
  close() {
    this.readyState = 3;
  }
  // ---- the test's side
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  deliver(bytes: Uint8Array) {
    this.onmessage?.({ data: bytes.slice().buffer });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
  /** Ack request ids sent so far. */
  ackIds(): number[] {
    return this.sent.flatMap((m) => {
      const d = decoding.createDecoder(m);
      return decoding.readVarUint(d) === MSG.ack ? [decoding.readVarUint(d)] : [];
    });
  }
  /** Updates the client sent (step 2 and updates), applied to `doc`. */
  applySentTo(doc: Y.Doc) {
    for (const m of this.sent) {
      const d = decoding.createDecoder(m);
      if (decoding.readVarUint(d) !== MSG.sync) continue;
      const sub = decoding.readVarUint(d);
      if (sub === syncProtocol.messageYjsSyncStep2 || sub === syncProtocol.messageYjsUpdate) Y.applyUpdate(doc, decoding.readVarUint8Array(d));
    }
  }
}

const msg = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};
const serverStep1 = (server: Y.Doc) => msg((e) => (encoding.writeVarUint(e, MSG.sync), syncProtocol.writeSyncStep1(e, server)));
const serverStep2 = (server: Y.Doc, sv: Uint8Array) => msg((e) => (encoding.writeVarUint(e, MSG.sync), syncProtocol.writeSyncStep2(e, server, sv)));
const ackReply = (id: number) => msg((e) => (encoding.writeVarUint(e, MSG.ack), encoding.writeVarUint(e, id)));
const flush = () => new Promise<void>((r) => setTimeout(r, 0));

describe('DocSession: acknowledgements over the socket', () => {
  let session: DocSession;
  beforeEach(() => {
    ScriptedSocket.all = [];
  });
  afterEach(() => session?.destroy());

  function open(extra: { localStore?: (name: string, doc: Y.Doc) => LocalStore; ledger?: (n: string) => PendingLedger } = {}) {
    session = new DocSession('c-test', {
      serverUrl: 'ws://test/sync',
      WebSocketPolyfill: ScriptedSocket as unknown as typeof WebSocket,
      connect: false,
      disableBc: true,
      ...extra,
    });
    return session;
  }

  /** Connects, runs the sync handshake against `server`, and answers the client's step 1. */
  async function connect(server: Y.Doc): Promise<ScriptedSocket> {
    await flush();
    session.goOnline();
    const ws = ScriptedSocket.all.at(-1)!;
    ws.open();
    ws.deliver(serverStep1(server)); // the client answers with its step 2
    ws.applySentTo(server);
    ws.deliver(serverStep2(server, Y.encodeStateVector(session.doc)));
    return ws;
  }

  it('offline edits (including a delete-only one) wait; the sync after reconnecting sends them and one ack clears them', async () => {
    const s = open();
    const title = s.doc.getText('title');
    title.insert(0, 'abc');
    title.insert(3, 'd');
    title.delete(0, 1);
    await flush();
    expect(s.getSync()).toMatchObject({ online: false, pending: 3 });
    expect(syncViewOf(s.getSync()).kind).toBe('offline');

    const server = new Y.Doc();
    const ws = await connect(server);
    expect(server.getText('title').toString()).toBe('bcd');
    expect(ws.ackIds()).toEqual([1]);
    expect(syncViewOf(s.getSync())).toMatchObject({ kind: 'saving', pending: 3 });
    ws.deliver(ackReply(1));
    expect(syncViewOf(s.getSync())).toMatchObject({ kind: 'saved', pending: 0 });
  });

  it('online: one ack request per burst of transactions, sent after the update', async () => {
    const s = open();
    const server = new Y.Doc();
    const ws = await connect(server);
    ws.deliver(ackReply(1));
    const before = ws.sent.length;
    s.doc.getText('title').insert(0, 'x');
    s.doc.getText('title').insert(1, 'y');
    expect(s.getSync().pending).toBe(0); // repainted after the burst
    await flush();
    expect(s.getSync().pending).toBe(2);
    const kinds = ws.sent.slice(before).map((m) => decoding.readVarUint(decoding.createDecoder(m)));
    expect(kinds).toEqual([MSG.sync, MSG.sync, MSG.ack]);
    ws.deliver(ackReply(2));
    expect(s.getSync().pending).toBe(0);
  });

  it('changes from the server (the provider) and from the local store are not counted', async () => {
    const stored = new Y.Doc();
    stored.getText('title').insert(0, 'from IndexedDB');
    const origin = {};
    const s = open({
      localStore: (_name, doc) => {
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(stored), origin);
        return { whenLoaded: Promise.resolve(), origin, destroy: () => {} };
      },
    });
    const server = new Y.Doc();
    server.getText('other').insert(0, 'from the server');
    const ws = await connect(server);
    ws.deliver(ackReply(1));
    expect(s.doc.getText('other').toString()).toBe('from the server');
    expect(s.getSync().pending).toBe(0);
    expect(s.getReady()).toBe(true);
  });

  it('a dropped socket loses its outstanding request; the next sync re-sends and a new ack clears', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    try {
      const s = open();
      const server = new Y.Doc();
      const ws = (async () => {
        await vi.advanceTimersByTimeAsync(1);
        s.goOnline();
        return ScriptedSocket.all.at(-1)!;
      })();
      const first = await ws;
      first.open();
      first.deliver(serverStep1(server));
      first.applySentTo(server);
      first.deliver(serverStep2(server, Y.encodeStateVector(s.doc)));
      first.deliver(ackReply(1));
      s.doc.getText('t').insert(0, 'lost?');
      await vi.advanceTimersByTimeAsync(0);
      expect(first.ackIds()).toEqual([1, 2]);
      first.drop();
      // The stock provider's own retry is neutralised; ours shows a countdown.
      const retry = s.getSync().retryAt;
      expect(retry).not.toBeNull();
      expect(syncViewOf(s.getSync())).toMatchObject({ kind: 'reconnecting', pending: 1 });
      first.deliver(ackReply(2)); // a late answer on the old socket is ignored (handlers detached)
      expect(s.getSync().pending).toBe(1);
      await vi.advanceTimersByTimeAsync(retry! - Date.now() + 1);
      const second = ScriptedSocket.all.at(-1)!;
      expect(second).not.toBe(first);
      second.open();
      second.deliver(serverStep1(new Y.Doc())); // a server that lost the edit: step 2 carries it again
      const fresh = new Y.Doc();
      second.applySentTo(fresh);
      expect(fresh.getText('t').toString()).toBe('lost?');
      second.deliver(serverStep2(server, Y.encodeStateVector(s.doc)));
      expect(second.ackIds()).toEqual([3]);
      second.deliver(ackReply(3));
      expect(syncViewOf(s.getSync()).kind).toBe('saved');
    } finally {
      vi.useRealTimers();
    }
  });

  it('the waiting count outlives the page: a reload of the tab adopts it and the first full sync clears it', async () => {
    const storage = memoryStorage();
    const key = ledgerKey('u1', 'c-test');
    const ledger = () => new PendingLedger(storage, key, 'tab-1');
    const s1 = open({ ledger });
    await flush();
    s1.doc.getText('t').insert(0, 'a');
    s1.doc.getText('t').insert(0, 'b');
    await flush();
    expect(waitingDocuments(storage, 'u1').get('c-test')).toBe(2);
    const saved = Y.encodeStateAsUpdate(s1.doc);
    s1.destroy();

    const s2 = open({
      ledger,
      localStore: (_n, doc) => {
        Y.applyUpdate(doc, saved, 'idb');
        return { whenLoaded: Promise.resolve(), origin: 'idb', destroy: () => {} };
      },
    });
    await flush();
    expect(s2.getSync().pending).toBe(2);
    const server = new Y.Doc();
    const ws = await connect(server);
    expect(server.getText('t').toString()).toBe('ba');
    ws.deliver(ackReply(1));
    expect(s2.getSync().pending).toBe(0);
    expect(waitingDocuments(storage, 'u1').size).toBe(0);
  });
});

describe('SessionRegistry: one session per document, kept until its changes are acknowledged', () => {
  beforeEach(() => {
    ScriptedSocket.all = [];
  });

  const options = () => ({
    serverUrl: 'ws://test/sync',
    WebSocketPolyfill: ScriptedSocket as unknown as typeof WebSocket,
    connect: false,
    disableBc: true,
  });

  async function online(session: DocSession, server: Y.Doc): Promise<ScriptedSocket> {
    await flush();
    session.goOnline();
    const ws = ScriptedSocket.all.at(-1)!;
    ws.open();
    ws.deliver(serverStep1(server));
    ws.applySentTo(server);
    ws.deliver(serverStep2(server, Y.encodeStateVector(session.doc)));
    return ws;
  }

  it('shares a session between holders and closes an idle one at once', async () => {
    const { SessionRegistry } = await import('../../client/offline/sessions.js');
    const registry = new SessionRegistry(options);
    const a = registry.acquire('c-x');
    expect(registry.acquire('c-x')).toBe(a);
    expect(registry.getState().documents).toEqual(['c-x']);
    registry.release(a);
    registry.release(a);
    expect(a.doc.isDestroyed).toBe(true);
    expect(registry.getState().documents).toEqual([]);
  });

  it('a released session with changes in flight stays connected until the server acknowledges them', async () => {
    const { SessionRegistry } = await import('../../client/offline/sessions.js');
    const registry = new SessionRegistry(options);
    const s = registry.acquire('c-y');
    const ws = await online(s, new Y.Doc());
    ws.deliver(ackReply(1));
    s.doc.getText('t').insert(0, 'typed just before leaving');
    await flush();
    expect(registry.hasUnsentWhileOnline()).toBe(true);
    registry.release(s);
    expect(s.doc.isDestroyed).toBe(false);
    expect(registry.getState().documents).toEqual([]);
    ws.deliver(ackReply(2));
    expect(s.doc.isDestroyed).toBe(true);
    expect(registry.hasUnsentWhileOnline()).toBe(false);
  });
});
