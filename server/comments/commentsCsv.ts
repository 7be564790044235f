/**
 * The record of "reasoned response": every public comment of a plan with its status and the
 * working group's answer, as CSV (the open-data export's cell rules: RFC 4180, UTF-8 with a
 * BOM for Excel, CRLF, formula injection neutralised). E-mail addresses are left out: this
 * record is meant to be published.
 */
import type { ModerationItem } from '../../shared/protocol/public.js';
import { csvCell } from '../export/index.js';

export const PUBLIC_COMMENT_CSV_COLUMNS = [
  'comment_id', 'plan_id', 'commitment_id', 'commitment_number', 'commitment_title_zh', 'milestone_id', 'published_version',
  'submitted_at', 'name', 'comment', 'status', 'moderated_at', 'response', 'responded_by', 'responded_at',
] as const;

export function publicCommentsCsv(items: ModerationItem[], cycleLabels: Map<string, string>): string {
  const lines: string[] = [PUBLIC_COMMENT_CSV_COLUMNS.join(',')];
  for (const c of items) {
    const row = [
      c.id, c.planId, c.commitmentId, c.commitmentNumber, c.commitmentTitle.zh, c.milestoneId ?? '', cycleLabels.get(c.cycleId) ?? c.cycleId,
      c.createdAt, c.name, c.text, c.status, c.moderatedAt ?? '', c.response?.text ?? '', c.response?.by.name ?? '', c.response?.at ?? '',
    ];
    lines.push(row.map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
