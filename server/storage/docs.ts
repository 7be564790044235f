/**
 * The document store's contract: documents are an append-only log of Yjs updates plus one
 * compacted state; each logged update carries who sent it and when (the audit record). Every
 * adapter implements it and `test/storage/contract.ts` checks it.
 */
import type { DocKind } from '../../shared/protocol/docNames.js';

export interface DocRecord {
  name: string;
  kind: DocKind;
  /** The plan a commitment belongs to ('' for a plan itself). */
  planId: string;
  createdAt: string;
  updatedAt: string;
}

/** Who sent an update: taken from the server's own session, never from the client. */
export interface UpdateAuthor {
  userId: string;
  name: string;
  affiliation: string;
}

export interface UpdateToAppend {
  update: Uint8Array;
  author: UpdateAuthor;
  /** Epoch milliseconds when the server received it. */
  receivedAt: number;
  /** Yjs client ids this update is the first to write with, and whose they are: bound in the same transaction. */
  claims?: ClientOwner[];
}

/** A Yjs client id of a document and the person it belongs to. */
export interface ClientOwner {
  clientId: number;
  userId: string;
}

export interface LoggedUpdate extends UpdateToAppend {
  seq: number;
}

export interface LoadedDoc {
  /** The compacted state (merged updates up to `compactedSeq`), or null when never compacted. */
  state: Uint8Array | null;
  compactedSeq: number;
  /** Updates appended after the compacted state, in order. */
  updates: Uint8Array[];
  /** Sequence number of the last update (0 when none). */
  lastSeq: number;
  /** Who each client id written with belongs to (absent from stores read by older code). */
  clientOwners?: ClientOwner[];
}

/** A named record about a document's life that is not a Yjs update (e.g. a lead-agency move). */
export interface DocEvent {
  name: string;
  type: string;
  data: Record<string, unknown>;
  author: UpdateAuthor;
  at: number;
}

/** Updates for one document, for `appendMany`. */
export interface DocAppend {
  name: string;
  updates: UpdateToAppend[];
}

export interface DocStore {
  /** Which engine this is, for health and logs. */
  readonly kind: 'sqlite' | 'postgres';
  /** Creates the document row if missing; returns the record. */
  createDocument(name: string, kind: DocKind, planId: string): Promise<DocRecord>;
  getDocument(name: string): Promise<DocRecord | null>;
  listDocuments(filter?: { kind?: DocKind; planId?: string }): Promise<DocRecord[]>;
  /** Appends updates in one transaction, all or nothing; returns the seq of the last one. */
  appendUpdates(name: string, updates: UpdateToAppend[]): Promise<number>;
  /**
   * Appends to several documents (each named once) in one transaction, all or nothing;
   * returns each one's last seq, in order. The sync server's group commit: one durable write
   * for everything received in a moment. SQLite answers synchronously (no promise on the
   * hot path).
   */
  appendMany(writes: DocAppend[]): number[] | Promise<number[]>;
  /**
   * Present when `appendMany` may return before its write is safe from power loss (SQLite with
   * a deferred fsync): resolves once everything appended before the call is. Without it, what
   * `appendMany` returned is as durable as the store is set to be.
   */
  readonly syncLog?: () => Promise<void>;
  loadDocument(name: string): Promise<LoadedDoc>;
  /**
   * Replaces the log up to and including `upToSeq` by `state` (which must contain every one
   * of those updates). Updates after `upToSeq` stay. The audit record of every update is kept.
   */
  compact(name: string, state: Uint8Array, upToSeq: number): Promise<void>;
  /** Number of updates logged after the compacted state. */
  pendingUpdateCount(name: string): Promise<number>;
  /** The audit record: every update with author and time, optionally from a seq on. */
  listUpdateAudit(name: string, fromSeq?: number): Promise<Array<{ seq: number; author: UpdateAuthor; receivedAt: number; size: number }>>;
  appendEvent(event: DocEvent): Promise<void>;
  listEvents(name: string): Promise<DocEvent[]>;
  /**
   * Checks the stored data's integrity ('ok' or what is wrong), cheaply enough to run every
   * few minutes; absent where the database checks itself (PostgreSQL).
   */
  integrityCheck?(): Promise<string>;
  /** True when the store answers; for health checks. */
  ping(): Promise<boolean>;
  /**
   * This store's identity, made when it was created. A backup restored elsewhere keeps it; a
   * store created anew gets another, which tells clients not to merge old copies blindly.
   */
  storeId(): Promise<string>;
  close(): Promise<void>;
}
