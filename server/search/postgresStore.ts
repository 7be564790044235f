/**
 * The search index in PostgreSQL: ILIKE over the rows, made fast for queries of 3 characters
 * or more by a pg_trgm GIN index when the extension can be had. Without it (a role that may
 * not create extensions) the same queries answer, by scanning the capped rows.
 */
import type pg from 'pg';
import type { IndexedCommitment } from './entries.js';
import { ENTRY_COLUMNS, ORDER, entryParams, likePattern, toHit, type EntryRow } from './rows.js';
import type { SearchHit, SearchScope, SearchStore } from './store.js';

const COLUMNS = ENTRY_COLUMNS.split(', ').length;
const ROWS_PER_INSERT = 500;

export class PostgresSearch implements SearchStore {
  /** Whether the trigram index exists (false: ILIKE scans). Known after `prepare()`. */
  trigramIndex = false;

  constructor(private readonly pool: pg.Pool) {}

  async prepare(): Promise<void> {
    let schema = await this.extensionSchema();
    if (!schema) {
      // In `public`, not the first schema of the search path: a schema that is dropped
      // (CASCADE) must not take the extension, and everyone else's indexes, with it.
      await this.pool.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`).catch(() => {});
      // Another process may have created it at the same moment (our CREATE then failed).
      schema = await this.extensionSchema();
    }
    if (!schema) return;
    try {
      await this.pool.query(`CREATE INDEX IF NOT EXISTS search_entries_trgm ON search_entries USING gin (body ${quoteIdent(schema)}.gin_trgm_ops)`);
      this.trigramIndex = true;
    } catch {
      this.trigramIndex = false;
    }
  }

  private async extensionSchema(): Promise<string | null> {
    const { rows } = await this.pool.query<{ schema: string }>(`SELECT n.nspname AS schema FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace WHERE x.extname = 'pg_trgm'`);
    return rows[0]?.schema ?? null;
  }

  async replace(scope: SearchScope, doc: IndexedCommitment, source: string): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`DELETE FROM search_entries WHERE scope = $1 AND commitment_id = $2`, [scope, doc.commitmentId]);
      const all = entryParams(scope, doc);
      // In chunks: one statement takes at most 65,535 parameters.
      for (let i = 0; i < all.length; i += ROWS_PER_INSERT) {
        const rows = all.slice(i, i + ROWS_PER_INSERT);
        const values = rows.map((_, r) => `(${Array.from({ length: COLUMNS }, (_, c) => `$${r * COLUMNS + c + 1}`).join(', ')})`).join(', ');
        await client.query(`INSERT INTO search_entries (${ENTRY_COLUMNS}) VALUES ${values}`, rows.flat());
      }
      await client.query(
        `INSERT INTO search_sources (scope, commitment_id, plan_id, source) VALUES ($1, $2, $3, $4) ON CONFLICT (scope, commitment_id) DO UPDATE SET plan_id = EXCLUDED.plan_id, source = EXCLUDED.source`,
        [scope, doc.commitmentId, doc.planId, source],
      );
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async remove(scope: SearchScope, commitmentId: string): Promise<void> {
    await this.pool.query(
      `WITH gone AS (DELETE FROM search_entries WHERE scope = $1 AND commitment_id = $2) DELETE FROM search_sources WHERE scope = $1 AND commitment_id = $2`,
      [scope, commitmentId],
    );
  }

  async sources(scope: SearchScope): Promise<Map<string, { planId: string; source: string }>> {
    const { rows } = await this.pool.query<{ commitment_id: string; plan_id: string; source: string }>(`SELECT commitment_id, plan_id, source FROM search_sources WHERE scope = $1`, [scope]);
    return new Map(rows.map((r) => [r.commitment_id, { planId: r.plan_id, source: r.source }]));
  }

  async search(scope: SearchScope, q: string, opts: { planIds?: string[]; limit: number }): Promise<SearchHit[]> {
    const { rows } = await this.pool.query<EntryRow>(
      `SELECT e.* FROM search_entries e WHERE e.scope = $1 AND e.body ILIKE $2 ESCAPE '\\' AND ($3::text[] IS NULL OR e.plan_id = ANY($3::text[])) ORDER BY ${ORDER} LIMIT $4`,
      [scope, likePattern(q), opts.planIds ?? null, opts.limit],
    );
    return rows.map(toHit);
  }
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;
