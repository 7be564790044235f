/**
 * A room's awareness (who is here, their carets): the states its clients announce, checked
 * so nobody speaks for another person, relayed to the room and to the other processes, and
 * expired when not renewed. Apart from the document's jobs because it is never stored: it
 * bypasses the log, the write checks and the acknowledgements entirely.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import { REFUSAL } from '../../shared/protocol/messages.js';
import type { Connection } from './connection.js';
import type { RoomDocument } from './document.js';
import { awarenessMessage, deniedMessage } from './messages.js';
import { PUBSUB_ORIGIN } from './origins.js';
import { encodePeerMessage } from './peerMessages.js';
import { awarenessIdsOf, sanitizeAwareness } from './awarenessGuard.js';
import { stopAwarenessTimer } from './libraryInternals.js';
import type { Relay } from './relay.js';

export class Presence {
  readonly awareness: awarenessProtocol.Awareness;
  /** Which person each awareness client id has belonged to (echoes of others are ignored). */
  private readonly awarenessUsers = new Map<number, string>();

  constructor(
    private readonly doc: RoomDocument,
    private readonly relay: Relay,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc.ydoc);
    this.awareness.setLocalState(null);
    // y-protocols gives every Awareness its own 3 s timer: a thousand idle documents would wake
    // the process 333 times a second. The registry runs one sweep for all (expireAwareness).
    stopAwarenessTimer(this.awareness);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** Everyone's states, for a joiner (nothing when nobody is here). */
  greet(conn: Connection): void {
    const states = [...this.awareness.getStates().keys()];
    if (states.length) conn.send(awarenessMessage(this.awareness, states));
  }

  /** Checks a client's awareness update now; the returned action applies what may stand. */
  receive(conn: Connection, update: Uint8Array): () => void {
    const checked = sanitizeAwareness(update, conn.user, (id) => this.ownerOf(conn, id), awarenessIdsOf(this.awareness, conn.user.id), this.doc.name);
    return () => {
      if (checked.update) awarenessProtocol.applyAwarenessUpdate(this.awareness, checked.update, conn);
      if (checked.dropped.length) conn.send(deniedMessage(REFUSAL.awarenessRefused, checked.dropped.join('; ')));
    };
  }

  /** Answers y-websocket's query-awareness. */
  answerQuery(conn: Connection): void {
    conn.send(awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
  }

  /** A connection left: its states go with it. */
  leave(conn: Connection): void {
    if (conn.awarenessIds.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null);
  }

  /** Another process's clients' states. */
  fromPeer(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, PUBSUB_ORIGIN);
  }

  /** This process's clients' states, for a room in another process that asked (null when none). */
  localStates(): Uint8Array | null {
    const ids = [...this.doc.conns].flatMap((c) => [...c.awarenessIds]).filter((id) => this.awareness.getStates().has(id));
    return ids.length ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null;
  }

  /** Removes presence not renewed for 30 s (clients renew every 15 s), as y-protocols' own timer would. */
  expire(now = Date.now()): void {
    if (this.awareness.states.size === 0) return;
    const outdated: number[] = [];
    this.awareness.meta.forEach((meta, id) => {
      if (now - meta.lastUpdated >= awarenessProtocol.outdatedTimeout && this.awareness.states.has(id)) outdated.push(id);
    });
    if (outdated.length) awarenessProtocol.removeAwarenessStates(this.awareness, outdated, 'timeout');
  }

  /**
   * Who may announce an awareness client id. Stock y-websocket clients echo everyone's states
   * back, so a state of another person — present or departed — is an echo, never theirs.
   * The same person reconnecting (same client id, new socket) takes their own id back.
   */
  private ownerOf(conn: Connection, clientId: number): 'me' | 'other' | 'nobody' {
    if (conn.awarenessIds.has(clientId)) return 'me';
    const writer = this.doc.owners.ownerOf(clientId);
    if (writer !== undefined && writer !== conn.user.id) return 'other';
    for (const other of this.doc.conns) if (other !== conn && other.awarenessIds.has(clientId)) return 'other';
    const userId = this.awarenessUsers.get(clientId);
    if (userId !== undefined && userId !== conn.user.id) return 'other';
    return 'nobody';
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const conn = origin as Connection | null;
    if (conn && this.doc.conns.has(conn)) {
      for (const id of added) {
        conn.awarenessIds.add(id);
        this.awarenessUsers.set(id, conn.user.id);
        // Announced before typing: the id is this person's from now on (in this process).
        this.doc.owners.bind(id, conn.user.id);
      }
      for (const id of removed) conn.awarenessIds.delete(id);
    } else if (origin === PUBSUB_ORIGIN) {
      // States of another process's clients (their user set by that server): an echo of one
      // from a client here is refused like an echo of a local person's.
      for (const id of added.concat(updated)) {
        const userId = (this.awareness.getStates().get(id)?.user as { userId?: unknown } | undefined)?.userId;
        if (typeof userId === 'string') {
          this.awarenessUsers.set(id, userId);
          this.doc.owners.bind(id, userId);
        }
      }
    }
    const changed = added.concat(updated, removed);
    if (changed.length) this.relay.broadcast(awarenessMessage(this.awareness, changed), null);
    // Our clients' changes go to the other processes; theirs came from there, and a timeout
    // happens in every process by itself.
    const publish = this.doc.options.publish;
    if (changed.length && publish && origin !== PUBSUB_ORIGIN && origin !== 'timeout') {
      publish(encodePeerMessage({ type: 'awareness', update: awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed) }));
    }
  };

  destroy(): void {
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
  }
}
