/**
 * The record of decisions on suggestions as CSV, with the reasons (the open-data export's cell
 * rules: RFC 4180, UTF-8 with a BOM for Excel, CRLF, formula injection neutralised), like the
 * public comments' reasoned-response CSV.
 */
import type { SuggestionValue, SuggestionView } from '../../shared/protocol/suggestions.js';
import { richToPlain } from '../../shared/schema/index.js';
import { csvCell } from '../export/index.js';

export const SUGGESTION_CSV_COLUMNS = [
  'suggestion_id', 'plan_id', 'commitment_id', 'field', 'lang', 'current_text', 'proposed_text', 'suggested_by', 'affiliation',
  'affiliation_kind', 'suggested_at', 'status', 'decided_by', 'decided_at', 'reason',
] as const;

const plain = (v: SuggestionValue): string => (typeof v === 'string' ? v : richToPlain(v));

export function suggestionsCsv(list: SuggestionView[]): string {
  const lines: string[] = [SUGGESTION_CSV_COLUMNS.join(',')];
  for (const s of list) {
    const row = [
      s.id, s.planId, s.commitmentId, s.field, s.lang, plain(s.base), plain(s.proposed), s.author.name, s.author.affiliation, s.author.affiliationKind,
      s.createdAt, s.status, s.decision?.by.name ?? '', s.decision?.at ?? '', s.decision?.reason ?? '',
    ];
    lines.push(row.map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
