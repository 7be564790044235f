/**
 * A room's document and lifecycle: the Y.Doc, built from storage only when something needs
 * it, where it stands in the log (which seqs it holds), its size, its connections and
 * whether the room still serves. Every other job of the room reads these from here, so the
 * room's state lives in one place.
 *
 * The lazy build is why this is its own job: a compacted document's stored bytes are its
 * complete state, so the first joiners get them as they are while the Y.Doc is not built yet.
 * A large document takes tens of ms to build (more in a process that has just started), and
 * the joiner need not wait for that.
 */
import * as Y from 'yjs';
import { MSG } from '../../shared/protocol/messages.js';
import { parseDocName, type DocKind } from '../../shared/protocol/docNames.js';
import type { DocAccess } from '../auth/permissions.js';
import type { DocStore, LoadedDoc } from '../storage/index.js';
import type { Connection } from './connection.js';
import { quietObserver, type SyncObserver } from './observer.js';
import { step1Message, step2Message, SYNC_STEP1 } from './messages.js';
import { STORAGE_ORIGIN } from './origins.js';
import { SeqRanges } from './seqRanges.js';
import { ClientOwners, SERVER_OWNER } from './gate/clientOwners.js';
import { applyLoaded, loadedBytes } from './applyLoaded.js';
import type { RoomOptions, RoomState } from './room.js';

/** A joiner that sends nothing still gets the server's step 1 (the document is built for it) after this long. */
const BUILD_FALLBACK_MS = 50;

/** A step 1 with an empty state vector: a joiner that has nothing yet. */
const EMPTY_STEP1 = [MSG.sync, SYNC_STEP1, 1, 0];
const isEmptyStep1 = (data: Uint8Array) => data.length === EMPTY_STEP1.length && EMPTY_STEP1.every((b, i) => data[i] === b);

export class RoomDocument {
  /** The Y.Doc itself; `doc` builds it first. Only for what must not build it (the probe copy, the lazy parts). */
  readonly ydoc = new Y.Doc({ gc: true });
  readonly kind: DocKind;
  readonly conns = new Set<Connection>();
  state: RoomState = 'ready';
  /** The highest seq of the log this room knows of (its own appends and other processes'). */
  lastSeq: number;
  compactedSeq: number;
  /** Which seqs the doc holds: compaction goes only up to `held.contiguous`. */
  readonly held: SeqRanges;
  /** Who each Yjs client id belongs to: nobody writes under another person's. */
  readonly owners: ClientOwners;
  /**
   * A compacted document as stored, not yet applied to the Y.Doc. Built as soon as anything
   * needs the Y.Doc (any other message, a change, another process's update, an export) or
   * once the reply has left.
   */
  private stored: LoadedDoc | null = null;
  /** Joiners whose access and step 1 wait for the document to be built. */
  private readonly admitting = new Set<Connection>();
  private buildTimer: NodeJS.Timeout | null = null;
  private fullStateReply: Uint8Array | null = null;
  /** Encoded size of the document: exact after a compaction or a measurement, an upper bound in between. */
  private bytes: number;
  private bytesExact = false;

  constructor(
    readonly name: string,
    readonly store: DocStore,
    loaded: LoadedDoc,
    readonly options: RoomOptions,
    /** The stored state cannot be read: the room closes (4503). */
    private readonly unreadable: (err: unknown) => void,
  ) {
    this.kind = parseDocName(name)?.kind ?? 'commitment';
    this.owners = new ClientOwners(loaded.clientOwners ?? []);
    // The server's own client id writes as the system (seeding, moves, restores).
    this.owners.bind(this.ydoc.clientID, SERVER_OWNER);
    this.lastSeq = loaded.lastSeq;
    this.compactedSeq = loaded.compactedSeq;
    this.held = new SeqRanges(loaded.lastSeq);
    this.bytes = loadedBytes(loaded);
    if (loaded.state && loaded.updates.length === 0) {
      this.fullStateReply = step2Message(loaded.state);
      this.stored = loaded;
    } else applyLoaded(this.ydoc, loaded, STORAGE_ORIGIN);
  }

  get observer(): SyncObserver {
    return this.options.observer ?? quietObserver;
  }

  get ready(): boolean {
    return this.state === 'ready';
  }

  /** The document, built from storage first if it has not been yet (throws if the stored state cannot be read). */
  get doc(): Y.Doc {
    if (this.stored) this.build();
    return this.ydoc;
  }

  get built(): boolean {
    return this.stored === null;
  }

  /** Applies the stored state; one that cannot be read closes the room (4503) and throws. */
  build(): void {
    const stored = this.stored;
    if (!stored) return;
    this.stored = null;
    if (this.buildTimer) clearTimeout(this.buildTimer);
    this.buildTimer = null;
    try {
      applyLoaded(this.ydoc, stored, STORAGE_ORIGIN);
    } catch (err) {
      this.unreadable(err);
      throw new Error(`document ${this.name} could not be read from storage: ${String((err as Error)?.message ?? err)}`);
    }
    const admitting = [...this.admitting];
    this.admitting.clear();
    for (const conn of admitting) if (this.conns.has(conn)) this.admit(conn);
  }

  private buildIn(ms: number): void {
    if (!this.stored) return;
    if (this.buildTimer) clearTimeout(this.buildTimer);
    this.buildTimer = setTimeout(() => {
      this.buildTimer = null;
      try {
        if (this.state === 'ready') this.build();
      } catch {
        /* logged, and the room closed, by build */
      }
    }, ms);
  }

  /**
   * Answers a joiner that has nothing (an empty step 1) with the stored state while the
   * Y.Doc is not built; true when it did. The Y.Doc is built once the reply has left, so
   * building it does not hold the reply back.
   */
  answerColdJoin(conn: Connection, data: Uint8Array): boolean {
    if (!this.stored || !isEmptyStep1(data) || !this.fullStateReply) return false;
    conn.send(this.fullStateReply, () => this.buildIn(0));
    return true;
  }

  // ---- connections ------------------------------------------------------------------------

  /** Adds a connection: admitted now, or once the document is built. */
  join(conn: Connection, accessOf?: (doc: Y.Doc) => DocAccess): void {
    if (accessOf) conn.accessOf = accessOf;
    this.conns.add(conn);
    if (this.stored) {
      this.admitting.add(conn);
      if (!this.buildTimer) this.buildIn(BUILD_FALLBACK_MS);
    } else this.admit(conn);
  }

  /** The connection's access, and the server's step 1 (what it lacks, the client sends). */
  private admit(conn: Connection): void {
    if (conn.accessOf) conn.access = conn.accessOf(this.ydoc);
    conn.send(step1Message(this.ydoc));
  }

  /** Removes a connection; false when it was not here or the room no longer serves. */
  leave(conn: Connection): boolean {
    this.admitting.delete(conn);
    return this.conns.delete(conn) && this.state === 'ready';
  }

  /** Reads every connection's access again (see Room.reviewAccess). */
  reviewAccess(): void {
    const rank = { read: 0, translate: 1, write: 2 } as const;
    for (const conn of this.conns) {
      if (!conn.accessOf || this.admitting.has(conn)) continue;
      const before = conn.access;
      conn.access = conn.accessOf(this.ydoc);
      if (rank[conn.access] > rank[before] && this.state === 'ready') {
        // Granted more: what the server refused before may stand now. A step 1 asks the
        // client for everything it holds that the server lacks, refused edits included, and
        // its acknowledgements resume.
        conn.writesRefused = false;
        conn.send(step1Message(this.doc));
      }
    }
  }

  // ---- what the document holds ------------------------------------------------------------

  /** Step 2 for a state vector; the reply for an empty one (a new joiner) is cached. */
  syncReply(sv: Uint8Array): Uint8Array {
    const empty = sv.length === 1 && sv[0] === 0;
    if (empty && this.fullStateReply) return this.fullStateReply;
    const reply = step2Message(Y.encodeStateAsUpdate(this.doc, sv));
    if (empty) this.fullStateReply = reply;
    return reply;
  }

  /** The document changed: the cached reply for new joiners no longer holds. */
  changed(): void {
    this.fullStateReply = null;
  }

  /** Counted as it is applied (not once its transaction ends): the next update's size check sees it. */
  grew(update: Uint8Array): void {
    this.bytes += update.byteLength;
    this.bytesExact = false;
  }

  /** The document's exact encoded size is known (a compaction encoded it). */
  measured(bytes: number): void {
    this.bytes = bytes;
    this.bytesExact = true;
  }

  /** True when applying `updates` keeps the document within `maxDocumentBytes`. */
  fitsSizeLimit(updates: Uint8Array[]): boolean {
    const max = this.options.maxDocumentBytes;
    const size = updates.reduce((n, u) => n + u.byteLength, 0);
    if (max === undefined || this.bytes + size <= max) return true;
    // The running total over-counts (deletions, repeated content): measure before refusing.
    if (!this.bytesExact) this.measured(Y.encodeStateAsUpdate(this.doc).byteLength);
    const update = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
    return this.bytes + Y.diffUpdate(update, Y.encodeStateVector(this.doc)).byteLength <= max;
  }

  /** True when the doc holds exactly the log up to `lastSeq`, no seq missing. */
  get holdsWholeLog(): boolean {
    return !this.held.hasGap && this.held.contiguous === this.lastSeq;
  }

  /** Drops what waits for the build (the room is destroyed). */
  discard(): void {
    if (this.buildTimer) clearTimeout(this.buildTimer);
    this.stored = null;
    this.admitting.clear();
  }
}
