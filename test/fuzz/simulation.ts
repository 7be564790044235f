/**
 * The in-memory convergence fuzzer: K replicas of a commitment talk to the real server room
 * (`Rooms` → `Room.handleMessage`, SQLite in memory) over a deterministic simulated network
 * in the style of Yjs's `TestConnector` — one FIFO queue per link and direction, random
 * delivery across links, plus duplicated and reordered delivery, disconnects that drop what
 * is queued, reconnects that re-run sync step 1/2, graceful restarts and crashes of the
 * server (the unflushed batch is lost). Everything is driven by one seed; the only async
 * steps are the room's own `setImmediate` flushes, awaited at seeded points.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { MSG } from '../../shared/protocol/messages.js';
import { renderCommitment, writeCommitment } from '../../shared/schema/index.js';
import type { User } from '../../shared/protocol/auth.js';
import { accessToDoc } from '../../server/auth/docAccess.js';
import { silentLogger } from '../../server/log.js';
import { demoPlan } from '../../server/seed/demoPlan.js';
import { SqliteStore } from '../../server/storage/index.js';
import { Connection, type SocketLike } from '../../server/sync/connection.js';
import { SYSTEM_AUTHOR } from '../../server/sync/origins.js';
import { Rooms } from '../../server/sync/rooms.js';
import { seededRng, type SeededRng } from '../helpers/rng.js';
import { SyncClient, containsAll } from '../reliability/syncClient.js';
import { randomEdit } from './edits.js';

const DOC = 'c-fuzz';

/** Where two renderings part, with some context: `…"text":"ab" ≠ …"text":"aB"`. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `…${a.slice(Math.max(0, i - 60), i + 60)} ≠ …${b.slice(Math.max(0, i - 60), i + 60)}`;
}

/** Which clients' clocks or delete ranges differ between two snapshots. */
function describeSnapshots(a: Y.Snapshot, b: Y.Snapshot): string {
  const svA = [...a.sv].filter(([c, k]) => b.sv.get(c) !== k);
  const ranges = (s: Y.Snapshot) => new Map([...s.ds.clients].map(([c, items]) => [c, items.map((i) => `${i.clock}+${i.len}`).join(',')]));
  const dsA = ranges(a);
  const dsB = ranges(b);
  const dsDiff = [...new Set([...dsA.keys(), ...dsB.keys()])].filter((c) => dsA.get(c) !== dsB.get(c));
  return `state vector (clients ${svA.map(([c, k]) => `${c}:${k}≠${b.sv.get(c)}`).join(' ') || 'none'}), delete set (clients ${dsDiff.join(' ') || 'none'})`;
}
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Probabilities of each network event per step (Yjs uses 2 % / 1 % / 50 %). */
export interface Faults {
  toggle: number;
  restart: number;
  crash: number;
  flushAll: number;
  deliver: number;
  duplicate: number;
  reorder: number;
  ack: number;
  serverEdit: number;
}

export const DEFAULT_FAULTS: Faults = {
  toggle: 0.03,
  restart: 0.004,
  crash: 0.004,
  flushAll: 0.02,
  deliver: 0.6,
  duplicate: 0.05,
  reorder: 0.05,
  ack: 0.08,
  serverEdit: 0.03,
};

export interface SimOptions {
  seed: number;
  /** Number of replicas; default 3–8 from the seed. */
  replicas?: number;
  /** Random steps (network event + edit); default 300. */
  steps?: number;
  faults?: Partial<Faults>;
}

export interface SimReport {
  seed: number;
  replicas: number;
  steps: number;
  edits: number;
  delivered: number;
  duplicated: number;
  reordered: number;
  reconnects: number;
  restarts: number;
  crashes: number;
  acked: number;
  storedUpdates: number;
}

/** A run that broke an invariant; the message starts with the seed and ends with the op log. */
export class FuzzFailure extends Error {
  constructor(
    readonly seed: number,
    reason: string,
    log: string[],
  ) {
    super(`seed ${seed}: ${reason}\n  replay: runSimulation({ seed: ${seed} })\n  last events:\n    ${log.slice(-40).join('\n    ')}`);
  }
}

const USER: User = {
  id: 'u-fuzz',
  email: 'fuzz@example.gov.tw',
  name: '模糊測試',
  role: 'coordinator',
  affiliation: { kind: 'agency', id: 'ndc', name: '國家發展委員會' },
  commitments: [],
  createdAt: '2021-01-01T00:00:00.000Z',
};

let initialState: Uint8Array | null = null;
/** The demo's first commitment, encoded once (with a fixed client id, so runs replay). */
function initial(): Uint8Array {
  if (!initialState) {
    const json = { ...demoPlan().commitments[0]!, id: DOC };
    const doc = new Y.Doc();
    doc.clientID = 1;
    writeCommitment(doc, json);
    initialState = Y.encodeStateAsUpdate(doc);
    doc.destroy();
  }
  return initialState;
}

class Replica {
  readonly doc = new Y.Doc();
  readonly client: SyncClient;
  conn: Connection | null = null;
  /** Client → server and server → client queues of the current connection. */
  up: Uint8Array[] = [];
  down: Uint8Array[] = [];
  /** Sync payloads the server has received on the current connection, in order. */
  received: Uint8Array[] = [];

  constructor(
    readonly index: number,
    clientId: number,
  ) {
    this.doc.clientID = clientId;
    Y.applyUpdate(this.doc, initial());
    this.client = new SyncClient(this.doc);
  }

  get online(): boolean {
    return this.conn !== null;
  }
}

class Simulation {
  readonly rng: SeededRng;
  readonly faults: Faults;
  readonly log: string[] = [];
  readonly replicas: Replica[] = [];
  readonly store = new SqliteStore({ file: ':memory:' });
  rooms!: Rooms;
  /** Sync payloads the server acknowledged as durable: they must survive any crash. */
  readonly acked: Uint8Array[] = [];
  /** Per ack id, what the server had received when each copy of the request arrived. */
  private readonly ackWaits = new Map<number, Uint8Array[][]>();
  private nextAck = 1;
  private readonly compactAfter: number;
  private expectingClose = false;
  /** An invariant broken inside a server callback (thrown there, it would be swallowed). */
  private broken: string | null = null;
  readonly report: SimReport;

  constructor(readonly opts: SimOptions) {
    this.rng = seededRng(opts.seed);
    this.faults = { ...DEFAULT_FAULTS, ...opts.faults };
    const k = opts.replicas ?? 3 + this.rng.int(6);
    this.compactAfter = 10 + this.rng.int(60);
    for (let i = 0; i < k; i++) this.replicas.push(new Replica(i, 1000 + i));
    this.report = {
      seed: opts.seed, replicas: k, steps: opts.steps ?? 300, edits: 0, delivered: 0, duplicated: 0, reordered: 0,
      reconnects: 0, restarts: 0, crashes: 0, acked: 0, storedUpdates: 0,
    };
  }

  fail(reason: string): never {
    throw new FuzzFailure(this.opts.seed, reason, this.log);
  }

  /** Throws what a server callback recorded. */
  check(): void {
    if (this.broken) this.fail(this.broken);
  }

  private note(event: string): void {
    this.log.push(event);
    if (this.log.length > 200) this.log.splice(0, this.log.length - 200);
  }

  async start(): Promise<void> {
    await this.store.createDocument(DOC, 'commitment', 'plan-fuzz');
    await this.store.appendUpdates(DOC, [{ update: initial(), author: SYSTEM_AUTHOR, receivedAt: 0 }]);
    this.boot();
  }

  private boot(): void {
    // Never unloads by itself: restarts and crashes are the seeded events below.
    this.rooms = new Rooms(this.store, { compactAfterUpdates: this.compactAfter, idleUnloadMs: 24 * 3600_000, logger: silentLogger });
  }

  private async room() {
    const room = await this.rooms.get(DOC);
    if (!room) this.fail('the document vanished from the store');
    // Server-side changes get a fixed client id too, so a seed replays exactly.
    if (room.doc.clientID !== 999) room.doc.clientID = 999;
    return room;
  }

  // ---- connections ----------------------------------------------------------------------

  async connect(r: Replica): Promise<void> {
    const room = await this.room();
    let conn!: Connection;
    const socket: SocketLike = {
      send: (data, written) => {
        if (r.conn !== conn) return;
        if (data[0] === MSG.ack) this.acknowledged(data);
        r.down.push(data.slice());
        written?.();
      },
      close: (code, reason) => {
        if (!this.expectingClose) this.broken ??= `the server closed replica ${r.index}: ${code} ${reason}`;
        // The socket's close event comes later in a real server; the room is gone by then.
        if (r.conn === conn) this.drop(r, false);
      },
    };
    conn = new Connection(socket, USER, 'read');
    r.conn = conn;
    r.up = [];
    r.down = [];
    r.received = [];
    // As the sync route joins (a coordinator: the commitment's rights rows do not change its access).
    room.join(conn, () => accessToDoc(USER, DOC, null));
    r.client.attach((data) => r.up.push(data));
    this.report.reconnects++;
    this.note(`connect ${r.index}`);
  }

  /** The replica's socket closes: both queues are lost, as in TestConnector.disconnect(). */
  private drop(r: Replica, leave = true): void {
    const conn = r.conn;
    if (!conn) return;
    r.conn = null;
    r.up = [];
    r.down = [];
    r.client.detach();
    conn.closed = true;
    if (leave) this.rooms.loaded(DOC)?.leave(conn);
  }

  disconnect(r: Replica): void {
    this.drop(r);
    this.note(`disconnect ${r.index}`);
  }

  private acknowledged(data: Uint8Array): void {
    const d = decoding.createDecoder(data);
    decoding.readVarUint(d);
    const id = decoding.readVarUint(d);
    const covered = this.ackWaits.get(id)?.shift();
    if (!covered) {
      this.broken ??= `ack ${id} that nobody asked for`;
      return;
    }
    this.acked.push(...covered);
    this.report.acked++;
  }

  // ---- server lifecycle -----------------------------------------------------------------

  async restart(): Promise<void> {
    this.note('server restart (graceful)');
    this.expectingClose = true;
    await this.rooms.closeAll();
    this.expectingClose = false;
    for (const r of this.replicas) this.drop(r);
    this.boot();
    this.report.restarts++;
    await this.checkAcked('after a graceful restart');
  }

  /** The process dies: whatever the room had not yet written is gone, sockets vanish. */
  async crash(): Promise<void> {
    this.note('server crash');
    const room = this.rooms.loaded(DOC);
    for (const r of this.replicas) {
      if (r.conn) r.conn.closed = true;
      r.conn = null;
      r.up = [];
      r.down = [];
      r.client.detach();
    }
    room?.destroy();
    this.boot();
    this.report.crashes++;
    await this.checkAcked('after a crash');
  }

  async storedDoc(): Promise<Y.Doc> {
    const loaded = await this.store.loadDocument(DOC);
    const doc = new Y.Doc();
    const parts = loaded.state ? [loaded.state, ...loaded.updates] : loaded.updates;
    Y.applyUpdate(doc, Y.mergeUpdates(parts));
    this.report.storedUpdates = loaded.lastSeq;
    return doc;
  }

  private async checkAcked(when: string): Promise<void> {
    const stored = await this.storedDoc();
    if (!containsAll(stored, this.acked)) this.fail(`an acknowledged update is missing from the store ${when}`);
    stored.destroy();
  }

  // ---- the network ------------------------------------------------------------------------

  private links(): Array<{ r: Replica; dir: 'up' | 'down' }> {
    const out: Array<{ r: Replica; dir: 'up' | 'down' }> = [];
    for (const r of this.replicas) {
      if (r.up.length) out.push({ r, dir: 'up' });
      if (r.down.length) out.push({ r, dir: 'down' });
    }
    return out;
  }

  /** Delivers one message of a random link; with faults, maybe a later one or a copy. */
  async deliverOne(faulty: boolean): Promise<boolean> {
    const links = this.links();
    if (links.length === 0) return false;
    const { r, dir } = this.rng.pick(links);
    const queue = r[dir];
    let i = 0;
    if (faulty && queue.length > 1 && this.rng.next() < this.faults.reorder) {
      i = this.rng.int(queue.length);
      if (i > 0) this.report.reordered++;
    }
    const msg = queue[i]!;
    if (faulty && this.rng.next() < this.faults.duplicate) this.report.duplicated++;
    else queue.splice(i, 1);
    this.report.delivered++;
    if (dir === 'down') {
      r.client.receive(msg);
      return true;
    }
    this.track(r, msg);
    const room = this.rooms.loaded(DOC);
    if (!room || !r.conn) this.fail('a connected replica without a room');
    room.handleMessage(r.conn, msg);
    if (!faulty || this.rng.next() < 0.6) await tick();
    return true;
  }

  /** Remembers what the server received on this connection, for the ack invariant. */
  private track(r: Replica, msg: Uint8Array): void {
    const d = decoding.createDecoder(msg);
    const type = decoding.readVarUint(d);
    if (type === MSG.sync) {
      const sub = decoding.readVarUint(d);
      if (sub !== 0) r.received.push(decoding.readVarUint8Array(d));
    } else if (type === MSG.ack) {
      const id = decoding.readVarUint(d);
      const waits = this.ackWaits.get(id) ?? [];
      waits.push([...r.received]);
      this.ackWaits.set(id, waits);
    }
  }

  /** Delivers everything without faults until no queue holds anything and the room is idle. */
  async flushAll(): Promise<void> {
    for (let guard = 0; ; guard++) {
      if (guard > 200_000) this.fail('the network did not go quiet');
      if (await this.deliverOne(false)) continue;
      await tick();
      const room = this.rooms.loaded(DOC);
      if (this.links().length === 0 && (!room || room.quiescent)) return;
    }
  }

  // ---- the run ----------------------------------------------------------------------------

  async step(): Promise<void> {
    const f = this.faults;
    let r = this.rng.next();
    if ((r -= f.toggle) < 0) {
      const rep = this.rng.pick(this.replicas);
      if (rep.online) this.disconnect(rep);
      else await this.connect(rep);
    } else if ((r -= f.restart) < 0) await this.restart();
    else if ((r -= f.crash) < 0) await this.crash();
    else if ((r -= f.flushAll) < 0) await this.flushAll();
    else if ((r -= f.deliver) < 0) await this.deliverOne(true);

    if (this.rng.next() < f.serverEdit) {
      const room = await this.room();
      let said = '';
      room.change({ userId: 'u-server', name: 'API', affiliation: 'agency' }, (doc) => (said = randomEdit(this.rng, doc))).catch(() => {});
      this.note(`server: ${said}`);
    } else {
      const rep = this.rng.pick(this.replicas);
      this.note(`${rep.index}${rep.online ? '' : ' (offline)'}: ${randomEdit(this.rng, rep.doc)}`);
    }
    this.report.edits++;

    const rep = this.rng.pick(this.replicas);
    if (rep.online && this.rng.next() < f.ack) {
      const id = this.nextAck++;
      rep.client.requestAck(id);
      this.note(`${rep.index}: ack? ${id}`);
    }
  }

  /** Reconnects everyone, lets the network go quiet, then checks every invariant. */
  async finish(): Promise<void> {
    for (const r of this.replicas) if (!r.online) await this.connect(r);
    await this.flushAll();
    this.check();
    const room = await this.room();
    const stored = await this.storedDoc();
    const want = JSON.stringify(renderCommitment(room.doc));
    const wantSnap = Y.snapshot(room.doc);
    const noPending = (doc: Y.Doc) => doc.store.pendingStructs === null && doc.store.pendingDs === null;
    if (!noPending(room.doc)) this.fail('the server room has pending structs');
    if (!noPending(stored)) this.fail('the stored document has pending structs');
    const storedJson = JSON.stringify(renderCommitment(stored));
    if (storedJson !== want) this.fail(`the stored document differs from the server room: ${firstDifference(storedJson, want)}`);
    for (const r of this.replicas) {
      if (!noPending(r.doc)) this.fail(`replica ${r.index} has pending structs`);
      if (!r.client.synced) this.fail(`replica ${r.index} never received the server's step 2`);
      if (r.client.denied.length) this.fail(`replica ${r.index} was refused: ${r.client.denied[0]}`);
      const json = JSON.stringify(renderCommitment(r.doc));
      if (json !== want) this.fail(`replica ${r.index} renders differently from the server: ${firstDifference(json, want)}`);
      const snap = Y.snapshot(r.doc);
      if (!Y.equalSnapshots(snap, wantSnap)) this.fail(`replica ${r.index} differs from the server in ${describeSnapshots(snap, wantSnap)}`);
    }
    if (!containsAll(stored, this.acked)) this.fail('an acknowledged update is missing from the store');
    stored.destroy();
  }

  async close(): Promise<void> {
    for (const r of this.replicas) {
      this.drop(r);
      r.client.destroy();
      r.doc.destroy();
    }
    this.expectingClose = true;
    await this.rooms.closeAll();
    await this.store.close();
  }
}

/**
 * Runs one seeded simulation; throws a `FuzzFailure` (seed, reason, last events) when the
 * replicas, the server and the store do not end identical, or an acknowledged update is lost.
 * @example const report = await runSimulation({ seed: 42 });
 */
export async function runSimulation(opts: SimOptions): Promise<SimReport> {
  const sim = new Simulation(opts);
  try {
    await sim.start();
    for (const r of sim.replicas) if (sim.rng.next() < 0.7) await sim.connect(r);
    for (let i = 0; i < sim.report.steps; i++) {
      await sim.step();
      sim.check();
    }
    await sim.finish();
    return sim.report;
  } catch (err) {
    if (err instanceof FuzzFailure) throw err;
    throw new FuzzFailure(opts.seed, `threw ${(err as Error)?.stack ?? String(err)}`, sim.log);
  } finally {
    await sim.close().catch(() => {});
  }
}
