/** The contract of the contribution ledger (server/contributions measures, the store keeps). */
import type { UpdateAuthor } from './docs.js';

/** What one update added and removed (the contribution ledger's measure). */
export interface LedgerTally {
  charsAdded: number;
  charsRemoved: number;
  milestonesAdded: number;
  updates: number;
}

/** One measured update of the contribution ledger. */
export interface LedgerEntry {
  seq: number;
  author: UpdateAuthor;
  tally: LedgerTally;
}

/** A person's running totals (per affiliation they wrote as) through some seq. */
export interface LedgerTotal {
  author: UpdateAuthor;
  tally: LedgerTally;
}

/**
 * The contribution ledger: every logged update measured once, with running totals per
 * person, so contribution figures cost a lookup per person instead of a replay of the log.
 */
export interface ContributionStore {
  /**
   * Where a document's ledger stands: updates up to `seq` are measured, `lastSeq` is the
   * log's last update; with `withState`, `state` is the document as of `seq` (null before
   * the first; always null without it, which spares reading it when nothing is new).
   */
  contributionLedger(name: string, withState?: boolean): Promise<{ seq: number; state: Uint8Array | null; lastSeq: number }>;
  /**
   * Records the measured updates (fromSeq, toSeq] (in seq order) and the state as of toSeq,
   * in one transaction; false, and nothing written, when the ledger is no longer at fromSeq
   * (another process measured them first).
   */
  advanceContributionLedger(name: string, fromSeq: number, toSeq: number, state: Uint8Array, entries: LedgerEntry[]): Promise<boolean>;
  /** Every person and affiliation's running totals through `seq` (0 for none), with the name of their last update. */
  contributionTotalsAt(name: string, seq: number): Promise<LedgerTotal[]>;
}
