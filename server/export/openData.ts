/**
 * Open-data exports: the structured JSON (stable key order) and a CSV with one row per
 * milestone/KPI and one per budget year (told apart by `row_type`).
 */
import { budgetTotal, type CommitmentJSON, type PlanJSON } from '../../shared/schema/index.js';
import { outline } from './model.js';
import { outdatedPathsJson } from './translationJson.js';
import type { ExportInput } from './types.js';

/** Bumped when the shape of the JSON export changes. */
export const OPEN_DATA_FORMAT_VERSION = 1;

/** Objects with keys sorted at every depth, so equal content always serialises to equal bytes. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

const ordered = (input: ExportInput): CommitmentJSON[] => outline(input).flatMap((g) => g.commitments.map(({ c }) => c));

export function renderJson(input: ExportInput): string {
  const commitments = ordered(input);
  const outdated: Record<string, string[]> = {};
  for (const c of commitments) {
    const paths = outdatedPathsJson(c);
    if (paths.length) outdated[c.id] = paths;
  }
  const doc = {
    format: 'gongbi-export',
    formatVersion: OPEN_DATA_FORMAT_VERSION,
    scope: input.scope,
    version: input.version,
    plan: input.plan,
    commitments,
    /** Translatable field paths whose English is older than the Chinese, by commitment id. */
    englishOutdated: outdated,
    /** The sum of each budgeted commitment's amounts (NT$ thousands), by commitment id. */
    budgetTotals: Object.fromEntries(commitments.filter((c) => c.budget?.length).map((c) => [c.id, budgetTotal(c.budget!)])),
  };
  return `${JSON.stringify(sortKeys(doc), null, 2)}\n`;
}

export const CSV_COLUMNS = [
  'plan_id',
  'commitment_id',
  'commitment_number',
  'commitment_title_zh',
  'commitment_title_en',
  'domain_zh',
  'domain_en',
  'lead_agency_zh',
  'lead_agency_en',
  'milestone_id',
  'period',
  'milestone_zh',
  'milestone_en',
  'indicator_zh',
  'indicator_en',
  'due',
  'status',
  'evidence',
  // Added with the budget, contact and start dates; earlier columns keep their places.
  'start',
  'row_type',
  'budget_year',
  'budget_amount',
  'budget_source_zh',
  'budget_source_en',
  'budget_note_zh',
  'budget_note_en',
  'budget_total',
  'contact_name',
  'contact_title',
  'contact_email',
  'contact_phone',
] as const;

/**
 * RFC 4180 field. Spreadsheets run a cell starting with = + - @ tab or CR as a formula
 * (CSV injection), so such a cell gets a leading apostrophe, which they show as text.
 */
export function csvCell(value: unknown): string {
  let s = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const domainName = (plan: PlanJSON, c: CommitmentJSON) =>
  (plan.domains.find((d) => d.commitmentIds.includes(c.id)) ?? plan.domains.find((d) => d.id === c.domainId))?.name ?? { zh: '', en: '' };

/** UTF-8 with a BOM (Excel needs it to read Chinese), CRLF line ends; a commitment without milestones still gets one row. */
export function renderCsv(input: ExportInput): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const c of ordered(input)) {
    const domain = domainName(input.plan, c);
    const base = [input.plan.id, c.id, c.number, c.title?.zh, c.title?.en, domain.zh, domain.en, c.leadAgency?.zh, c.leadAgency?.en];
    const total = c.budget?.length ? budgetTotal(c.budget) : '';
    const contact = [c.contact?.name, c.contact?.title, c.contact?.email, c.contact?.phone];
    const noBudget = Array(6).fill('');
    const rows = (c.milestones ?? []).length
      ? c.milestones.map((m) => [m.id, m.period, m.text?.zh, m.text?.en, m.indicator?.zh, m.indicator?.en, m.due, m.status, m.evidence, m.start ?? '', 'milestone', ...noBudget])
      : (c.budget ?? []).length ? [] : [Array(17).fill('')];
    for (const b of c.budget ?? []) rows.push([...Array(10).fill(''), 'budget', b.year, b.amount, b.source?.zh, b.source?.en, b.note?.zh, b.note?.en]);
    for (const r of rows) lines.push([...base, ...r, total, ...contact].map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
