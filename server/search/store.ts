/**
 * Where the search index is kept: two tables in the document store's own database (migration
 * 014), one adapter per engine behind this contract (test/search/store.contract.ts runs it on
 * both). The index is derived data, so a lost or stale row is rebuilt, never mourned.
 */
import type { Bilingual, Lang } from '../../shared/schema/index.js';
import type { IndexedCommitment } from './entries.js';

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
