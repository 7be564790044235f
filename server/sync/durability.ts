/**
 * A room's way to the log: every change of the Y.Doc (a client's or the server's) joins the
 * open batch; the group commit (groupCommit.ts) writes the batches of all rooms together.
 * Two moments follow each write, and this file is where the difference is kept:
 *
 * - `written`: the batch is in the log, so a process crash can no longer take it back. It is
 *   relayed to the other sockets, published to the other processes and told to listeners.
 * - `settled`: it is safe from power loss too (fsynced, or committed). Only then do the
 *   acknowledgements and sync replies that waited for it go out, and the log may be compacted.
 *
 * Relaying at `written` keeps relays fast; acknowledging only at `settled` keeps the promise
 * that an acknowledged change survives a power cut (see the durability section of README).
 */
import * as Y from 'yjs';
import type { ClientOwner, UpdateToAppend } from '../storage/index.js';
import type { RoomDocument } from './document.js';
import type { Relay, Send } from './relay.js';
import type { RoomJobs } from './room.js';
import { updateMessage } from './messages.js';
import { SYSTEM_AUTHOR, type Origin } from './origins.js';
import { SERVER_OWNER } from './gate/clientOwners.js';

/** Updates waiting to be written, and what must happen once they are durable. */
export interface Batch {
  updates: UpdateToAppend[];
  sends: Send[];
  after: Array<() => void>;
}

export class Durability {
  private batch: Batch | null = null;
  /** Sealed batches: being written, or written and waiting for `settled`. */
  private inflight: Batch[] = [];
  private flushScheduled = false;
  private serverIdStored = false;

  constructor(
    private readonly doc: RoomDocument,
    private readonly relay: Relay,
    private readonly jobs: RoomJobs,
    /** Schedules this room's next write with the group commit. */
    private readonly schedule: () => void,
    /** Tells listeners of the updates this process stored (see RoomOptions.onStored). */
    private readonly onStored: (updates: UpdateToAppend[]) => void,
  ) {}

  /** True when nothing is waiting to be written. */
  get quiescent(): boolean {
    return this.jobs.inbound.empty && !this.batch && this.inflight.length === 0;
  }

  /** Every change of the Y.Doc: stored (unless storage or another process already holds it) and relayed. */
  readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    // Yjs changes the doc by itself in an origin-less transaction right after a remote one
    // (it deletes formatting marks made redundant): the server's own change, stored and sent
    // to every client — the sender too, which may not have made the same cleanup.
    const o = (origin ?? { kind: 'server', author: SYSTEM_AUTHOR }) as Origin;
    // The stored state being built: nothing changes (the cached reply holds the same).
    if (o.kind === 'storage') return;
    this.doc.changed();
    this.jobs.gate.follow(update);
    if (o.kind !== 'client') {
      this.doc.grew(update);
      // Another process's, or the server's own change, may be what waiting content lacked.
      this.jobs.waiting.retrySoon();
    }
    const except = o.kind === 'client' ? o.conn : null;
    if (o.kind === 'pubsub') {
      this.relay.broadcast(updateMessage(update), null);
      return;
    }
    const author = o.kind === 'client' ? o.conn.author : o.author;
    let claims: ClientOwner[] | undefined;
    const bound = o.kind === 'client' ? this.jobs.gate.takeClaims() : null;
    if (o.kind === 'client' && bound) {
      claims = bound.map((clientId) => ({ clientId, userId: o.conn.user.id }));
    } else if (o.kind !== 'client' && !this.serverIdStored) {
      claims = [{ clientId: this.doc.ydoc.clientID, userId: SERVER_OWNER }];
      this.serverIdStored = true;
    }
    const batch = this.openBatch();
    batch.updates.push({ update, author, receivedAt: Date.now(), ...(claims ? { claims } : {}) });
    batch.sends.push({ message: updateMessage(update), except });
  };

  private openBatch(): Batch {
    if (!this.batch) this.batch = { updates: [], sends: [], after: [] };
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      this.schedule();
    }
    return this.batch;
  }

  /** Runs `fn` once everything applied so far is durable. */
  afterDurable(fn: () => void): void {
    this.jobs.inbound.drain();
    const target = this.batch ?? this.inflight[this.inflight.length - 1];
    if (target) target.after.push(fn);
    else fn();
  }

  /** See Room.sealBatch. */
  seal(): Batch | null {
    this.flushScheduled = false;
    const batch = this.batch;
    this.batch = null;
    if (!batch || !this.doc.ready) return null;
    if (batch.updates.length === 0) {
      // Acknowledgements only: they wait for whatever is still on its way to the disk.
      const last = this.inflight[this.inflight.length - 1];
      if (last) last.after.push(...batch.after);
      else this.relay.runAfter(batch.after);
      return null;
    }
    this.inflight.push(batch);
    return batch;
  }

  /** See Room.written. */
  written(batch: Batch, seq: number): void {
    const { doc } = this;
    if (!doc.ready) return;
    doc.lastSeq = Math.max(doc.lastSeq, seq);
    const n = batch.updates.length;
    if (n > 0) {
      doc.observer.stored(batch.updates.map((u) => u.receivedAt));
      doc.held.add(seq - n + 1, seq);
      const claims = batch.updates.flatMap((u) => u.claims ?? []);
      if (claims.length) doc.owners.stored(claims.map((c) => c.clientId));
      this.jobs.peers.publishStored(seq - n + 1, seq, batch.updates, claims);
      // Alone, our seqs follow each other; a jump means another process wrote in between.
      this.jobs.peers.watchGap();
      try {
        this.onStored(batch.updates);
      } catch (err) {
        doc.options.logger.error('a listener of stored updates failed', { doc: doc.name, error: String(err) });
      }
    }
    this.relay.relay(batch.sends);
  }

  /** See Room.settled. */
  settled(batch: Batch): void {
    const { doc } = this;
    if (!doc.ready) return;
    const i = this.inflight.indexOf(batch);
    if (i >= 0) this.inflight.splice(i, 1);
    this.relay.runAfter(batch.after);
    if (this.quiescent && doc.held.contiguous - doc.compactedSeq >= doc.options.compactAfterUpdates) {
      this.compact().catch((err) => doc.options.logger.error('compaction failed', { doc: doc.name, error: String(err) }));
    }
  }

  /**
   * Merges the log into one state. Only while nothing is pending, so the state is all durable,
   * and only up to the seq below which the doc misses nothing (with several processes it may
   * lack another's latest updates; holding some beyond `upTo` is harmless).
   */
  async compact(): Promise<void> {
    const { doc } = this;
    const upTo = doc.held.contiguous;
    if (!doc.ready || !this.quiescent || upTo <= doc.compactedSeq) return;
    const state = Y.encodeStateAsUpdate(doc.doc);
    doc.measured(state.byteLength);
    await doc.store.compact(doc.name, state, upTo);
    doc.compactedSeq = Math.max(doc.compactedSeq, upTo);
    doc.observer.compacted();
    doc.options.logger.debug('compacted', { doc: doc.name, upTo, bytes: state.byteLength });
  }

  /** Forgets everything not yet durable (the room failed: nothing of it may be relayed or acknowledged). */
  drop(): void {
    this.batch = null;
    this.inflight = [];
  }
}
