/**
 * The search index in SQLite: FTS5 with the trigram tokenizer for queries of 3 characters
 * or more (any substring, Chinese included, case-insensitive), and LIKE over the same rows
 * for shorter ones, which no trigram can hold.
 */
import type Database from 'better-sqlite3';
import { TRIGRAM_MIN_CHARS } from '../../shared/protocol/search.js';
import type { IndexedCommitment } from './entries.js';
import { ENTRY_COLUMNS, ORDER, entryParams, likePattern, toHit, type EntryRow } from './rows.js';
import type { SearchHit, SearchScope, SearchStore } from './store.js';

const PLAN_FILTER = `(@plans IS NULL OR e.plan_id IN (SELECT value FROM json_each(@plans)))`;

/** An FTS5 phrase: the whole query as one string of characters, quotes doubled. */
const phrase = (q: string) => `"${q.replace(/"/g, '""')}"`;

export class SqliteSearch implements SearchStore {
  private readonly stmt;
  private readonly replaceTx;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      insert: db.prepare(`INSERT INTO search_entries (${ENTRY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      remove: db.prepare(`DELETE FROM search_entries WHERE scope = ? AND commitment_id = ?`),
      removeSource: db.prepare(`DELETE FROM search_sources WHERE scope = ? AND commitment_id = ?`),
      putSource: db.prepare(`INSERT INTO search_sources (scope, commitment_id, plan_id, source) VALUES (?, ?, ?, ?) ON CONFLICT (scope, commitment_id) DO UPDATE SET plan_id = excluded.plan_id, source = excluded.source`),
      sources: db.prepare(`SELECT commitment_id, plan_id, source FROM search_sources WHERE scope = ?`),
      match: db.prepare(`SELECT e.* FROM search_fts JOIN search_entries e ON e.id = search_fts.rowid WHERE search_fts MATCH @match AND e.scope = @scope AND ${PLAN_FILTER} ORDER BY ${ORDER} LIMIT @limit`),
      like: db.prepare(`SELECT e.* FROM search_entries e WHERE e.scope = @scope AND e.body LIKE @like ESCAPE '\\' AND ${PLAN_FILTER} ORDER BY ${ORDER} LIMIT @limit`),
    };
    this.replaceTx = db.transaction((scope: SearchScope, doc: IndexedCommitment, source: string) => {
      this.stmt.remove.run(scope, doc.commitmentId);
      for (const params of entryParams(scope, doc)) this.stmt.insert.run(...params);
      this.stmt.putSource.run(scope, doc.commitmentId, doc.planId, source);
    });
  }

  async prepare(): Promise<void> {}

  async replace(scope: SearchScope, doc: IndexedCommitment, source: string): Promise<void> {
    this.replaceTx(scope, doc, source);
  }

  async remove(scope: SearchScope, commitmentId: string): Promise<void> {
    this.db.transaction(() => {
      this.stmt.remove.run(scope, commitmentId);
      this.stmt.removeSource.run(scope, commitmentId);
    })();
  }

  async sources(scope: SearchScope): Promise<Map<string, { planId: string; source: string }>> {
    const rows = this.stmt.sources.all(scope) as Array<{ commitment_id: string; plan_id: string; source: string }>;
    return new Map(rows.map((r) => [r.commitment_id, { planId: r.plan_id, source: r.source }]));
  }

  async search(scope: SearchScope, q: string, opts: { planIds?: string[]; limit: number }): Promise<SearchHit[]> {
    const base = { scope, limit: opts.limit, plans: opts.planIds ? JSON.stringify(opts.planIds) : null };
    const rows = [...q].length >= TRIGRAM_MIN_CHARS ? this.stmt.match.all({ ...base, match: phrase(q) }) : this.stmt.like.all({ ...base, like: likePattern(q) });
    return (rows as EntryRow[]).map(toHit);
  }
}
