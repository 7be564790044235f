/**
 * One loaded document: its Y.Doc, awareness and connections. Every update from a client is
 * appended to the store's log before anyone else hears of it: updates arriving together are
 * grouped into one write and relayed once it is in the log; acknowledgements and sync replies
 * wait until it is safe from power loss too (see groupCommit.ts).
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { MSG } from '../../shared/protocol/messages.js';
import type { Logger } from '../log.js';
import type { ClientOwner, DocStore, LoadedDoc, UpdateAuthor, UpdateToAppend } from '../storage/types.js';
import type { Connection } from './connection.js';
import type { DocAccess } from '../auth/permissions.js';
import { quietObserver, type SyncObserver } from './observer.js';
import { ackMessage, awarenessMessage, deniedMessage, step1Message, step2Message, updateMessage, SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE } from './messages.js';
import { Outgoing } from './frames.js';
import { PUBSUB_ORIGIN, STORAGE_ORIGIN, SYSTEM_AUTHOR, type Origin } from './origins.js';
import { decodePeerMessage, encodePeerMessage } from './peerMessages.js';
import { SeqRanges } from './seqRanges.js';
import { awarenessIdsOf, sanitizeAwareness } from './awarenessGuard.js';
import { parseDocName, type DocKind } from '../../shared/protocol/docNames.js';
import { checkUpdate } from './gate/firewall.js';
import { changesNothing } from './gate/effect.js';
import { Probe } from './gate/probe.js';
import { scopeFor, type Scope } from './gate/scopes.js';
import { WaitingContent } from './gate/waiting.js';
import { ClientOwners, SERVER_OWNER } from './gate/clientOwners.js';
import { applyLoaded, loadedBytes } from './applyLoaded.js';

/** Updates waiting to be written, and what must happen once they are durable. */
export interface Batch {
  updates: UpdateToAppend[];
  sends: Array<{ message: Uint8Array; except: Connection | null }>;
  after: Array<() => void>;
}

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

/** How long seqs may stay missing (another process's message not yet here) before the room reads them from the log. */
const GAP_CATCH_UP_MS = 1000;

/** A joiner that sends nothing still gets the server's step 1 (the document is built for it) after this long. */
const BUILD_FALLBACK_MS = 50;

/** A step 1 with an empty state vector: a joiner that has nothing yet. */
const EMPTY_STEP1 = [MSG.sync, SYNC_STEP1, 1, 0];
const isEmptyStep1 = (data: Uint8Array) => data.length === EMPTY_STEP1.length && EMPTY_STEP1.every((b, i) => data[i] === b);

class BadMessage extends Error {}

/** A client's update, received and checked, waiting for the rest of its socket read. */
interface Received {
  conn: Connection;
  update: Uint8Array;
  subtype: number;
}


export class Room {
  private readonly ydoc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.ydoc);
  /**
   * A compacted document as stored, not yet applied to the Y.Doc. Its bytes are the complete
   * state, so the first joiners get them as they are while the Y.Doc is not built yet: a large
   * document takes tens of ms to build (more in a process that has just started), and the
   * joiner need not wait for that. Built as soon as anything needs the Y.Doc (any other
   * message, a change, another process's update, an export) or once the reply has left.
   */
  private stored: LoadedDoc | null = null;
  /** Joiners whose access and step 1 wait for the document to be built. */
  private readonly admitting = new Set<Connection>();
  private buildTimer: NodeJS.Timeout | null = null;
  readonly conns = new Set<Connection>();
  /** Which person each awareness client id has belonged to (echoes of others are ignored). */
  private readonly awarenessUsers = new Map<number, string>();
  state: RoomState = 'ready';
  /** The highest seq of the log this room knows of (its own appends and other processes'). */
  lastSeq: number;
  compactedSeq: number;
  /** Which seqs the doc holds: compaction goes only up to `held.contiguous`. */
  readonly held: SeqRanges;
  private gapTimer: NodeJS.Timeout | null = null;
  private catchingUp = false;
  private batch: Batch | null = null;
  private inflight: Batch[] = [];
  private flushScheduled = false;
  private fullStateReply: Uint8Array | null = null;
  /**
   * Updates of the current socket reads, applied together once they have all been parsed
   * (a microtask later): one Yjs transaction per run of one connection's updates instead of
   * one per update, which is most of the cost of ingesting many small updates.
   */
  private inbox: Received[] = [];
  private inboxScheduled = false;
  /** Parts of connections' updates waiting for changes the server does not have yet. */
  private readonly waiting = new WaitingContent<Connection>();
  private retryScheduled = false;
  /** Scoped connections' updates are tried on this copy first. */
  private readonly probe = new Probe(() => this.doc);
  /** True while applying updates the probe copy already holds (it must not follow them again). */
  private probed = false;
  readonly kind: DocKind;
  /** Who each Yjs client id belongs to: nobody writes under another person's. */
  private readonly owners: ClientOwners;
  /** Client ids the update being applied binds to its sender (stored with it). */
  private claimsOfApply: number[] | null = null;
  private serverIdStored = false;
  /** Encoded size of the document: exact after a compaction or a measurement, an upper bound in between. */
  private bytes: number;
  private bytesExact = false;

  constructor(
    readonly name: string,
    private readonly store: DocStore,
    loaded: LoadedDoc,
    private readonly options: RoomOptions,
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
    this.awareness.setLocalState(null);
    // y-protocols gives every Awareness its own 3 s timer: a thousand idle documents would wake
    // the process 333 times a second. The registry runs one sweep for all (expireAwareness).
    clearInterval((this.awareness as unknown as { _checkInterval: NodeJS.Timeout })._checkInterval);
    this.ydoc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** The document, built from storage first if it has not been yet (throws if the stored state cannot be read). */
  get doc(): Y.Doc {
    if (this.stored) this.build();
    return this.ydoc;
  }

  /** Applies the stored state; one that cannot be read closes the room (4503) and throws. */
  private build(): void {
    const stored = this.stored;
    if (!stored) return;
    this.stored = null;
    if (this.buildTimer) clearTimeout(this.buildTimer);
    this.buildTimer = null;
    try {
      applyLoaded(this.ydoc, stored, STORAGE_ORIGIN);
    } catch (err) {
      this.fail(err, 'the stored document could not be read');
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

  // ---- connections ------------------------------------------------------------------------

  /**
   * Adds a connection; `accessOf` reads its access, now and at every `reviewAccess` (without
   * it, the connection keeps the access it has). Until the document is built, the connection
   * can only be answered a step 1 for an empty state vector; any other message builds it first.
   */
  join(conn: Connection, accessOf?: (doc: Y.Doc) => DocAccess): void {
    if (accessOf) conn.accessOf = accessOf;
    this.conns.add(conn);
    if (this.stored) {
      this.admitting.add(conn);
      if (!this.buildTimer) this.buildIn(BUILD_FALLBACK_MS);
    } else this.admit(conn);
    const states = [...this.awareness.getStates().keys()];
    if (states.length) conn.send(awarenessMessage(this.awareness, states));
  }

  /** The connection's access, and the server's step 1 (what it lacks, the client sends). */
  private admit(conn: Connection): void {
    if (conn.accessOf) conn.access = conn.accessOf(this.ydoc);
    conn.send(step1Message(this.ydoc));
  }

  leave(conn: Connection): void {
    this.admitting.delete(conn);
    if (!this.conns.delete(conn) || this.state !== 'ready') return;
    this.waiting.drop(conn);
    if (conn.awarenessIds.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null);
    if (this.conns.size === 0) this.options.onEmpty(this);
  }

  /**
   * Who may write the document changed (server state, see server/rights/): every
   * connection's access is read again, so rights granted or withdrawn hold from its next update.
   */
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

  /** True when nothing is waiting to be written. */
  get quiescent(): boolean {
    return this.inbox.length === 0 && !this.batch && this.inflight.length === 0;
  }

  // ---- incoming messages --------------------------------------------------------------------

  /**
   * Handles one message; a malformed one closes only the sender's socket. The whole message
   * is decoded and checked before anything in it takes effect.
   */
  handleMessage(conn: Connection, data: Uint8Array): void {
    // Nothing from a socket the server has closed takes effect (frames already in flight).
    if (this.state !== 'ready' || conn.closed) return;
    if (this.stored) {
      if (isEmptyStep1(data) && this.fullStateReply) {
        // The Y.Doc is built once the reply has left, so building it does not hold the reply back.
        conn.send(this.fullStateReply, () => this.buildIn(0));
        return;
      }
      try {
        this.build();
      } catch {
        return;
      }
    }
    try {
      this.decode(conn, data)();
    } catch (err) {
      this.refuseMalformed(conn, err, err instanceof BadMessage ? err.message : undefined);
    }
  }

  /** A message that cannot be read closes only its sender's socket. */
  private refuseMalformed(conn: Connection, err: unknown, detail?: string): void {
    this.options.logger.debug('refused message', { doc: this.name, reason: String((err as Error)?.message ?? err) });
    this.observer.refused('malformed');
    conn.close('badMessage', detail);
  }

  private get observer(): SyncObserver {
    return this.options.observer ?? quietObserver;
  }

  /** Parses a message into the action it asks for; throws on anything malformed. */
  private decode(conn: Connection, data: Uint8Array): () => void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    let action: () => void;
    let queued = false;
    switch (type) {
      case MSG.sync: {
        const subtype = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (subtype === SYNC_STEP1) action = () => this.answerStep1(conn, payload);
        else if (subtype === SYNC_STEP2 || subtype === SYNC_UPDATE) {
          action = () => this.enqueue({ conn, update: payload, subtype });
          queued = true;
        }
        else throw new BadMessage(`unknown sync message ${subtype}`);
        break;
      }
      case MSG.awareness: {
        const checked = sanitizeAwareness(decoding.readVarUint8Array(decoder), conn.user, (id) => this.ownerOf(conn, id), awarenessIdsOf(this.awareness, conn.user.id), this.name);
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
        action = () => {
          // Not while part of what this socket sent is still waiting: that is not stored.
          if (conn.writesRefused) return;
          if (!this.waiting.holdAck(conn, id)) this.afterDurable(() => conn.send(ackMessage(id)));
        };
        break;
      }
      default:
        throw new BadMessage(`unknown message type ${type}`);
    }
    if (decoding.hasContent(decoder)) throw new BadMessage('trailing bytes');
    if (queued) return action;
    // Anything else takes effect after the updates received before it (an acknowledgement
    // request must cover them, a step 2 reply must contain them).
    return () => {
      this.drainInbox();
      action();
    };
  }

  private enqueue(received: Received): void {
    this.inbox.push(received);
    if (this.inboxScheduled) return;
    this.inboxScheduled = true;
    queueMicrotask(this.drainInbox);
  }

  /**
   * Applies the waiting updates in order, each run of one connection's updates through the
   * gate together (one check, one transaction).
   */
  private readonly drainInbox = (): void => {
    this.inboxScheduled = false;
    if (this.inbox.length === 0) return;
    const inbox = this.inbox;
    this.inbox = [];
    // A socket closed since (rate limit, hung up) keeps what it sent before; one the room
    // closes while applying (a bad update, the size limit) loses the rest.
    let closedEarlier: Set<Connection> | null = null;
    for (const r of inbox) if (r.conn.closed) (closedEarlier ??= new Set()).add(r.conn);
    let i = 0;
    while (i < inbox.length && this.state === 'ready') {
      const { conn } = inbox[i]!;
      const run: Received[] = [];
      while (i < inbox.length && inbox[i]!.conn === conn) run.push(inbox[i++]!);
      if (conn.closed && !closedEarlier?.has(conn)) continue;
      this.receiveRun(conn, run);
    }
  };

  /**
   * One connection's updates, received together. Each passes, in order: the reader check
   * (an update that changes nothing is no write), the schema firewall, ownership of client
   * ids, the size limit, and for a scoped connection a trial on a copy judged by its effect;
   * then all are applied in one transaction. Whatever is refused changes nothing.
   */
  private receiveRun(conn: Connection, run: Received[]): void {
    let updates = run.map((r) => r.update);
    if (conn.access === 'read') {
      try {
        if (updates.every((u) => changesNothing(this.doc, u))) return;
      } catch (err) {
        this.refuseMalformed(conn, err, 'the update could not be read');
        return;
      }
      this.refuse(conn, 'read_only', 'You may read and comment on this document but not edit it; your change was not saved.');
      return;
    }
    // One update for the run, checked once: each check decodes what it checks, and Yjs
    // re-merges pending content at every update it applies (their square for many small ones).
    if (updates.length > 1) {
      try {
        updates = [Y.mergeUpdates(updates)];
      } catch (err) {
        this.refuseMalformed(conn, err, 'the update could not be read');
        return;
      }
    }
    const known = (client: number) => Y.getState(this.doc.store, client);
    for (const u of updates) {
      const verdict = checkUpdate(u, this.kind, known);
      if (!verdict.ok) {
        this.refuse(conn, 'update_refused', `${verdict.reason}: your change was not saved.`);
        conn.close('badMessage', verdict.reason);
        return;
      }
    }
    // Structs under another person's client id are dropped; the rest of the update stands.
    const claims: number[] = [];
    const foreign = new Set<number>();
    updates = updates.map((u) => {
      const owned = this.owners.filter(u, conn.user.id, known);
      claims.push(...owned.claims);
      for (const c of owned.foreign) foreign.add(c);
      return owned.update;
    });
    if (foreign.size) {
      this.refused('foreign_client');
      conn.send(deniedMessage('foreign_client', 'Part of your change was made under another person\'s editor and was not saved; reload the page to continue.'));
    }
    if (!this.fitsSizeLimit(updates)) {
      this.owners.release(claims, conn.user.id);
      this.refuse(conn, 'document_too_large', `This document reached its size limit (${Math.round((this.options.maxDocumentBytes ?? 0) / 1048576)} MiB); your change was not saved.`);
      conn.close('documentTooLarge');
      return;
    }
    const subtype = run.some((r) => r.subtype === SYNC_UPDATE) ? SYNC_UPDATE : SYNC_STEP2;
    this.admitUpdates(conn, updates, subtype, claims);
  }

  /**
   * Answers a step 1. One reply per socket is on its way at a time: a client that sends step
   * 1 after step 1 and never reads gets the latest answered once, not a copy of the whole
   * document per message.
   */
  private answerStep1(conn: Connection, sv: Uint8Array): void {
    if (conn.step1Busy) {
      conn.step1Next = sv;
      return;
    }
    conn.step1Busy = true;
    // Encoded now, so it holds exactly what is applied now; sent once that is durable.
    const reply = this.syncReply(sv);
    this.afterDurable(() =>
      conn.send(reply, () => {
        conn.step1Busy = false;
        const next = conn.step1Next;
        conn.step1Next = null;
        if (next && this.state === 'ready' && !conn.closed) this.answerStep1(conn, next);
      }),
    );
  }

  /** What a connection may change here; null when it may change everything. */
  private scopeOf(conn: Connection): Scope | null {
    if (conn.access === 'read') return () => ({ code: 'read_only', message: 'read only' });
    if (this.kind === 'plan' && conn.access === 'write') return null;
    return scopeFor(this.kind, conn.access, conn.user);
  }

  /**
   * Tries `updates` on the probe copy when the connection is scoped, then applies them to the
   * document; an exception while applying fails the room (it reloads from storage), so no
   * room ever acknowledges what it could not store. Pending parts are kept with the sender.
   */
  private admitUpdates(conn: Connection, updates: Uint8Array[], subtype: number, claims: number[]): boolean {
    if (updates.length > 1) updates = [Y.mergeUpdates(updates)];
    const scope = this.scopeOf(conn);
    if (scope) {
      const tried = this.probe.tryUpdates(updates, scope);
      if (tried.kind !== 'accepted') this.owners.release(claims, conn.user.id);
      if (tried.kind === 'failed') {
        this.options.logger.error('an update failed on the probe copy', { doc: this.name, user: conn.user.id, error: String((tried.error as Error)?.message ?? tried.error) });
        this.refuse(conn, 'update_refused', 'This change could not be applied; it was not saved.');
        conn.close('badMessage', 'the update could not be applied');
        return false;
      }
      if (tried.kind === 'refused') {
        this.refuse(conn, tried.refusal.code, tried.refusal.message);
        return false;
      }
    }
    const started = performance.now();
    this.probed = scope !== null;
    this.claimsOfApply = claims.length ? claims : null;
    try {
      this.ydoc.transact(() => {
        for (const u of updates) Y.applyUpdate(this.ydoc, u, conn.origin);
      }, conn.origin);
    } catch (err) {
      this.probed = false;
      // Yjs may be left mid-transaction: nothing of this document can be trusted any more.
      this.fail(err, 'an update could not be applied');
      return false;
    }
    this.probed = false;
    this.claimsOfApply = null;
    for (const u of updates) this.grew(u);
    const held = this.waiting.takePending(this.ydoc, conn);
    if (held === 'held') {
      // A step 2 is already everything the sender has: asking again would loop.
      if (subtype === SYNC_UPDATE) conn.send(step1Message(this.ydoc));
      this.options.logger.debug('holding an update part with missing dependencies', { doc: this.name, user: conn.user.id });
    } else if (held !== null) {
      this.waiting.drop(conn);
      this.refused(`waiting_${held}`);
      conn.close('badMessage', 'too much content that depends on changes the server never received');
    } else {
      const acks = this.waiting.settle(conn);
      if (acks) for (const id of acks) this.afterDurable(() => conn.send(ackMessage(id)));
    }
    this.spend(conn, performance.now() - started);
    this.retryWaitingSoon();
    return true;
  }

  /** Time one connection's updates cost; beyond the budget its socket is closed (it reconnects later). */
  private spend(conn: Connection, ms: number): void {
    if (!conn.cost.spend(ms)) {
      this.refused('cost_budget');
      conn.close('rateLimited', 'your changes took too long to apply');
    }
  }

  /** Retries waiting content that may fit now (after the current transaction). */
  private retryWaitingSoon(): void {
    if (this.waiting.size === 0 || this.retryScheduled) return;
    this.retryScheduled = true;
    queueMicrotask(() => {
      this.retryScheduled = false;
      if (this.state !== 'ready') return;
      for (const conn of this.waiting.readySenders(this.ydoc)) {
        if (conn.closed || !this.conns.has(conn)) {
          this.waiting.drop(conn);
          continue;
        }
        const merged = this.waiting.takeForRetry(conn);
        // Through the whole gate again: access may have changed, and the deletions it holds
        // are judged only now that what they delete exists.
        if (merged && !this.admitRetry(conn, merged)) this.waiting.drop(conn);
        if (this.state !== 'ready') return;
      }
    });
  }

  private admitRetry(conn: Connection, update: Uint8Array): boolean {
    if (conn.access === 'read') {
      this.refuse(conn, 'read_only', 'You may read and comment on this document but not edit it; your change was not saved.');
      return false;
    }
    const known = (client: number) => Y.getState(this.ydoc.store, client);
    const verdict = checkUpdate(update, this.kind, known);
    if (!verdict.ok) {
      this.refuse(conn, 'update_refused', `${verdict.reason}: your change was not saved.`);
      conn.close('badMessage', verdict.reason);
      return false;
    }
    // Filtered when it arrived; its ids were bound then and are stored with it now.
    const owned = this.owners.filter(update, conn.user.id, known);
    return this.admitUpdates(conn, [owned.update], SYNC_STEP2, owned.claims);
  }

  /**
   * Refuses a change: the person is told in words, and acknowledgements on this socket stop
   * (an acknowledgement after a refusal would say the refused change was saved).
   */
  private refuse(conn: Connection, code: string, message: string): void {
    this.refused(code);
    conn.writesRefused = true;
    conn.send(deniedMessage(code, message));
  }

  /** Counted as it is applied (not once its transaction ends): the next update's size check sees it. */
  private grew(update: Uint8Array): void {
    this.bytes += update.byteLength;
    this.bytesExact = false;
  }

  /** True when applying `updates` keeps the document within `maxDocumentBytes`. */
  private fitsSizeLimit(updates: Uint8Array[]): boolean {
    const max = this.options.maxDocumentBytes;
    const size = updates.reduce((n, u) => n + u.byteLength, 0);
    if (max === undefined || this.bytes + size <= max) return true;
    // The running total over-counts (deletions, repeated content): measure before refusing.
    if (!this.bytesExact) {
      this.bytes = Y.encodeStateAsUpdate(this.doc).byteLength;
      this.bytesExact = true;
    }
    const update = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
    return this.bytes + Y.diffUpdate(update, Y.encodeStateVector(this.doc)).byteLength <= max;
  }

  private refused(reason: string): void {
    this.observer.refused(reason);
    this.options.logger.debug('refused update', { doc: this.name, reason });
  }

  /**
   * Who may announce an awareness client id. Stock y-websocket clients echo everyone's states
   * back, so a state of another person — present or departed — is an echo, never theirs.
   * The same person reconnecting (same client id, new socket) takes their own id back.
   */
  private ownerOf(conn: Connection, clientId: number): 'me' | 'other' | 'nobody' {
    if (conn.awarenessIds.has(clientId)) return 'me';
    const writer = this.owners.ownerOf(clientId);
    if (writer !== undefined && writer !== conn.user.id) return 'other';
    for (const other of this.conns) if (other !== conn && other.awarenessIds.has(clientId)) return 'other';
    const userId = this.awarenessUsers.get(clientId);
    if (userId !== undefined && userId !== conn.user.id) return 'other';
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
    this.drainInbox();
    this.doc.transact(() => change(this.doc), origin);
    return new Promise((resolve, reject) => this.afterDurable(() => (this.state === 'ready' ? resolve() : reject(new Error('write failed')))));
  }

  // ---- durable writes ----------------------------------------------------------------------

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    // Yjs changes the doc by itself in an origin-less transaction right after a remote one
    // (it deletes formatting marks made redundant): the server's own change, stored and sent
    // to every client — the sender too, which may not have made the same cleanup.
    const o = (origin ?? { kind: 'server', author: SYSTEM_AUTHOR }) as Origin;
    // The stored state being built: nothing changes (the cached reply holds the same).
    if (o.kind === 'storage') return;
    this.fullStateReply = null;
    if (!this.probed) this.probe.follow(update);
    if (o.kind !== 'client') {
      this.grew(update);
      // Another process's, or the server's own change, may be what waiting content lacked.
      this.retryWaitingSoon();
    }
    const except = o.kind === 'client' ? o.conn : null;
    if (o.kind === 'pubsub') {
      this.broadcast(updateMessage(update), null);
      return;
    }
    const author = o.kind === 'client' ? o.conn.author : o.author;
    let claims: ClientOwner[] | undefined;
    if (o.kind === 'client' && this.claimsOfApply) {
      claims = this.claimsOfApply.map((clientId) => ({ clientId, userId: o.conn.user.id }));
      this.claimsOfApply = null;
    } else if (o.kind !== 'client' && !this.serverIdStored) {
      claims = [{ clientId: this.ydoc.clientID, userId: SERVER_OWNER }];
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
      this.options.groupCommit.schedule(this);
    }
    return this.batch;
  }

  /** Runs `fn` once everything applied so far is durable. */
  private afterDurable(fn: () => void): void {
    this.drainInbox();
    const target = this.batch ?? this.inflight[this.inflight.length - 1];
    if (target) target.after.push(fn);
    else fn();
  }

  /**
   * Takes the open batch for writing: null when there is nothing to write (a batch of
   * acknowledgements only is settled at once). The caller writes it, then calls `written`
   * or `fail`.
   */
  sealBatch(): Batch | null {
    this.flushScheduled = false;
    const batch = this.batch;
    this.batch = null;
    if (!batch || this.state !== 'ready') return null;
    if (batch.updates.length === 0) {
      // Acknowledgements only: they wait for whatever is still on its way to the disk.
      const last = this.inflight[this.inflight.length - 1];
      if (last) last.after.push(...batch.after);
      else this.runAfter(batch.after);
      return null;
    }
    this.inflight.push(batch);
    return batch;
  }

  /**
   * A sealed batch is in the log (its last update got `seq`): a process crash can no longer take
   * it back, so it is relayed, published and told to listeners. It stays in flight, and its
   * acknowledgements wait, until `settled`.
   */
  written(batch: Batch, seq: number): void {
    if (this.state !== 'ready') return;
    this.lastSeq = Math.max(this.lastSeq, seq);
    const n = batch.updates.length;
    if (n > 0) {
      this.observer.stored(batch.updates.map((u) => u.receivedAt));
      this.held.add(seq - n + 1, seq);
      const claims = batch.updates.flatMap((u) => u.claims ?? []);
      if (claims.length) this.owners.stored(claims.map((c) => c.clientId));
      if (this.options.publish) {
        const update = n === 1 ? batch.updates[0]!.update : Y.mergeUpdates(batch.updates.map((u) => u.update));
        this.options.publish(encodePeerMessage({ type: 'update', fromSeq: seq - n + 1, toSeq: seq, update, ...(claims.length ? { claims } : {}) }));
      }
      // Alone, our seqs follow each other; a jump means another process wrote in between.
      this.watchGap();
      try {
        this.options.onStored?.(this, batch.updates);
      } catch (err) {
        this.options.logger.error('a listener of stored updates failed', { doc: this.name, error: String(err) });
      }
    }
    this.relay(batch.sends);
  }

  /**
   * A written batch is safe from power loss (fsynced, or committed): what waited for it runs
   * (acknowledgements, sync replies, `whenDurable`), and the log may be compacted.
   */
  settled(batch: Batch): void {
    if (this.state !== 'ready') return;
    const i = this.inflight.indexOf(batch);
    if (i >= 0) this.inflight.splice(i, 1);
    this.runAfter(batch.after);
    if (this.quiescent && this.held.contiguous - this.compactedSeq >= this.options.compactAfterUpdates) {
      this.compact().catch((err) => this.options.logger.error('compaction failed', { doc: this.name, error: String(err) }));
    }
  }

  private runAfter(after: Batch['after']): void {
    // Several acknowledgements and replies for one socket leave in one write.
    const corked = after.length > 1 ? [...this.conns] : [];
    for (const conn of corked) conn.cork();
    try {
      for (const fn of after) fn();
    } finally {
      for (const conn of corked) conn.uncork();
    }
  }

  private broadcast(message: Uint8Array, except: Connection | null): void {
    const outs = [new Outgoing(message)];
    for (const conn of this.conns) if (conn !== except) conn.sendShared(outs);
  }

  /**
   * Relays a durable batch: every socket gets all of its updates but its own in one write
   * (each update framed once for everyone), not one write per update.
   */
  private relay(sends: Batch['sends']): void {
    if (sends.length <= 1) {
      if (sends.length === 1) this.broadcast(sends[0]!.message, sends[0]!.except);
      return;
    }
    const outs = sends.map((s) => new Outgoing(s.message));
    for (const conn of this.conns) {
      const mine = outs.filter((_, i) => sends[i]!.except !== conn);
      if (mine.length) conn.sendShared(mine);
    }
  }

  /**
   * A write failed (or pub/sub was lost): nothing after it may be relayed, so the room
   * closes its connections with 4503 and reloads when they come back.
   */
  fail(err: unknown, what = 'storage write failed'): void {
    if (this.state !== 'ready') return;
    this.options.logger.error(`${what}; closing document`, { doc: this.name, error: String(err) });
    this.observer.writeFailed();
    this.state = 'failed';
    for (const conn of this.conns) conn.close('unavailable');
    this.conns.clear();
    this.inbox = [];
    this.batch = null;
    this.inflight = [];
    this.options.onFailed(this);
    this.destroy();
  }

  /**
   * Merges the log into one state. Only while nothing is pending, so the state is all durable,
   * and only up to the seq below which the doc misses nothing (with several processes it may
   * lack another's latest updates; holding some beyond `upTo` is harmless).
   */
  async compact(): Promise<void> {
    const upTo = this.held.contiguous;
    if (this.state !== 'ready' || !this.quiescent || upTo <= this.compactedSeq) return;
    const state = Y.encodeStateAsUpdate(this.doc);
    this.bytes = state.byteLength;
    this.bytesExact = true;
    await this.store.compact(this.name, state, upTo);
    this.compactedSeq = Math.max(this.compactedSeq, upTo);
    this.observer.compacted();
    this.options.logger.debug('compacted', { doc: this.name, upTo, bytes: state.byteLength });
  }

  /** Resolves when everything applied so far is durable (or the room failed). */
  whenDurable(): Promise<void> {
    return new Promise((resolve) => this.afterDurable(resolve));
  }

  // ---- other processes (pub/sub) --------------------------------------------------------

  /** Handles a message from this document's room in another process. */
  receivePeer(data: Uint8Array): void {
    if (this.state !== 'ready') return;
    try {
      const m = decodePeerMessage(data);
      if (m.type === 'update') {
        // Already stored by its process: the pub/sub origin relays it to our clients only.
        for (const c of m.claims ?? []) this.owners.learn(c.clientId, c.userId);
        Y.applyUpdate(this.doc, m.update, PUBSUB_ORIGIN);
        this.held.add(m.fromSeq, m.toSeq);
        this.lastSeq = Math.max(this.lastSeq, m.toSeq);
        this.watchGap();
      } else if (m.type === 'awareness') {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, m.update, PUBSUB_ORIGIN);
      } else {
        const ids = [...this.conns].flatMap((c) => [...c.awarenessIds]).filter((id) => this.awareness.getStates().has(id));
        if (ids.length) this.options.publish?.(encodePeerMessage({ type: 'awareness', update: awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) }));
      }
    } catch (err) {
      this.options.logger.error('refused pub/sub message', { doc: this.name, error: String(err) });
    }
  }

  /** Asks the other processes for their clients' awareness (a room that has just loaded). */
  queryPeers(): void {
    this.options.publish?.(encodePeerMessage({ type: 'queryAwareness' }));
  }

  /** Seqs missing below the highest one: wait a moment for them, then read them from the log. */
  private watchGap(): void {
    if (!this.held.hasGap) {
      if (this.gapTimer) clearTimeout(this.gapTimer);
      this.gapTimer = null;
      return;
    }
    if (this.gapTimer || this.catchingUp) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.held.hasGap) void this.catchUp();
    }, GAP_CATCH_UP_MS);
    this.gapTimer.unref();
  }

  /** Reads the log to fill seqs that never came through pub/sub (a process died before publishing). */
  async catchUp(): Promise<void> {
    if (this.state !== 'ready' || this.catchingUp) return;
    this.catchingUp = true;
    try {
      const loaded = await this.store.loadDocument(this.name);
      if (this.state !== 'ready') return;
      for (const c of loaded.clientOwners ?? []) this.owners.learn(c.clientId, c.userId);
      applyLoaded(this.doc, loaded, PUBSUB_ORIGIN);
      this.held.markUpTo(loaded.lastSeq);
      this.lastSeq = Math.max(this.lastSeq, loaded.lastSeq);
      this.options.logger.debug('caught up from the log', { doc: this.name, upTo: loaded.lastSeq });
    } catch (err) {
      this.options.logger.error('catching up from the log failed', { doc: this.name, error: String(err) });
    } finally {
      this.catchingUp = false;
      if (this.state === 'ready') this.watchGap();
    }
  }

  // ---- awareness ---------------------------------------------------------------------------

  /** Removes presence not renewed for 30 s (clients renew every 15 s), as y-protocols' own timer would. */
  expireAwareness(now = Date.now()): void {
    if (this.state !== 'ready' || this.awareness.states.size === 0) return;
    const outdated: number[] = [];
    this.awareness.meta.forEach((meta, id) => {
      if (now - meta.lastUpdated >= awarenessProtocol.outdatedTimeout && this.awareness.states.has(id)) outdated.push(id);
    });
    if (outdated.length) awarenessProtocol.removeAwarenessStates(this.awareness, outdated, 'timeout');
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const conn = origin as Connection | null;
    if (conn && this.conns.has(conn)) {
      for (const id of added) {
        conn.awarenessIds.add(id);
        this.awarenessUsers.set(id, conn.user.id);
        // Announced before typing: the id is this person's from now on (in this process).
        this.owners.bind(id, conn.user.id);
      }
      for (const id of removed) conn.awarenessIds.delete(id);
    } else if (origin === PUBSUB_ORIGIN) {
      // States of another process's clients (their user set by that server): an echo of one
      // from a client here is refused like an echo of a local person's.
      for (const id of added.concat(updated)) {
        const userId = (this.awareness.getStates().get(id)?.user as { userId?: unknown } | undefined)?.userId;
        if (typeof userId === 'string') {
          this.awarenessUsers.set(id, userId);
          this.owners.bind(id, userId);
        }
      }
    }
    const changed = added.concat(updated, removed);
    if (changed.length) this.broadcast(awarenessMessage(this.awareness, changed), null);
    // Our clients' changes go to the other processes; theirs came from there, and a timeout
    // happens in every process by itself.
    if (changed.length && this.options.publish && origin !== PUBSUB_ORIGIN && origin !== 'timeout') {
      this.options.publish(encodePeerMessage({ type: 'awareness', update: awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed) }));
    }
  };

  destroy(): void {
    if (this.state === 'destroyed') return;
    this.state = this.state === 'failed' ? 'failed' : 'destroyed';
    if (this.gapTimer) clearTimeout(this.gapTimer);
    if (this.buildTimer) clearTimeout(this.buildTimer);
    this.stored = null;
    this.admitting.clear();
    this.waiting.clear();
    this.probe.discard();
    this.ydoc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.ydoc.destroy();
  }
}
