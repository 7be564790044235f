/**
 * A room's exchange with the same document's rooms in the other processes (pub/sub, see
 * peerMessages.ts): what this process stored goes out once it is in the log; what the others
 * stored comes in, is applied and relayed but never stored again. Messages can arrive out of
 * order or not at all (a process died between commit and publish), so the room keeps track
 * of which seqs it holds and reads the missing ones from the log after a moment.
 */
import * as Y from 'yjs';
import type { ClientOwner, UpdateToAppend } from '../storage/index.js';
import type { RoomDocument } from './document.js';
import type { Presence } from './presence.js';
import { PUBSUB_ORIGIN } from './origins.js';
import { decodePeerMessage, encodePeerMessage } from './peerMessages.js';
import { applyLoaded } from './applyLoaded.js';

/** How long seqs may stay missing (another process's message not yet here) before the room reads them from the log. */
const GAP_CATCH_UP_MS = 1000;

export class Peers {
  private gapTimer: NodeJS.Timeout | null = null;
  private catchingUp = false;

  constructor(
    private readonly doc: RoomDocument,
    private readonly presence: Presence,
  ) {}

  /** Handles a message from this document's room in another process. */
  receive(data: Uint8Array): void {
    const { doc } = this;
    try {
      const m = decodePeerMessage(data);
      if (m.type === 'update') {
        // Already stored by its process: the pub/sub origin relays it to our clients only.
        for (const c of m.claims ?? []) doc.owners.learn(c.clientId, c.userId);
        Y.applyUpdate(doc.doc, m.update, PUBSUB_ORIGIN);
        doc.held.add(m.fromSeq, m.toSeq);
        doc.lastSeq = Math.max(doc.lastSeq, m.toSeq);
        this.watchGap();
      } else if (m.type === 'awareness') {
        this.presence.fromPeer(m.update);
      } else {
        const states = this.presence.localStates();
        if (states) doc.options.publish?.(encodePeerMessage({ type: 'awareness', update: states }));
      }
    } catch (err) {
      doc.options.logger.error('refused pub/sub message', { doc: doc.name, error: String(err) });
    }
  }

  /** Asks the other processes for their clients' awareness (a room that has just loaded). */
  query(): void {
    this.doc.options.publish?.(encodePeerMessage({ type: 'queryAwareness' }));
  }

  /** Tells the other processes of updates this process stored as seqs `fromSeq..toSeq`. */
  publishStored(fromSeq: number, toSeq: number, updates: UpdateToAppend[], claims: ClientOwner[]): void {
    const publish = this.doc.options.publish;
    if (!publish) return;
    const update = updates.length === 1 ? updates[0]!.update : Y.mergeUpdates(updates.map((u) => u.update));
    publish(encodePeerMessage({ type: 'update', fromSeq, toSeq, update, ...(claims.length ? { claims } : {}) }));
  }

  /** Seqs missing below the highest one: wait a moment for them, then read them from the log. */
  watchGap(): void {
    const { held } = this.doc;
    if (!held.hasGap) {
      if (this.gapTimer) clearTimeout(this.gapTimer);
      this.gapTimer = null;
      return;
    }
    if (this.gapTimer || this.catchingUp) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (held.hasGap) void this.catchUp();
    }, GAP_CATCH_UP_MS);
    this.gapTimer.unref();
  }

  /** Reads the log to fill seqs that never came through pub/sub (a process died before publishing). */
  async catchUp(): Promise<void> {
    const { doc } = this;
    if (!doc.ready || this.catchingUp) return;
    this.catchingUp = true;
    try {
      const loaded = await doc.store.loadDocument(doc.name);
      if (!doc.ready) return;
      for (const c of loaded.clientOwners ?? []) doc.owners.learn(c.clientId, c.userId);
      applyLoaded(doc.doc, loaded, PUBSUB_ORIGIN);
      doc.held.markUpTo(loaded.lastSeq);
      doc.lastSeq = Math.max(doc.lastSeq, loaded.lastSeq);
      doc.options.logger.debug('caught up from the log', { doc: doc.name, upTo: loaded.lastSeq });
    } catch (err) {
      doc.options.logger.error('catching up from the log failed', { doc: doc.name, error: String(err) });
    } finally {
      this.catchingUp = false;
      if (doc.ready) this.watchGap();
    }
  }

  stop(): void {
    if (this.gapTimer) clearTimeout(this.gapTimer);
  }
}
