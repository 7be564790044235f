/** Row ↔ hit mapping and query pieces shared by both adapters (the columns are the same in both migrations). */
import type { IndexedCommitment } from './entries.js';
import type { SearchHit, SearchScope } from './store.js';

/** `%`, `_` and the escape character itself, escaped for `LIKE … ESCAPE '\'`. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export interface EntryRow {
  commitment_id: string; plan_id: string; number: string; title_zh: string; title_en: string;
  field: string; field_zh: string; field_en: string; lang: string; body: string;
}

export const toHit = (r: EntryRow): SearchHit => ({
  commitmentId: r.commitment_id, planId: r.plan_id, number: r.number, title: { zh: r.title_zh, en: r.title_en },
  field: r.field, fieldName: { zh: r.field_zh, en: r.field_en }, lang: r.lang as SearchHit['lang'], text: r.body,
});

/** The insert parameters of each row, in column order (ord keeps the fields' order in the table). */
export const entryParams = (scope: SearchScope, d: IndexedCommitment) =>
  d.entries.map((e, ord) => [scope, d.commitmentId, d.planId, d.number, d.title.zh, d.title.en, e.field, e.fieldName.zh, e.fieldName.en, ord, e.lang, e.text]);

export const ENTRY_COLUMNS = 'scope, commitment_id, plan_id, number, title_zh, title_en, field, field_zh, field_en, ord, lang, body';
/** Titles first (they name what was looked for), then the table's order. */
export const ORDER = `(CASE WHEN e.field = 'title' THEN 0 ELSE 1 END), e.number, e.commitment_id, e.ord, e.lang`;
