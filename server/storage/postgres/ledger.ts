/**
 * The contribution ledger's tables in PostgreSQL (migration 008), PostgreSQL's ContributionStore. An
 * advance holds a transaction-scoped advisory lock on the document's ledger (appends to the
 * document are not blocked), checks the ledger has not moved, and writes the entries with
 * their authors' running totals in two statements whatever their number.
 */
import type pg from 'pg';
import type { ContributionStore, LedgerEntry, LedgerTally, LedgerTotal } from '../ledger.js';
import { ledgerTotalFromRow, tallyOf, type AuthorColumns, type TallyColumns } from '../rows.js';
import type { Tx } from './store.js';

type Queryable = pg.Pool | pg.PoolClient;
type Row = Record<string, unknown>;
const zero = (): LedgerTally => ({ charsAdded: 0, charsRemoved: 0, milestonesAdded: 0, updates: 0 });

async function ledgerOf(q: Queryable, name: string, withState: boolean): Promise<{ seq: number; state: Uint8Array | null; lastSeq: number }> {
  const { rows } = await q.query(`SELECT d.last_seq, l.seq, ${withState ? 'l.state' : 'NULL AS state'} FROM documents d LEFT JOIN contribution_ledgers l ON l.doc = d.name WHERE d.name = $1`, [name]);
  const r = rows[0] as Row | undefined;
  if (!r) return { seq: 0, state: null, lastSeq: 0 };
  const state = r.state as Buffer | null;
  return { seq: Number(r.seq ?? 0), state: state ? new Uint8Array(state.buffer, state.byteOffset, state.byteLength) : null, lastSeq: Number(r.last_seq) };
}

/** Runs inside the caller's transaction on `c`. */
async function advanceLedger(c: pg.PoolClient, name: string, fromSeq: number, toSeq: number, state: Uint8Array, entries: LedgerEntry[]): Promise<boolean> {
  await c.query(`SELECT pg_advisory_xact_lock(hashtext('contribution_ledger'), hashtext($1))`, [name]);
  const at = await c.query(`SELECT seq FROM contribution_ledgers WHERE doc = $1`, [name]);
  if (Number((at.rows[0] as Row | undefined)?.seq ?? 0) !== fromSeq) return false;
  const people = new Map<string, LedgerTally>();
  const key = (userId: string, affiliation: string) => JSON.stringify([userId, affiliation]);
  const known = await c.query(`SELECT user_id, affiliation, chars_added, chars_removed, milestones_added, updates FROM contribution_people WHERE doc = $1`, [name]);
  for (const r of known.rows as Array<AuthorColumns & TallyColumns>) people.set(key(r.user_id, r.affiliation), tallyOf(r));
  const cols: Record<string, unknown[]> = { seq: [], user_id: [], user_name: [], affiliation: [], chars_added: [], chars_removed: [], milestones_added: [], updates: [] };
  for (const { seq, author, tally } of entries) {
    const k = key(author.userId, author.affiliation);
    const t = people.get(k) ?? zero();
    t.charsAdded += tally.charsAdded;
    t.charsRemoved += tally.charsRemoved;
    t.milestonesAdded += tally.milestonesAdded;
    t.updates += tally.updates;
    people.set(k, t);
    for (const [col, v] of Object.entries({ seq, user_id: author.userId, user_name: author.name, affiliation: author.affiliation, chars_added: t.charsAdded, chars_removed: t.charsRemoved, milestones_added: t.milestonesAdded, updates: t.updates })) cols[col]!.push(v);
  }
  await c.query(
    `INSERT INTO contribution_entries (doc, seq, user_id, user_name, affiliation, chars_added, chars_removed, milestones_added, updates)
     SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[])`,
    [name, cols.seq, cols.user_id, cols.user_name, cols.affiliation, cols.chars_added, cols.chars_removed, cols.milestones_added, cols.updates],
  );
  const touched = [...people.entries()].map(([k, t]) => ({ who: JSON.parse(k) as [string, string], t }));
  await c.query(
    `INSERT INTO contribution_people (doc, user_id, affiliation, chars_added, chars_removed, milestones_added, updates)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[])
     ON CONFLICT (doc, user_id, affiliation) DO UPDATE SET chars_added = excluded.chars_added, chars_removed = excluded.chars_removed, milestones_added = excluded.milestones_added, updates = excluded.updates`,
    [name, touched.map((p) => p.who[0]), touched.map((p) => p.who[1]), touched.map((p) => p.t.charsAdded), touched.map((p) => p.t.charsRemoved), touched.map((p) => p.t.milestonesAdded), touched.map((p) => p.t.updates)],
  );
  await c.query(
    `INSERT INTO contribution_ledgers (doc, seq, state) VALUES ($1, $2, $3) ON CONFLICT (doc) DO UPDATE SET seq = excluded.seq, state = excluded.state`,
    [name, toSeq, Buffer.from(state.buffer, state.byteOffset, state.byteLength)],
  );
  return true;
}

async function totalsAt(q: Queryable, name: string, seq: number): Promise<LedgerTotal[]> {
  // Per person: their last entry at or before the seq (an index seek each).
  const { rows } = await q.query(
    `SELECT e.user_id, e.user_name, e.affiliation, e.chars_added, e.chars_removed, e.milestones_added, e.updates
     FROM contribution_people p CROSS JOIN LATERAL (
       SELECT * FROM contribution_entries x WHERE x.doc = p.doc AND x.user_id = p.user_id AND x.affiliation = p.affiliation AND x.seq <= $2
       ORDER BY x.seq DESC LIMIT 1) e
     WHERE p.doc = $1`,
    [name, seq],
  );
  return (rows as Array<AuthorColumns & TallyColumns>).map(ledgerTotalFromRow);
}

export function postgresLedger(pool: pg.Pool, tx: Tx): ContributionStore {
  return {
    async contributionLedger(name, withState = false) {
      return ledgerOf(pool, name, withState);
    },
    async advanceContributionLedger(name, fromSeq, toSeq, state, entries) {
      return tx((c) => advanceLedger(c, name, fromSeq, toSeq, state, entries));
    },
    async contributionTotalsAt(name, seq) {
      return totalsAt(pool, name, seq);
    },
  };
}
