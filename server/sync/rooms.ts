/**
 * The registry of loaded documents: loads each one once (concurrent joiners share the load),
 * unloads it when it has had no connections for a while and nothing is waiting to be
 * written, and compacts its log on the way out.
 */
import * as Y from 'yjs';
import type { Logger } from '../log.js';
import type { DocStore, UpdateAuthor, UpdateToAppend } from '../storage/index.js';
import { Room } from './room.js';
import { GroupCommit } from './groupCommit.js';
import type { SyncObserver } from './observer.js';
import type { RoomOptions } from './room.js';
import { STORAGE_ORIGIN } from './origins.js';
import { applyLoaded } from './applyLoaded.js';
import { LocalPubSub } from '../pubsub/local.js';
import type { PubSub } from '../pubsub/types.js';

export interface RoomsOptions {
  compactAfterUpdates: number;
  /** Largest encoded size of a document (see `RoomOptions.maxDocumentBytes`). */
  maxDocumentBytes?: number;
  idleUnloadMs: number;
  /** Least time between two group commits, see `defaults.commitIntervalMs`. */
  commitIntervalMs?: number;
  logger: Logger;
  /** Fan-out to the other processes serving these documents; none (one process) by default. */
  pubsub?: PubSub;
  /** Operational reports (metrics). */
  observer?: SyncObserver;
}

/** How often departed clients' presence is looked for (y-protocols checks every 3 s as well). */
const AWARENESS_SWEEP_MS = 3000;

export class Rooms {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room | null>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private readonly unsubscribes = new Map<Room, () => Promise<void>>();
  private readonly pubsub: PubSub;
  /** One presence-expiry sweep for every room (see Room.expireAwareness). */
  private readonly awarenessSweep: NodeJS.Timeout;
  /** One write for all documents' batches at a time. */
  private readonly groupCommit: GroupCommit;
  private readonly storedListeners = new Set<(room: Room, updates: UpdateToAppend[]) => void>();
  private readonly firstUseMakers = new Set<(name: string) => Promise<boolean>>();

  constructor(
    private readonly store: DocStore,
    private readonly options: RoomsOptions,
  ) {
    this.pubsub = options.pubsub ?? new LocalPubSub();
    this.awarenessSweep = setInterval(() => {
      const now = Date.now();
      for (const room of this.rooms.values()) room.expireAwareness(now);
    }, AWARENESS_SWEEP_MS);
    this.awarenessSweep.unref();
    this.groupCommit = new GroupCommit(store, options.commitIntervalMs ?? 0);
    // Messages from other processes may have been missed: every room closes (4503) and
    // reloads from storage when its clients reconnect.
    this.pubsub.onDown(() => {
      for (const room of [...this.rooms.values()]) room.fail(new Error('pub/sub connection lost'), 'pub/sub unavailable');
    });
  }

  /**
   * Calls `listener` with a document's name each time updates of it were stored by this
   * process (clients' edits and the server's own changes alike). Returns the remover.
   */
  onStored(listener: (room: Room, updates: UpdateToAppend[]) => void): () => void {
    this.storedListeners.add(listener);
    return () => this.storedListeners.delete(listener);
  }

  /**
   * Lets a kind of document made on first use (a commitment's comment document) say whether
   * `name`, which the store does not hold, exists (creating its row if so). Features register
   * here so that the registry knows no document kind.
   */
  onFirstUse(maker: (name: string) => Promise<boolean>): void {
    this.firstUseMakers.add(maker);
  }

  private async exists(name: string): Promise<boolean> {
    if (await this.store.getDocument(name)) return true;
    for (const maker of this.firstUseMakers) if (await maker(name)) return true;
    return false;
  }

  private notifyStored(room: Room, updates: UpdateToAppend[]): void {
    for (const listener of this.storedListeners) {
      // A listener's failure is its own: the write it follows has succeeded.
      try {
        listener(room, updates);
      } catch (err) {
        this.options.logger.error('a stored-update listener failed', { doc: room.name, error: String(err) });
      }
    }
  }

  /** The loaded room, or null when no such document exists. */
  get(name: string): Promise<Room | null> {
    this.cancelUnload(name);
    const room = this.rooms.get(name);
    if (room) return Promise.resolve(room);
    let pending = this.loading.get(name);
    if (!pending) {
      pending = this.load(name).finally(() => this.loading.delete(name));
      this.loading.set(name, pending);
    }
    return pending;
  }

  /** The room when it is in memory now (no load). */
  loaded(name: string): Room | undefined {
    return this.rooms.get(name);
  }

  get size(): number {
    return this.rooms.size;
  }

  private async load(name: string): Promise<Room | null> {
    if (!(await this.exists(name))) return null;
    // Subscribed before reading the log: whatever another process stores after the read, it
    // publishes after the read too, so it reaches this room (held until the room exists).
    let room: Room | null = null;
    const early: Uint8Array[] = [];
    const unsubscribe = await this.pubsub.subscribe(name, (m) => (room ? room.receivePeer(m) : early.push(m)));
    let loaded;
    try {
      loaded = await this.store.loadDocument(name);
    } catch (err) {
      await unsubscribe().catch(() => {});
      throw err;
    }
    const shared = this.pubsub.kind !== 'local';
    room = new Room(name, this.store, loaded, {
      compactAfterUpdates: this.options.compactAfterUpdates,
      maxDocumentBytes: this.options.maxDocumentBytes,
      logger: this.options.logger,
      onEmpty: (r) => this.scheduleUnload(r),
      onFailed: (r) => this.forget(r),
      onStored: (r, updates) => this.notifyStored(r, updates),
      publish: shared ? (m) => this.publish(name, m) : undefined,
      observer: this.options.observer,
      groupCommit: this.groupCommit,
    });
    this.rooms.set(name, room);
    this.unsubscribes.set(room, unsubscribe);
    for (const m of early.splice(0)) room.receivePeer(m);
    if (shared) room.queryPeers();
    // A long log makes every later load slow: merge it now that it is in memory.
    if (loaded.updates.length >= this.options.compactAfterUpdates) {
      await room.compact().catch((err) => this.options.logger.error('compaction on load failed', { doc: name, error: String(err) }));
    }
    return room;
  }

  private publish(name: string, message: Uint8Array): void {
    // Durable already; a lost message is found as a gap by the receivers, who read the log.
    this.pubsub.publish(name, message).catch((err) => this.options.logger.error('publish failed', { doc: name, error: String(err) }));
  }

  private unsubscribe(room: Room): void {
    const unsubscribe = this.unsubscribes.get(room);
    this.unsubscribes.delete(room);
    unsubscribe?.().catch((err) => this.options.logger.debug('unsubscribe failed', { doc: room.name, error: String(err) }));
  }

  /**
   * Reads a document without keeping it loaded when it is not: renders from the live room
   * when there is one, else from storage. Null when the document does not exist.
   */
  async read<T>(name: string, fn: (doc: Y.Doc) => T): Promise<T | null> {
    const room = this.rooms.get(name);
    if (room) return fn(room.doc);
    if (!(await this.store.getDocument(name))) return null;
    const loaded = await this.store.loadDocument(name);
    const doc = new Y.Doc();
    applyLoaded(doc, loaded, STORAGE_ORIGIN);
    try {
      return fn(doc);
    } finally {
      doc.destroy();
    }
  }

  /**
   * Reads a document exactly as it is durable at a seq: `read` gets the document holding the
   * logged updates 1..seq, no more and no less. A loaded room may hold updates still being
   * written: wait until nothing is pending and read it in the same tick, so document and seq
   * agree. With several processes a room missing some of another's seqs is not exact, and a
   * document not loaded is not loaded for this: storage is read then (state and seq in one
   * transaction).
   */
  async readDurable<T>(name: string, read: (doc: Y.Doc, seq: number) => T): Promise<T> {
    for (;;) {
      const room = this.rooms.get(name);
      if (!room || room.state !== 'ready') break;
      if (room.quiescent) {
        if (!room.holdsWholeLog) break;
        return read(room.doc, room.lastSeq);
      }
      await room.whenDurable();
    }
    const loaded = await this.store.loadDocument(name);
    const doc = new Y.Doc();
    try {
      applyLoaded(doc, loaded, STORAGE_ORIGIN);
      return read(doc, loaded.lastSeq);
    } finally {
      doc.destroy();
    }
  }

  /** Applies a server-side change to a document (relayed to its clients) and waits until it is durable. */
  async change(name: string, author: UpdateAuthor, fn: (doc: Y.Doc) => void): Promise<boolean> {
    const room = await this.get(name);
    if (!room) return false;
    await room.change(author, fn);
    if (room.conns.size === 0) this.scheduleUnload(room);
    return true;
  }

  onlineCount(name: string): number {
    return this.rooms.get(name)?.conns.size ?? 0;
  }

  private scheduleUnload(room: Room): void {
    this.cancelUnload(room.name);
    const timer = setTimeout(() => void this.unload(room), this.options.idleUnloadMs);
    timer.unref();
    this.unloadTimers.set(room.name, timer);
  }

  private cancelUnload(name: string): void {
    const timer = this.unloadTimers.get(name);
    if (timer) {
      clearTimeout(timer);
      this.unloadTimers.delete(name);
    }
  }

  private async unload(room: Room): Promise<void> {
    this.unloadTimers.delete(room.name);
    if (room.conns.size > 0 || this.rooms.get(room.name) !== room) return;
    await room.whenDurable();
    if (room.conns.size > 0) return;
    try {
      await room.compact();
    } catch (err) {
      this.options.logger.error('compaction on unload failed', { doc: room.name, error: String(err) });
    }
    if (room.conns.size > 0) return;
    this.forget(room);
    room.destroy();
    this.options.logger.debug('unloaded', { doc: room.name });
  }

  private forget(room: Room): void {
    if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
    this.cancelUnload(room.name);
    this.unsubscribe(room);
  }

  /** Flushes and compacts every loaded document, then drops them (graceful shutdown). */
  async closeAll(): Promise<void> {
    clearInterval(this.awarenessSweep);
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    await Promise.allSettled([...this.loading.values()]);
    for (const room of [...this.rooms.values()]) {
      for (const conn of room.conns) conn.close('shuttingDown');
      await room.whenDurable();
      try {
        await room.compact();
      } catch (err) {
        this.options.logger.error('compaction on shutdown failed', { doc: room.name, error: String(err) });
      }
      this.unsubscribe(room);
      room.destroy();
    }
    this.rooms.clear();
  }
}
