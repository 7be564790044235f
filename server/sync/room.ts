/**
 * One loaded document: its Y.Doc, awareness and connections. Every update from a client is
 * appended to the store's log before anyone else hears of it: updates arriving together are
 * grouped into one write and relayed once it is in the log; acknowledgements and sync replies
 * wait until it is safe from power loss too (see durability.ts and groupCommit.ts).
 *
 * The room is the coordinator of its jobs, each in a file of its own so each can be read
 * (and changed) without the others:
 * - document.ts     the Y.Doc (built lazily from storage), its log position, size, connections
 * - inbound.ts      decoding and dispatching what clients send; the inbox that batches updates
 * - writeGate.ts    the checks an update passes before it is applied
 * - waitingRetry.ts updates whose dependencies are missing: held, retried, bounded
 * - durability.ts   batches to the log, relay once written, acknowledgements once settled, compaction
 * - peers.ts        the same document's rooms in other processes, and catching up on gaps
 * - presence.ts     awareness (who is here), never stored
 */
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { Logger } from '../log.js';
import type { DocStore, LoadedDoc, UpdateAuthor, UpdateToAppend } from '../storage/index.js';
import type { DocAccess } from '../auth/permissions.js';
import type { Connection } from './connection.js';
import type { SyncObserver } from './observer.js';
import type { Origin } from './origins.js';
import type { SeqRanges } from './seqRanges.js';
import { RoomDocument } from './document.js';
import { Relay } from './relay.js';
import { Inbound } from './inbound.js';
import { WriteGate } from './writeGate.js';
import { WaitingRetry } from './waitingRetry.js';
import { Durability, type Batch } from './durability.js';
import { Peers } from './peers.js';
import { Presence } from './presence.js';

export type RoomState = 'ready' | 'failed' | 'destroyed';

export interface RoomOptions {
  compactAfterUpdates: number;
  /** Largest encoded size of the document; clients' updates beyond it are refused (default: none). */
  maxDocumentBytes?: number;
  logger: Logger;
  /** Called when the room has no connections left (so the registry can schedule an unload). */
  onEmpty(room: Room): void;
  /** Called when a write failed and the room closed itself. */
  onFailed(room: Room): void;
  /**
   * Sends a message to this document's rooms in the other processes (pub/sub); absent when
   * this process is alone.
   */
  publish?(message: Uint8Array): void;
  /** Operational reports (metrics); quiet when absent. */
  observer?: SyncObserver;
  /**
   * Told of the updates this process stored (clients' and the server's, not other processes'),
   * once they are durable: features that react to what was written (notifications) read them
   * here instead of trusting what a client says it wrote. Must not throw.
   */
  onStored?(room: Room, updates: UpdateToAppend[]): void;
  /** Writes this room's batches together with other rooms' (one transaction for all). */
  groupCommit: { schedule(room: Room): void };
}

/** A room's jobs as they reach each other (each is built by the room, once). */
export interface RoomJobs {
  inbound: Inbound;
  gate: WriteGate;
  waiting: WaitingRetry;
  durability: Durability;
  peers: Peers;
  presence: Presence;
  /** See Room.fail. */
  fail(err: unknown, what?: string): void;
}

export class Room {
  readonly awareness: Awareness;
  private readonly document: RoomDocument;
  private readonly jobs: RoomJobs;

  constructor(
    readonly name: string,
    store: DocStore,
    loaded: LoadedDoc,
    private readonly options: RoomOptions,
  ) {
    const doc = new RoomDocument(name, store, loaded, options, (err) => this.fail(err, 'the stored document could not be read'));
    this.document = doc;
    const relay = new Relay(doc.conns);
    const jobs = { fail: (err: unknown, what?: string) => this.fail(err, what) } as RoomJobs;
    jobs.presence = new Presence(doc, relay);
    jobs.peers = new Peers(doc, jobs.presence);
    jobs.inbound = new Inbound(doc, jobs);
    jobs.gate = new WriteGate(doc, jobs);
    jobs.waiting = new WaitingRetry(doc, jobs);
    jobs.durability = new Durability(doc, relay, jobs, () => options.groupCommit.schedule(this), (updates) => options.onStored?.(this, updates));
    this.jobs = jobs;
    this.awareness = jobs.presence.awareness;
    doc.ydoc.on('update', jobs.durability.onDocUpdate);
  }

  get kind() {
    return this.document.kind;
  }

  get conns(): Set<Connection> {
    return this.document.conns;
  }

  get state(): RoomState {
    return this.document.state;
  }

  /** The highest seq of the log this room knows of (its own appends and other processes'). */
  get lastSeq(): number {
    return this.document.lastSeq;
  }

  get compactedSeq(): number {
    return this.document.compactedSeq;
  }

  /** Which seqs the doc holds: compaction goes only up to `held.contiguous`. */
  get held(): SeqRanges {
    return this.document.held;
  }

  /** The document, built from storage first if it has not been yet (throws if the stored state cannot be read). */
  get doc(): Y.Doc {
    return this.document.doc;
  }

  /** True when nothing is waiting to be written. */
  get quiescent(): boolean {
    return this.jobs.durability.quiescent;
  }

  /**
   * True when the doc holds exactly the log up to `lastSeq`: with several processes, a room
   * may miss some of another's seqs for a moment (then storage is the truth).
   */
  get holdsWholeLog(): boolean {
    return this.document.holdsWholeLog;
  }

  // ---- connections ------------------------------------------------------------------------

  /**
   * Adds a connection; `accessOf` reads its access, now and at every `reviewAccess` (without
   * it, the connection keeps the access it has). Until the document is built, the connection
   * can only be answered a step 1 for an empty state vector; any other message builds it first.
   */
  join(conn: Connection, accessOf?: (doc: Y.Doc) => DocAccess): void {
    this.document.join(conn, accessOf);
    this.jobs.presence.greet(conn);
  }

  leave(conn: Connection): void {
    if (!this.document.leave(conn)) return;
    this.jobs.waiting.drop(conn);
    this.jobs.presence.leave(conn);
    if (this.conns.size === 0) this.options.onEmpty(this);
  }

  /**
   * Who may write the document changed (server state, see server/rights/): every
   * connection's access is read again, so rights granted or withdrawn hold from its next update.
   */
  reviewAccess(): void {
    this.document.reviewAccess();
  }

  /**
   * Handles one message; a malformed one closes only the sender's socket. The whole message
   * is decoded and checked before anything in it takes effect.
   */
  handleMessage(conn: Connection, data: Uint8Array): void {
    this.jobs.inbound.handle(conn, data);
  }

  /** Applies `change` as `author` and resolves once it is durable. */
  change(author: UpdateAuthor, change: (doc: Y.Doc) => void): Promise<void> {
    if (this.state !== 'ready') return Promise.reject(new Error('document is not available'));
    const origin: Origin = { kind: 'server', author };
    this.jobs.inbound.drain();
    this.doc.transact(() => change(this.doc), origin);
    return new Promise((resolve, reject) => this.jobs.durability.afterDurable(() => (this.state === 'ready' ? resolve() : reject(new Error('write failed')))));
  }

  // ---- durable writes (called by the group commit) -----------------------------------------

  /**
   * Takes the open batch for writing: null when there is nothing to write (a batch of
   * acknowledgements only is settled at once). The caller writes it, then calls `written`
   * or `fail`.
   */
  sealBatch(): Batch | null {
    return this.jobs.durability.seal();
  }

  /**
   * A sealed batch is in the log (its last update got `seq`): a process crash can no longer take
   * it back, so it is relayed, published and told to listeners. It stays in flight, and its
   * acknowledgements wait, until `settled`.
   */
  written(batch: Batch, seq: number): void {
    this.jobs.durability.written(batch, seq);
  }

  /**
   * A written batch is safe from power loss (fsynced, or committed): what waited for it runs
   * (acknowledgements, sync replies, `whenDurable`), and the log may be compacted.
   */
  settled(batch: Batch): void {
    this.jobs.durability.settled(batch);
  }

  /** Merges the log into one state (see Durability.compact). */
  compact(): Promise<void> {
    return this.jobs.durability.compact();
  }

  /** Resolves when everything applied so far is durable (or the room failed). */
  whenDurable(): Promise<void> {
    return new Promise((resolve) => this.jobs.durability.afterDurable(resolve));
  }

  /**
   * A write failed (or pub/sub was lost): nothing after it may be relayed, so the room
   * closes its connections with 4503 and reloads when they come back.
   */
  fail(err: unknown, what = 'storage write failed'): void {
    if (this.state !== 'ready') return;
    this.options.logger.error(`${what}; closing document`, { doc: this.name, error: String(err) });
    this.document.observer.writeFailed();
    this.document.state = 'failed';
    for (const conn of this.conns) conn.close('unavailable');
    this.conns.clear();
    this.jobs.inbound.drop();
    this.jobs.durability.drop();
    this.options.onFailed(this);
    this.destroy();
  }

  // ---- other processes and presence ----------------------------------------------------------

  /** Handles a message from this document's room in another process. */
  receivePeer(data: Uint8Array): void {
    if (this.state === 'ready') this.jobs.peers.receive(data);
  }

  /** Asks the other processes for their clients' awareness (a room that has just loaded). */
  queryPeers(): void {
    this.jobs.peers.query();
  }

  /** Reads the log to fill seqs that never came through pub/sub (a process died before publishing). */
  catchUp(): Promise<void> {
    return this.jobs.peers.catchUp();
  }

  /** Removes presence not renewed for 30 s (clients renew every 15 s), as y-protocols' own timer would. */
  expireAwareness(now = Date.now()): void {
    if (this.state === 'ready') this.jobs.presence.expire(now);
  }

  destroy(): void {
    const { document: doc, jobs } = this;
    if (doc.state === 'destroyed') return;
    doc.state = doc.state === 'failed' ? 'failed' : 'destroyed';
    jobs.peers.stop();
    doc.discard();
    jobs.waiting.clear();
    jobs.gate.discard();
    doc.ydoc.off('update', jobs.durability.onDocUpdate);
    jobs.presence.destroy();
    doc.ydoc.destroy();
  }
}
