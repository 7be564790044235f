/**
 * Decided suggestions as the workbook's decisions sheet lists them (the ODS export): who
 * proposed what in which field, who decided, when, and why, so the record of how civil
 * society's wording was answered is filed with the plan.
 */
import type { SuggestionValue, SuggestionView } from '../../shared/protocol/suggestions.js';
import { FIELD_LABELS, richToPlain, type Bilingual } from '../../shared/schema/index.js';
import type { OdsDecision } from '../export/index.js';

const plain = (v: SuggestionValue): string => (typeof v === 'string' ? v : richToPlain(v));

/** `section.problem` → 公共問題; `milestone:<row>:indicator` → 可量化/驗證衡量指標 (the cell's name). */
function fieldName(field: string): Bilingual {
  const key = field.includes(':') ? field.split(':').at(-1)! : field.split('.').at(-1)!;
  return FIELD_LABELS[key] ?? { zh: field, en: field };
}

export function decisionRows(list: SuggestionView[]): OdsDecision[] {
  return list.flatMap((s) =>
    s.decision && (s.status === 'accepted' || s.status === 'declined')
      ? [{
          commitmentId: s.commitmentId,
          field: fieldName(s.field),
          proposed: plain(s.proposed),
          suggestedBy: s.author.name,
          affiliation: s.author.affiliation,
          suggestedAt: Date.parse(s.createdAt),
          status: s.status,
          decidedBy: s.decision.by.name,
          decidedAt: Date.parse(s.decision.at),
          reason: s.decision.reason,
        }]
      : [],
  );
}
