/** The contract of the audit trail, as the store keeps it (server/audit uses it). */
import type { UpdateAuthor } from './docs.js';

/** One entry of the audit trail, as stored. */
export interface AuditEntry {
  /** Increasing in the order entries were stored. */
  id: number;
  /** Epoch milliseconds. */
  at: number;
  actor: UpdateAuthor;
  action: string;
  target: string;
  details: Record<string, unknown>;
  /** The request's address ('' for the command line). */
  address: string;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

export interface AuditFilter {
  /** An actor's user id or name, exactly. */
  actor?: string;
  action?: string;
  target?: string;
  /** At or after (epoch ms). */
  from?: number;
  /** Before (epoch ms). */
  to?: number;
  /** Ids below this one (paging). */
  before?: number;
  limit: number;
}

/**
 * The audit trail: append-only. Adapters make the database refuse UPDATE and DELETE (and
 * TRUNCATE), as for snapshots.
 */
export interface AuditStore {
  appendAudit(entry: NewAuditEntry): Promise<number>;
  /** Matching entries, newest first, at most `limit`. */
  listAudit(filter: AuditFilter): Promise<AuditEntry[]>;
}
