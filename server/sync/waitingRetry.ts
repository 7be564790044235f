/**
 * A room's waiting content: parts of clients' updates whose dependencies the server does not
 * have yet (gate/waiting.ts keeps them, bounded). Here is what the room does about them: it
 * holds back the sender's acknowledgements while part of what it sent waits (that part is not
 * stored), retries the parts whenever the document gains what they may lack, through the
 * whole write gate again, and closes a sender whose waiting content grows beyond bounds.
 */
import * as Y from 'yjs';
import { encodeAck, REFUSAL } from '../../shared/protocol/messages.js';
import type { Connection } from './connection.js';
import type { RoomDocument } from './document.js';
import type { RoomJobs } from './room.js';
import { step1Message, SYNC_STEP2, SYNC_UPDATE } from './messages.js';
import { countRefusal, READ_ONLY_MESSAGE, refuseChange } from './refusals.js';
import { WaitingContent } from './gate/waiting.js';

export class WaitingRetry {
  /** Parts of connections' updates waiting for changes the server does not have yet. */
  private readonly waiting = new WaitingContent<Connection>();
  private retryScheduled = false;

  constructor(
    private readonly doc: RoomDocument,
    private readonly jobs: RoomJobs,
  ) {}

  /** Holds acknowledgement `id` while part of what `conn` sent waits; false when nothing waits. */
  holdAck(conn: Connection, id: number): boolean {
    return this.waiting.holdAck(conn, id);
  }

  /**
   * A connection's updates were applied: what Yjs left pending is kept with the sender (who
   * is asked for what it lacks), or, beyond bounds, the sender is closed; when nothing of it
   * waits any more, the acknowledgements held back go out once durable.
   */
  afterApplied(conn: Connection, subtype: number): void {
    const { doc } = this;
    const held = this.waiting.takePending(doc.ydoc, conn);
    if (held === 'held') {
      // A step 2 is already everything the sender has: asking again would loop.
      if (subtype === SYNC_UPDATE) conn.send(step1Message(doc.ydoc));
      doc.options.logger.debug('holding an update part with missing dependencies', { doc: doc.name, user: conn.user.id });
    } else if (held !== null) {
      this.waiting.drop(conn);
      countRefusal(doc, `waiting_${held}`);
      conn.close('badMessage', 'too much content that depends on changes the server never received');
    } else {
      const acks = this.waiting.settle(conn);
      if (acks) for (const id of acks) this.jobs.durability.afterDurable(() => conn.send(encodeAck(id)));
    }
  }

  /** Retries waiting content that may fit now (after the current transaction). */
  retrySoon(): void {
    if (this.waiting.size === 0 || this.retryScheduled) return;
    this.retryScheduled = true;
    queueMicrotask(() => {
      this.retryScheduled = false;
      if (!this.doc.ready) return;
      for (const conn of this.waiting.readySenders(this.doc.ydoc)) {
        if (conn.closed || !this.doc.conns.has(conn)) {
          this.waiting.drop(conn);
          continue;
        }
        const merged = this.waiting.takeForRetry(conn);
        // Through the whole gate again: access may have changed, and the deletions it holds
        // are judged only now that what they delete exists.
        if (merged && !this.admitRetry(conn, merged)) this.waiting.drop(conn);
        if (!this.doc.ready) return;
      }
    });
  }

  private admitRetry(conn: Connection, update: Uint8Array): boolean {
    const { doc } = this;
    if (conn.access === 'read') {
      refuseChange(doc, conn, REFUSAL.readOnly, READ_ONLY_MESSAGE);
      return false;
    }
    const known = (client: number) => Y.getState(doc.ydoc.store, client);
    if (!this.jobs.gate.passesFirewall(conn, update, known)) return false;
    // Filtered when it arrived; its ids were bound then and are stored with it now.
    const owned = doc.owners.filter(update, conn.user.id, known);
    return this.jobs.gate.admitUpdates(conn, [owned.update], SYNC_STEP2, owned.claims);
  }

  /** A connection left: its waiting content goes with it. */
  drop(conn: Connection): void {
    this.waiting.drop(conn);
  }

  clear(): void {
    this.waiting.clear();
  }
}
