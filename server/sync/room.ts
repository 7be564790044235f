/**
 * One loaded document: its Y.Doc, awareness and connections. Every update from a client is
 * appended to the store before anyone else hears of it: updates arriving together are
 * grouped into one write, and the relay, acknowledgements and sync replies wait for it.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { MSG } from '../../shared/protocol/messages.js';
import type { Logger } from '../log.js';
import type { DocStore, LoadedDoc, UpdateAuthor, UpdateToAppend } from '../storage/types.js';
import type { Connection } from './connection.js';
import { ackMessage, awarenessMessage, deniedMessage, step1Message, step2Message, updateMessage, SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE } from './messages.js';
import { STORAGE_ORIGIN, type Origin } from './origins.js';
import { sanitizeAwareness } from './awarenessGuard.js';
import { touchesOnlyEnglish } from '../auth/translatorScope.js';

/** Updates waiting to be written, and what must happen once they are durable. */
interface Batch {
  updates: UpdateToAppend[];
  sends: Array<{ message: Uint8Array; except: Connection | null }>;
  after: Array<() => void>;
}

export type RoomState = 'ready' | 'failed' | 'destroyed';

export interface RoomOptions {
  compactAfterUpdates: number;
  logger: Logger;
  /** Called when the room has no connections left (so the registry can schedule an unload). */
  onEmpty(room: Room): void;
  /** Called when a write failed and the room closed itself. */
  onFailed(room: Room): void;
}

/** The store's synchronous append, when it has one (SQLite): no promise on the hot path. */
type SyncAppend = (name: string, updates: UpdateToAppend[]) => number;

class BadMessage extends Error {}

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly conns = new Set<Connection>();
  state: RoomState = 'ready';
  lastSeq: number;
  compactedSeq: number;
  private batch: Batch | null = null;
  private inflight: Batch[] = [];
  private flushScheduled = false;
  private writeChain: Promise<void> = Promise.resolve();
  private fullStateReply: Uint8Array | null = null;
  private readonly appendSync: SyncAppend | null;

  constructor(
    readonly name: string,
    private readonly store: DocStore,
    loaded: LoadedDoc,
    private readonly options: RoomOptions,
  ) {
    const sync = (store as { appendSync?: SyncAppend }).appendSync;
    this.appendSync = sync ? sync.bind(store) : null;
    this.lastSeq = loaded.lastSeq;
    this.compactedSeq = loaded.compactedSeq;
    const parts = loaded.state ? [loaded.state, ...loaded.updates] : loaded.updates;
    if (parts.length) Y.applyUpdate(this.doc, parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts), STORAGE_ORIGIN);
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  // ---- connections ------------------------------------------------------------------------

  join(conn: Connection): void {
    this.conns.add(conn);
    conn.send(step1Message(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length) conn.send(awarenessMessage(this.awareness, states));
  }

  leave(conn: Connection): void {
    if (!this.conns.delete(conn) || this.state !== 'ready') return;
    if (conn.awarenessIds.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null);
    if (this.conns.size === 0) this.options.onEmpty(this);
  }

  /** Re-evaluates every connection's access (after the document's agencies changed). */
  reviewAccess(accessOf: (conn: Connection) => Connection['access']): void {
    for (const conn of this.conns) conn.access = accessOf(conn);
  }

  /** True when nothing is waiting to be written. */
  get quiescent(): boolean {
    return !this.batch && this.inflight.length === 0;
  }

  // ---- incoming messages --------------------------------------------------------------------

  /**
   * Handles one message; a malformed one closes only the sender's socket. The whole message
   * is decoded and checked before anything in it takes effect.
   */
  handleMessage(conn: Connection, data: Uint8Array): void {
    if (this.state !== 'ready') return;
    try {
      this.decode(conn, data)();
    } catch (err) {
      this.options.logger.debug('refused message', { doc: this.name, reason: String((err as Error)?.message ?? err) });
      conn.close('badMessage', err instanceof BadMessage ? err.message : undefined);
    }
  }

  /** Parses a message into the action it asks for; throws on anything malformed. */
  private decode(conn: Connection, data: Uint8Array): () => void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    let action: () => void;
    switch (type) {
      case MSG.sync: {
        const subtype = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (subtype === SYNC_STEP1) action = () => this.answerStep1(conn, payload);
        else if (subtype === SYNC_STEP2 || subtype === SYNC_UPDATE) action = () => this.receiveUpdate(conn, payload);
        else throw new BadMessage(`unknown sync message ${subtype}`);
        break;
      }
      case MSG.awareness: {
        const checked = sanitizeAwareness(decoding.readVarUint8Array(decoder), conn.user, (id) => this.ownerOf(conn, id), conn.awarenessIds.size);
        action = () => {
          if (checked.update) awarenessProtocol.applyAwarenessUpdate(this.awareness, checked.update, conn);
          if (checked.dropped.length) conn.send(deniedMessage('awareness_refused', checked.dropped.join('; ')));
        };
        break;
      }
      case MSG.queryAwareness:
        action = () => conn.send(awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
        break;
      case MSG.ack: {
        const id = decoding.readVarUint(decoder);
        action = () => this.afterDurable(() => conn.send(ackMessage(id)));
        break;
      }
      default:
        throw new BadMessage(`unknown message type ${type}`);
    }
    if (decoding.hasContent(decoder)) throw new BadMessage('trailing bytes');
    return action;
  }

  private answerStep1(conn: Connection, sv: Uint8Array): void {
    // Encoded now, so it holds exactly what is applied now; sent once that is durable.
    const reply = this.syncReply(sv);
    this.afterDurable(() => conn.send(reply));
  }

  private receiveUpdate(conn: Connection, update: Uint8Array): void {
    if (conn.access === 'read') {
      this.refused('read_only');
      conn.send(deniedMessage('read_only', 'You may read and comment on this document but not edit it; your change was not saved.'));
      return;
    }
    if (conn.access === 'translate' && !touchesOnlyEnglish(this.doc, update)) {
      this.refused('translator_scope');
      conn.send(deniedMessage('translator_scope', 'Translators may edit the English texts only; your change was not saved.'));
      return;
    }
    Y.applyUpdate(this.doc, update, conn.origin);
  }

  private refused(reason: string): void {
    this.options.logger.debug('refused update', { doc: this.name, reason });
  }

  private ownerOf(conn: Connection, clientId: number): 'me' | 'other' | 'nobody' {
    if (conn.awarenessIds.has(clientId)) return 'me';
    for (const other of this.conns) if (other !== conn && other.awarenessIds.has(clientId)) return 'other';
    // A state the server holds for a departed connection may be taken over.
    return 'nobody';
  }

  /** Step 2 for a state vector; the reply for an empty one (a new joiner) is cached. */
  private syncReply(sv: Uint8Array): Uint8Array {
    const empty = sv.length === 1 && sv[0] === 0;
    if (empty && this.fullStateReply) return this.fullStateReply;
    const reply = step2Message(Y.encodeStateAsUpdate(this.doc, sv));
    if (empty) this.fullStateReply = reply;
    return reply;
  }

  // ---- changes made by the server itself ---------------------------------------------------

  /** Applies `change` as `author` and resolves once it is durable. */
  change(author: UpdateAuthor, change: (doc: Y.Doc) => void): Promise<void> {
    if (this.state !== 'ready') return Promise.reject(new Error('document is not available'));
    const origin: Origin = { kind: 'server', author };
    this.doc.transact(() => change(this.doc), origin);
    return new Promise((resolve, reject) => this.afterDurable(() => (this.state === 'ready' ? resolve() : reject(new Error('write failed')))));
  }

  // ---- durable writes ----------------------------------------------------------------------

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.fullStateReply = null;
    const o = origin as Origin | null;
    if (!o || o.kind === 'storage') return;
    const except = o.kind === 'client' ? o.conn : null;
    if (o.kind === 'pubsub') {
      this.broadcast(updateMessage(update), null);
      return;
    }
    const author = o.kind === 'client' ? o.conn.author : o.author;
    const batch = this.openBatch();
    batch.updates.push({ update, author, receivedAt: Date.now() });
    batch.sends.push({ message: updateMessage(update), except });
  };

  private openBatch(): Batch {
    if (!this.batch) this.batch = { updates: [], sends: [], after: [] };
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(this.flush);
    }
    return this.batch;
  }

  /** Runs `fn` once everything applied so far is durable. */
  private afterDurable(fn: () => void): void {
    const target = this.batch ?? this.inflight[this.inflight.length - 1];
    if (target) target.after.push(fn);
    else fn();
  }

  private readonly flush = (): void => {
    this.flushScheduled = false;
    const batch = this.batch;
    this.batch = null;
    if (!batch || this.state !== 'ready') return;
    if (batch.updates.length === 0) {
      this.finish(batch, this.lastSeq);
      return;
    }
    this.inflight.push(batch);
    if (this.appendSync) {
      let seq: number;
      try {
        seq = this.appendSync(this.name, batch.updates);
      } catch (err) {
        this.fail(err);
        return;
      }
      this.finish(batch, seq);
      return;
    }
    this.writeChain = this.writeChain
      .then(() => this.store.appendUpdates(this.name, batch.updates))
      .then((seq) => this.finish(batch, seq), (err) => this.fail(err));
  };

  private finish(batch: Batch, seq: number): void {
    if (this.state !== 'ready') return;
    const i = this.inflight.indexOf(batch);
    if (i >= 0) this.inflight.splice(i, 1);
    this.lastSeq = seq;
    for (const { message, except } of batch.sends) this.broadcast(message, except);
    for (const fn of batch.after) fn();
    if (this.quiescent && this.lastSeq - this.compactedSeq >= this.options.compactAfterUpdates) void this.compact();
  }

  private broadcast(message: Uint8Array, except: Connection | null): void {
    for (const conn of this.conns) if (conn !== except) conn.send(message);
  }

  /** A write failed: nothing after it may be relayed, so the room closes and reloads later. */
  private fail(err: unknown): void {
    if (this.state !== 'ready') return;
    this.options.logger.error('storage write failed; closing document', { doc: this.name, error: String(err) });
    this.state = 'failed';
    for (const conn of this.conns) conn.close('unavailable');
    this.conns.clear();
    this.batch = null;
    this.inflight = [];
    this.options.onFailed(this);
    this.destroy();
  }

  /** Merges the log into one state. Only while nothing is pending, so the state is all durable. */
  async compact(): Promise<void> {
    if (this.state !== 'ready' || !this.quiescent || this.lastSeq === this.compactedSeq) return;
    const upTo = this.lastSeq;
    const state = Y.encodeStateAsUpdate(this.doc);
    await this.store.compact(this.name, state, upTo);
    this.compactedSeq = Math.max(this.compactedSeq, upTo);
    this.options.logger.debug('compacted', { doc: this.name, upTo, bytes: state.byteLength });
  }

  /** Resolves when everything applied so far is durable (or the room failed). */
  whenDurable(): Promise<void> {
    return new Promise((resolve) => this.afterDurable(resolve));
  }

  // ---- awareness ---------------------------------------------------------------------------

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const conn = origin as Connection | null;
    if (conn && this.conns.has(conn)) {
      for (const id of added) conn.awarenessIds.add(id);
      for (const id of removed) conn.awarenessIds.delete(id);
    }
    const changed = added.concat(updated, removed);
    if (changed.length) this.broadcast(awarenessMessage(this.awareness, changed), null);
  };

  destroy(): void {
    if (this.state === 'destroyed') return;
    this.state = this.state === 'failed' ? 'failed' : 'destroyed';
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
