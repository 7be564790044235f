/**
 * Content that waits for changes the server does not have yet: the part of a client's update
 * that Yjs left pending (structs whose left neighbour or earlier clock is missing, deletions
 * of clocks nobody has written yet). It is taken out of the document, kept with its sender
 * as parts (never re-merged on arrival: that made every new message cost the whole backlog),
 * and retried through the same gate as a new update — once the clocks it waits for arrive,
 * from whoever sends them. Bounded per sender, per document and per process.
 */
import * as Y from 'yjs';

/** Bytes of waiting content: one sender, one loaded document, the whole process. */
export const WAITING_LIMITS = { perConnection: 1024 * 1024, perDocument: 4 * 1024 * 1024, perProcess: 64 * 1024 * 1024 } as const;

let processBytes = 0;

/** Waiting bytes in this process (for metrics and tests). */
export const waitingBytesInProcess = (): number => processBytes;

/** One sender's waiting content. */
export interface Waiting {
  /** Updates (format v1) as Yjs left them pending, oldest first. */
  parts: Uint8Array[];
  bytes: number;
  /** client → clock: retry once the server's state for `client` is beyond `clock`. */
  watch: Map<number, number>;
  /** Acknowledgements asked for meanwhile: sent once nothing of this sender waits any more. */
  acks: number[];
}

export type HoldResult = 'held' | 'over_connection' | 'over_document' | 'over_process';

/** Waiting content of every sender of one document. */
export class WaitingContent<K extends object> {
  private readonly bySender = new Map<K, Waiting>();
  private bytes = 0;

  get(sender: K): Waiting | undefined {
    return this.bySender.get(sender);
  }

  get size(): number {
    return this.bySender.size;
  }

  /**
   * Keeps what a transaction left pending in `doc` for `sender`, and clears it from the
   * document (where it would be unsaved, yet sent in sync replies and compactions).
   * Returns null when nothing was pending.
   */
  takePending(doc: Y.Doc, sender: K): HoldResult | null {
    const store = doc.store;
    const structs = store.pendingStructs;
    const ds = store.pendingDs;
    store.pendingStructs = store.pendingDs = null;
    if (!structs && !ds) return null;
    const parts: Uint8Array[] = [];
    const watch = new Map<number, number>();
    const lower = (client: number, clock: number) => watch.set(client, Math.min(clock, watch.get(client) ?? clock));
    if (structs) {
      parts.push(Y.convertUpdateFormatV2ToV1(structs.update));
      for (const [client, clock] of structs.missing) lower(client, clock);
    }
    if (ds) {
      const v1 = Y.convertUpdateFormatV2ToV1(ds);
      parts.push(v1);
      // A deletion waits for its first clock to be written.
      for (const [client, ranges] of Y.decodeUpdate(v1).ds.clients) if (ranges.length) lower(client, ranges[0]!.clock);
    }
    return this.add(sender, parts, watch);
  }

  private add(sender: K, parts: Uint8Array[], watch: Map<number, number>): HoldResult {
    const size = parts.reduce((n, p) => n + p.byteLength, 0);
    let w = this.bySender.get(sender);
    const mine = (w?.bytes ?? 0) + size;
    if (mine > WAITING_LIMITS.perConnection) return 'over_connection';
    if (this.bytes + size > WAITING_LIMITS.perDocument) return 'over_document';
    if (processBytes + size > WAITING_LIMITS.perProcess) return 'over_process';
    if (!w) {
      w = { parts: [], bytes: 0, watch: new Map(), acks: [] };
      this.bySender.set(sender, w);
    }
    w.parts.push(...parts);
    w.bytes = mine;
    for (const [client, clock] of watch) w.watch.set(client, Math.min(clock, w.watch.get(client) ?? clock));
    this.bytes += size;
    processBytes += size;
    return 'held';
  }

  /** True when some of `sender`'s waiting content may fit `doc` now. */
  ready(doc: Y.Doc, sender: K): boolean {
    const w = this.bySender.get(sender);
    if (!w) return false;
    for (const [client, clock] of w.watch) if (Y.getState(doc.store, client) > clock) return true;
    return false;
  }

  /** Senders whose waiting content may fit now. */
  readySenders(doc: Y.Doc): K[] {
    return [...this.bySender.keys()].filter((k) => this.ready(doc, k));
  }

  /**
   * Takes `sender`'s waiting content out for a retry, merged once into one update; the
   * acknowledgements stay with the sender until `release`.
   */
  takeForRetry(sender: K): Uint8Array | null {
    const w = this.bySender.get(sender);
    if (!w || w.parts.length === 0) return null;
    const merged = w.parts.length === 1 ? w.parts[0]! : Y.mergeUpdates(w.parts);
    this.bytes -= w.bytes;
    processBytes -= w.bytes;
    w.parts = [];
    w.bytes = 0;
    w.watch = new Map();
    return merged;
  }

  /** Holds an acknowledgement request until nothing of `sender` waits; false when nothing waits now. */
  holdAck(sender: K, id: number): boolean {
    const w = this.bySender.get(sender);
    if (!w) return false;
    w.acks.push(id);
    return true;
  }

  /**
   * Forgets `sender`'s record when nothing of it waits any more; returns the acknowledgements
   * it held (to be sent once what was applied is durable), or null while something still waits.
   */
  settle(sender: K): number[] | null {
    const w = this.bySender.get(sender);
    if (!w) return [];
    if (w.parts.length) return null;
    this.bySender.delete(sender);
    return w.acks;
  }

  /** Drops `sender`'s content (it left, or was closed). */
  drop(sender: K): void {
    const w = this.bySender.get(sender);
    if (!w) return;
    this.bytes -= w.bytes;
    processBytes -= w.bytes;
    this.bySender.delete(sender);
  }

  /** Drops everything (the room goes away). */
  clear(): void {
    for (const k of [...this.bySender.keys()]) this.drop(k);
  }
}
