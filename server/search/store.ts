/**
 * Where the search index is kept: two tables in the document store's own database (migration
 * 014), one adapter per engine behind this contract (test/search/store.contract.ts runs it on
 * both). The index is derived data, so a lost or stale row is rebuilt, never mourned.
 */
import type { Bilingual, Lang } from '../../shared/schema/index.js';
import { PostgresStore } from '../storage/postgres.js';
import { SqliteStore } from '../storage/sqlite.js';
import type { Store } from '../storage/types.js';
import type { IndexedCommitment } from './entries.js';
import { PostgresSearch } from './postgresStore.js';
import { SqliteSearch } from './sqliteStore.js';

/** 'live': the documents now (signed-in readers); 'public': the published snapshots. */
export type SearchScope = 'live' | 'public';

export interface SearchHit {
  commitmentId: string;
  planId: string;
  number: string;
  title: Bilingual;
  field: string;
  fieldName: Bilingual;
  lang: Lang;
  /** The field's indexed text (capped, see MAX_ENTRY_CHARS), for the snippet. */
  text: string;
}

export interface SearchStore {
  /** Engine work to do once before the first search (the PostgreSQL trigram index). */
  prepare(): Promise<void>;
  /** Replaces every row of the commitment in the scope and records what they were built from, in one transaction. */
  replace(scope: SearchScope, doc: IndexedCommitment, source: string): Promise<void>;
  /** Drops the commitment's rows from the scope. */
  remove(scope: SearchScope, commitmentId: string): Promise<void>;
  /** What each indexed commitment's rows were built from (a document's updatedAt, a cycle id). */
  sources(scope: SearchScope): Promise<Map<string, { planId: string; source: string }>>;
  /**
   * Rows whose text holds `q` (case-insensitively), titles first, then by commitment number;
   * at most `limit`. `planIds` restricts to those plans (an empty list finds nothing).
   */
  search(scope: SearchScope, q: string, opts: { planIds?: string[]; limit: number }): Promise<SearchHit[]>;
}

/** The adapter for the store the server runs on. */
export function searchStoreFor(store: Store): SearchStore {
  if (store instanceof SqliteStore) return new SqliteSearch(store.db);
  if (store instanceof PostgresStore) return new PostgresSearch(store.pool);
  throw new Error(`search is not implemented for the ${store.kind} store`);
}

/** `%`, `_` and the escape character itself, escaped for `LIKE … ESCAPE '\'`. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export interface EntryRow {
  commitment_id: string; plan_id: string; number: string; title_zh: string; title_en: string;
  field: string; field_zh: string; field_en: string; lang: string; body: string;
}

export const toHit = (r: EntryRow): SearchHit => ({
  commitmentId: r.commitment_id, planId: r.plan_id, number: r.number, title: { zh: r.title_zh, en: r.title_en },
  field: r.field, fieldName: { zh: r.field_zh, en: r.field_en }, lang: r.lang as Lang, text: r.body,
});

/** The insert parameters of each row, in column order (ord keeps the fields' order in the table). */
export const entryParams = (scope: SearchScope, d: IndexedCommitment) =>
  d.entries.map((e, ord) => [scope, d.commitmentId, d.planId, d.number, d.title.zh, d.title.en, e.field, e.fieldName.zh, e.fieldName.en, ord, e.lang, e.text]);

export const ENTRY_COLUMNS = 'scope, commitment_id, plan_id, number, title_zh, title_en, field, field_zh, field_en, ord, lang, body';
/** Titles first (they name what was looked for), then the table's order. */
export const ORDER = `(CASE WHEN e.field = 'title' THEN 0 ELSE 1 END), e.number, e.commitment_id, e.ord, e.lang`;
