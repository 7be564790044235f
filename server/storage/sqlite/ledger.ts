/**
 * The contribution ledger's tables in SQLite (migration 008), SQLite's ContributionStore: an advance is
 * one transaction that checks the ledger has not moved, appends each entry with its author's
 * new running totals and moves the ledger's seq and state.
 */
import type Database from 'better-sqlite3';
import type { ContributionStore, LedgerEntry, LedgerTotal } from '../ledger.js';
import { ledgerTotalFromRow, tallyOf, type AuthorColumns, type TallyColumns } from '../rows.js';

type TotalRow = AuthorColumns & TallyColumns;

class SqliteLedger {
  private readonly stmt;
  private readonly advanceTx: (name: string, fromSeq: number, toSeq: number, state: Uint8Array, entries: LedgerEntry[]) => boolean;

  constructor(db: Database.Database) {
    this.stmt = {
      get: db.prepare(`SELECT d.last_seq, l.seq, NULL AS state FROM documents d LEFT JOIN contribution_ledgers l ON l.doc = d.name WHERE d.name = ?`),
      getWithState: db.prepare(`SELECT d.last_seq, l.seq, l.state FROM documents d LEFT JOIN contribution_ledgers l ON l.doc = d.name WHERE d.name = ?`),
      ledgerSeq: db.prepare(`SELECT seq FROM contribution_ledgers WHERE doc = ?`),
      putLedger: db.prepare(`INSERT INTO contribution_ledgers (doc, seq, state) VALUES (?, ?, ?) ON CONFLICT(doc) DO UPDATE SET seq = excluded.seq, state = excluded.state`),
      person: db.prepare(`SELECT chars_added, chars_removed, milestones_added, updates FROM contribution_people WHERE doc = ? AND user_id = ? AND affiliation = ?`),
      putPerson: db.prepare(
        `INSERT INTO contribution_people (doc, user_id, affiliation, chars_added, chars_removed, milestones_added, updates) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(doc, user_id, affiliation) DO UPDATE SET chars_added = excluded.chars_added, chars_removed = excluded.chars_removed, milestones_added = excluded.milestones_added, updates = excluded.updates`,
      ),
      putEntry: db.prepare(`INSERT INTO contribution_entries (doc, seq, user_id, user_name, affiliation, chars_added, chars_removed, milestones_added, updates) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      // Per person: their last entry at or before the seq (an index seek each).
      totalsAt: db.prepare(
        `SELECT e.user_id, e.user_name, e.affiliation, e.chars_added, e.chars_removed, e.milestones_added, e.updates
         FROM contribution_people p JOIN contribution_entries e ON e.doc = p.doc AND e.seq = (
           SELECT MAX(x.seq) FROM contribution_entries x WHERE x.doc = p.doc AND x.user_id = p.user_id AND x.affiliation = p.affiliation AND x.seq <= ?)
         WHERE p.doc = ?`,
      ),
    };
    this.advanceTx = db.transaction((name: string, fromSeq: number, toSeq: number, state: Uint8Array, entries: LedgerEntry[]) => {
      const at = (this.stmt.ledgerSeq.get(name) as { seq: number } | undefined)?.seq ?? 0;
      if (at !== fromSeq) return false;
      for (const { seq, author, tally } of entries) {
        const was = this.stmt.person.get(name, author.userId, author.affiliation) as TotalRow | undefined;
        const t = was ? tallyOf(was) : { charsAdded: 0, charsRemoved: 0, milestonesAdded: 0, updates: 0 };
        t.charsAdded += tally.charsAdded;
        t.charsRemoved += tally.charsRemoved;
        t.milestonesAdded += tally.milestonesAdded;
        t.updates += tally.updates;
        this.stmt.putPerson.run(name, author.userId, author.affiliation, t.charsAdded, t.charsRemoved, t.milestonesAdded, t.updates);
        this.stmt.putEntry.run(name, seq, author.userId, author.name, author.affiliation, t.charsAdded, t.charsRemoved, t.milestonesAdded, t.updates);
      }
      this.stmt.putLedger.run(name, toSeq, state);
      return true;
    });
  }

  get(name: string, withState: boolean): { seq: number; state: Uint8Array | null; lastSeq: number } {
    const r = (withState ? this.stmt.getWithState : this.stmt.get).get(name) as { last_seq: number; seq: number | null; state: Buffer | null } | undefined;
    if (!r) return { seq: 0, state: null, lastSeq: 0 };
    return { seq: r.seq ?? 0, state: r.state ? new Uint8Array(r.state.buffer, r.state.byteOffset, r.state.byteLength) : null, lastSeq: r.last_seq };
  }

  advance(name: string, fromSeq: number, toSeq: number, state: Uint8Array, entries: LedgerEntry[]): boolean {
    return this.advanceTx(name, fromSeq, toSeq, state, entries);
  }

  totalsAt(name: string, seq: number): LedgerTotal[] {
    return (this.stmt.totalsAt.all(seq, name) as TotalRow[]).map(ledgerTotalFromRow);
  }
}

export function sqliteLedger(db: Database.Database): ContributionStore {
  const ledger = new SqliteLedger(db);
  return {
    async contributionLedger(name, withState = false) {
      return ledger.get(name, withState);
    },
    async advanceContributionLedger(name, fromSeq, toSeq, state, entries) {
      return ledger.advance(name, fromSeq, toSeq, state, entries);
    },
    async contributionTotalsAt(name, seq) {
      return ledger.totalsAt(name, seq);
    },
  };
}
