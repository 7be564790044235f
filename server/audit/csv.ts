/**
 * The audit trail as CSV for archiving or a spreadsheet, with the open-data export's cell
 * rules (RFC 4180, UTF-8 with a BOM for Excel, CRLF, formula injection neutralised).
 */
import { csvCell } from '../export/index.js';
import type { AuditEntry } from '../storage/index.js';

export const AUDIT_CSV_COLUMNS = ['id', 'time', 'actor_id', 'actor_name', 'affiliation', 'action', 'target', 'details', 'address'] as const;

export function auditCsv(entries: AuditEntry[]): string {
  const lines: string[] = [AUDIT_CSV_COLUMNS.join(',')];
  for (const e of entries) {
    const row = [e.id, new Date(e.at).toISOString(), e.actor.userId, e.actor.name, e.actor.affiliation, e.action, e.target, JSON.stringify(e.details), e.address];
    lines.push(row.map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
