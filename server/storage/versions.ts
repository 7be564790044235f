/** The contract of review cycles and their immutable snapshots (server/versions uses it). */
import type { LoggedUpdate, UpdateAuthor } from './docs.js';

/** A review meeting of a plan. Its snapshot is taken at most once. */
export interface ReviewCycle {
  id: string;
  planId: string;
  label: string;
  /** YYYY-MM-DD. */
  meetingDate: string;
  /** Free text or a link to the minutes. */
  notes: string;
  /** The English label and notes; '' while not written (readers then see the Chinese). */
  labelEn: string;
  notesEn: string;
  createdBy: UpdateAuthor;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds when its snapshot was taken, or null while none. */
  snapshotAt: number | null;
}

/** A frozen version of one document: a review cycle's snapshot or an automatic checkpoint. */
export interface Snapshot {
  /** Chosen by the caller (unique). */
  id: string;
  /** The review cycle it belongs to, or null for a checkpoint. */
  cycleId: string | null;
  docName: string;
  kind: 'cycle' | 'checkpoint';
  /** Why a checkpoint was taken ('daily', 'bulk: …'); '' for a cycle's snapshot. */
  reason: string;
  /** The doc's lastSeq the state corresponds to: the state contains exactly updates 1..seq. */
  seq: number;
  /** Y.encodeStateAsUpdate of the document at `seq`. */
  state: Uint8Array;
  /** Canonical JSON of the structured rendering (stable key order). */
  json: string;
  /** SHA-256 hex of `json`. */
  hash: string;
  /** Epoch milliseconds. */
  takenAt: number;
  takenBy: UpdateAuthor;
}

/** A snapshot without its bytes, for listings. */
export type SnapshotInfo = Omit<Snapshot, 'state' | 'json'>;

/**
 * Review cycles and immutable snapshots. Snapshots are never updated or deleted: adapters
 * enforce it in the database itself (triggers / rules), not only by offering no method.
 */
export interface VersionStore {
  createCycle(cycle: ReviewCycle): Promise<void>;
  getCycle(id: string): Promise<ReviewCycle | null>;
  /** The plan's cycles, oldest meeting first. */
  listCycles(planId: string): Promise<ReviewCycle[]>;
  /**
   * In one transaction: marks the cycle snapshotted at `takenAt` and inserts the snapshots.
   * False (and nothing written) when the cycle is unknown or its snapshot was already taken.
   */
  addCycleSnapshots(cycleId: string, takenAt: number, snapshots: Snapshot[]): Promise<boolean>;
  /** Inserts a checkpoint (a snapshot with cycleId null). */
  addSnapshot(snapshot: Snapshot): Promise<void>;
  getSnapshot(id: string): Promise<Snapshot | null>;
  /** Snapshots matching the filter, newest first (takenAt, then seq). */
  listSnapshots(filter: { cycleId?: string; docName?: string }): Promise<SnapshotInfo[]>;
  /** The logged updates with bytes and authors, seq in (fromSeq, toSeq], in order (compaction keeps them). */
  loadUpdateRange(name: string, fromSeq: number, toSeq: number): Promise<LoggedUpdate[]>;
}
