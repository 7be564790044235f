/**
 * The milestone and budget tables of a commitment: their columns from the header row (else ours,
 * in our order), one entry per row, every cell that fits no column put where the recogniser
 * keeps unplaced content. Empty rows and a budget's total line are skipped.
 */
import type { Lang } from '../../shared/schema/index.js';
import { blocksToRich, type Cell } from './html.js';
import { parseDate } from './dates.js';
import { isBudgetTotal, matchBudgetColumn, matchColumn, matchMilestoneStatus, type BudgetColumn, type MilestoneColumn } from './labels.js';
import { MAX_IMPORT_BUDGET_ROWS, MAX_IMPORT_MILESTONES, glimpse, parseFiscalYear, stripNotes, type Draft, type ImportedBudgetRow, type ImportedMilestone } from './imported.js';
import type { RichNode } from '../../shared/schema/index.js';

/** What a table needs of the recogniser: the commitment being read and where unplaced cells go. */
export interface TableContext {
  draft: Draft;
  unplaced(where: string, rich: RichNode[], text: string): void;
}

export function milestoneTable(ctx: TableContext, rows: Cell[][], label: string, lang: Lang): void {
  const d = ctx.draft;
  const header = rows[0] ?? [];
  const columns = header.map((cell) => matchColumn(cell.text));
  const known = columns.filter(Boolean).length >= 2;
  // Without a header row the columns are taken in our order.
  const order: Array<MilestoneColumn | null> = known ? columns.map((c) => c?.key ?? null) : ['period', 'text', 'indicator', 'due', 'status', 'evidence'];
  if (known) {
    d.langVotes[columns.find(Boolean)!.lang]++;
    header.forEach((cell, i) => {
      if (!columns[i]) d.c.warnings.push({ code: 'unknown_column', params: { label: cell.text }, message: `The milestone column "${cell.text}" matched no milestone field; its cells were put in "other information".` });
    });
  }
  const list: ImportedMilestone[] = d.c.milestones ?? [];
  for (const row of known ? rows.slice(1) : rows) {
    if (row.every((cell) => !cell.text.trim())) continue;
    if (list.length >= MAX_IMPORT_MILESTONES) {
      d.c.warnings.push({ code: 'too_many_milestones', message: `More than ${MAX_IMPORT_MILESTONES} milestone rows; the rest were put in "other information".` });
      ctx.unplaced(label, [], row.map((c) => c.text).join(' | '));
      continue;
    }
    const m: ImportedMilestone = { period: '', text: '', indicator: '', due: '', status: 'not_started', evidence: '' };
    row.forEach((cell, i) => {
      const col = order[i] ?? null;
      const text = stripNotes(cell.text);
      if (!text) return;
      const where = `${label || 'milestones'} ${list.length + 1}${known ? ` · ${header[i]?.text ?? ''}` : ''}`;
      if (col === 'due' || col === 'start') {
        const iso = parseDate(text);
        if (iso) m[col] = iso;
        else ctx.unplaced(where, blocksToRich(cell.blocks), text);
      } else if (col === 'status') {
        const s = matchMilestoneStatus(text);
        if (s) m.status = s;
        else ctx.unplaced(where, blocksToRich(cell.blocks), text);
      } else if (col) m[col] = col === 'evidence' || col === 'period' ? text.replace(/\s+/g, ' ') : text;
      else ctx.unplaced(where, blocksToRich(cell.blocks), text);
    });
    list.push(m);
  }
  d.c.milestones = list;
  d.c.recognised.push({ field: 'milestones', lang, label: label || header.map((c) => c.text).join(' | '), preview: glimpse(`${list.length} rows`) });
}

/** A budget table: a header row naming its columns (else ours: year, amount, source, note); the total line is skipped. */
export function budgetTable(ctx: TableContext, rows: Cell[][], label: string, lang: Lang): void {
  const d = ctx.draft;
  const header = rows[0] ?? [];
  const columns = header.map((cell) => matchBudgetColumn(cell.text));
  const known = columns.filter(Boolean).length >= 2;
  const order: Array<BudgetColumn | null> = known ? columns.map((c) => c?.key ?? null) : ['year', 'amount', 'source', 'note'];
  const list: ImportedBudgetRow[] = d.c.budget ?? [];
  for (const row of known ? rows.slice(1) : rows) {
    if (row.every((cell) => !cell.text.trim())) continue;
    if (isBudgetTotal(stripNotes(row[0]?.text ?? ''))) continue;
    const where = `${label || 'budget'} ${list.length + 1}`;
    if (list.length >= MAX_IMPORT_BUDGET_ROWS) {
      ctx.unplaced(where, [], row.map((c) => c.text).join(' | '));
      continue;
    }
    const b: ImportedBudgetRow = { year: '', amount: '', source: '', note: '' };
    row.forEach((cell, i) => {
      const col = order[i] ?? null;
      const text = stripNotes(cell.text);
      if (!text) return;
      if (col === 'year') {
        b.year = parseFiscalYear(text);
        if (!b.year) ctx.unplaced(where, blocksToRich(cell.blocks), text);
      } else if (col === 'amount') b.amount = text.replace(/\s+/g, '');
      else if (col) b[col] = text;
      else ctx.unplaced(where, blocksToRich(cell.blocks), text);
    });
    list.push(b);
  }
  d.c.budget = list;
  d.c.recognised.push({ field: 'budget', lang, label: label || header.map((c) => c.text).join(' | '), preview: glimpse(`${list.length} rows`) });
}
