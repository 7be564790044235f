/**
 * What of a commitment is searchable, as rows: one per field and language, its text plain
 * (rich text flattened) and capped, so no single row makes a scan or a snippet costly.
 */
import { FIELD_LABELS, LANGS, MILESTONE_TEXT_KEYS, SECTION_KEYS, SHORT_TEXT_KEYS, richToPlain, type Bilingual, type CommitmentJSON, type Lang } from '../../shared/schema/index.js';

/**
 * Longest text kept per row (characters). A section of a real commitment table is a few
 * thousand; the cap bounds what a LIKE scan reads per row whatever someone pastes.
 */
export const MAX_ENTRY_CHARS = 20_000;

export interface SearchEntry {
  field: string;
  fieldName: Bilingual;
  lang: Lang;
  text: string;
}

/** One commitment as the index holds it. */
export interface IndexedCommitment {
  commitmentId: string;
  planId: string;
  number: string;
  title: Bilingual;
  entries: SearchEntry[];
}

const label = (key: string): Bilingual => FIELD_LABELS[key] ?? { zh: key, en: key };

/** The rows of a rendered commitment (a live document or a published snapshot: same shape). */
export function commitmentEntries(c: CommitmentJSON, planId: string): IndexedCommitment {
  const entries: SearchEntry[] = [];
  const add = (field: string, fieldName: Bilingual, lang: Lang, text: string) => {
    const t = text.trim();
    if (t) entries.push({ field, fieldName, lang, text: t.slice(0, MAX_ENTRY_CHARS) });
  };
  for (const lang of LANGS) {
    for (const key of SHORT_TEXT_KEYS) add(key, label(key), lang, c[key]?.[lang] ?? '');
    for (const key of SECTION_KEYS) {
      const doc = c.sections?.[key]?.[lang];
      if (doc) add(`section:${key}`, label(key), lang, richToPlain(doc));
    }
    (c.milestones ?? []).forEach((m, i) => {
      for (const cell of MILESTONE_TEXT_KEYS) {
        const name = label(cell);
        add(`milestone:${m.id}:${cell}`, { zh: `里程碑 ${i + 1}・${name.zh}`, en: `Milestone ${i + 1} · ${name.en}` }, lang, m[cell]?.[lang] ?? '');
      }
    });
  }
  return { commitmentId: c.id, planId, number: c.number ?? '', title: { zh: c.title?.zh ?? '', en: c.title?.en ?? '' }, entries };
}
