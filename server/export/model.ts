/** The layout every document export shares (title page, outline, commitment table rows, milestone columns), format-neutral. */
import {
  COMMITMENT_STATUS_LABELS,
  FIELD_LABELS,
  MILESTONE_STATUS_LABELS,
  OGP_VALUES,
  OGP_VALUE_LABELS,
  SECTION_KEYS,
  richToPlain,
  type Bilingual,
  type CommitmentJSON,
  type DomainJSON,
  type Lang,
  type MilestoneJSON,
  type RichDoc,
  CONTACT_KEYS,
  budgetAmount,
  budgetTotal,
  fiscalYearText,
  type BudgetRowJSON,
} from '../../shared/schema/index.js';
import { formatDate, formatDateTime } from '../../shared/dates/index.js';
import { isEnglishOutdatedJson } from './translationJson.js';
import type { ExportInput, ExportLang, Issuer } from './types.js';

/** One language's rendering of a value; `note` flags English that is outdated or missing. */
export interface Part<T> {
  lang: Lang;
  value: T;
  note?: string;
}

export const UI = {
  version: { zh: '版本', en: 'Version' },
  meetingDate: { zh: '會議日期', en: 'Meeting date' },
  meeting: { zh: '會議', en: 'Meeting' },
  issuer: { zh: '發布機關', en: 'Issued by' },
  draft: { zh: '草案', en: 'Draft' },
  draftPrinted: { zh: '草案列印日期', en: 'Draft printed on' },
  approved: { zh: '核定本', en: 'Approved version' },
  approvalDate: { zh: '核定日期', en: 'Date of approval' },
  approvingMeeting: { zh: '核定會議', en: 'Approved at' },
  versionDate: { zh: '版本日期', en: 'Version date' },
  contentHash: { zh: '內容雜湊值', en: 'Content hash' },
  planPeriod: { zh: '方案期程', en: 'Plan period' },
  scope: { zh: '匯出範圍', en: 'Scope' },
  wholePlan: { zh: '全部承諾事項', en: 'All commitments' },
  contents: { zh: '目錄', en: 'Contents' },
  live: { zh: '線上即時版本（未核定）', en: 'Live version (not approved)' },
  unassigned: { zh: '未分類', en: 'Unassigned' },
  field: { zh: '欄位', en: 'Field' },
  fieldValue: { zh: '內容', en: 'Content' },
  commitmentTable: { zh: '承諾事項表', en: 'Commitment table' },
  page: { zh: '頁', en: 'Page' },
} satisfies Record<string, Bilingual>;

const NOTES = {
  outdated: { zh: '（英譯待更新）', en: '(translation outdated)' },
  missing: { zh: '（尚無英譯）', en: '(no English translation)' },
} satisfies Record<string, Bilingual>;

export const noteText = (key: keyof typeof NOTES, mode: ExportLang): string =>
  mode === 'both' ? `${NOTES[key].zh}${NOTES[key].en}` : mode === 'en' ? NOTES[key].en : NOTES[key].zh;

/** The document's main language: what untagged text and the root element are in. */
export const mainLang = (mode: ExportLang): Lang => (mode === 'en' ? 'en' : 'zh');
export const BCP47: Record<Lang, string> = { zh: 'zh-Hant-TW', en: 'en' };

/** XML 1.0 forbids most C0 controls and lone surrogates; Word refuses a file containing them. */
export function cleanText(s: unknown): string {
  if (typeof s !== 'string') return s === undefined || s === null ? '' : String(s);
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** A link target kept only for http, https and mailto; anything else is shown as text. */
export function safeHref(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  if (!s || s.length > 4096) return null;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : null;
}

/** A UI string or field label in the chosen language(s). */
export function uiParts(text: Bilingual, mode: ExportLang): Part<string>[] {
  if (mode === 'both') return [{ lang: 'zh', value: text.zh }, { lang: 'en', value: text.en }];
  return [{ lang: mode, value: text[mode] }];
}
export const labelParts = (key: string, mode: ExportLang) => uiParts(FIELD_LABELS[key] ?? { zh: key, en: key }, mode);

/** Parts as one plain string (headings, footers, docx labels). */
export const partsText = (parts: Part<string>[], sep = ' / ') =>
  parts.map((p) => [p.value, p.note].filter(Boolean).join(' ')).filter(Boolean).join(sep);

const emptyText = (v: string) => !cleanText(v).trim();
export const emptyRich = (v: RichDoc): boolean => !v || !richToPlain(v).trim();

/** A translated value: Chinese, English (marked when outdated or missing), or both. */
export function bilingualParts<T>(value: Bilingual<T>, mode: ExportLang, isEmpty: (v: T) => boolean, outdated: boolean): Part<T>[] {
  const zh: Part<T> = { lang: 'zh', value: value.zh };
  const en: Part<T> = { lang: 'en', value: value.en };
  if (mode === 'zh') return [zh];
  const enEmpty = isEmpty(value.en);
  const zhEmpty = isEmpty(value.zh);
  if (mode === 'en') {
    if (enEmpty && !zhEmpty) return [{ ...zh, note: noteText('missing', 'en') }];
    return [outdated ? { ...en, note: noteText('outdated', 'en') } : en];
  }
  if (enEmpty) return zhEmpty ? [zh] : [zh, { ...en, note: noteText('missing', 'both') }];
  return [zh, outdated ? { ...en, note: noteText('outdated', 'both') } : en];
}

export const textParts = (value: Bilingual | undefined, mode: ExportLang, outdated = false) =>
  bilingualParts(value ?? { zh: '', en: '' }, mode, emptyText, outdated);
export const richParts = (value: Bilingual<RichDoc> | undefined, mode: ExportLang, outdated = false) =>
  bilingualParts(value ?? { zh: { type: 'doc', content: [] }, en: { type: 'doc', content: [] } }, mode, emptyRich, outdated);

export type Cell =
  | { kind: 'text'; parts: Part<string>[] }
  | { kind: 'rich'; parts: Part<RichDoc>[] }
  | { kind: 'checks'; items: Array<{ on: boolean; label: Part<string>[] }> };

export interface Row {
  key: string;
  label: Part<string>[];
  cell: Cell;
}

/** A value with no translation (dates, numbers): one part in the document's main language. */
const plainCell = (value: string, mode: ExportLang): Cell => ({ kind: 'text', parts: [{ lang: mainLang(mode), value }] });

/** The agency a cover names when the server names none. */
export const DEFAULT_ISSUER: Issuer = { zh: '國家發展委員會', en: 'National Development Council' };

/**
 * A date in the document's calendar(s): 中華民國110年4月30日 (zh), 30 April 2021 (en), both in
 * 'both' mode. A value that is not a date (free text) shows as written.
 */
export function dateText(iso: string, mode: ExportLang): string {
  const v = cleanText(iso);
  if (mode !== 'both') return formatDate(v, mode);
  const zh = formatDate(v, 'zh');
  return zh === v ? v : `${zh}（${formatDate(v, 'en')}）`;
}

/** An instant with its Taiwan time of day, in the document's calendar(s). */
export function dateTimeText(iso: string, mode: ExportLang): string {
  const v = cleanText(iso);
  if (mode !== 'both') return formatDateTime(v, mode);
  const zh = formatDateTime(v, 'zh');
  return zh === v ? v : `${zh}（${formatDateTime(v, 'en')}）`;
}

/** `start – end` in the document's calendar, or whichever end is set. */
export const periodText = (start: string, end: string, mode: ExportLang = 'zh') =>
  start || end ? `${start ? dateText(start, mode) : '…'} – ${end ? dateText(end, mode) : '…'}` : '';

/** The rows of a commitment table, in the order the working groups know. */
export function commitmentRows(c: CommitmentJSON, mode: ExportLang): Row[] {
  const out = (path: string) => isEnglishOutdatedJson(c, path);
  const co = c.coAgencies ?? [];
  const rows: Row[] = [
    { key: 'number', label: labelParts('number', mode), cell: plainCell(c.number ?? '', mode) },
    { key: 'title', label: labelParts('title', mode), cell: { kind: 'text', parts: textParts(c.title, mode, out('title')) } },
    { key: 'leadAgency', label: labelParts('leadAgency', mode), cell: { kind: 'text', parts: textParts(c.leadAgency, mode) } },
    {
      key: 'coAgencies',
      label: labelParts('coAgencies', mode),
      cell: { kind: 'text', parts: textParts({ zh: co.map((a) => a.zh).join('、'), en: co.map((a) => a.en).join(', ') }, mode) },
    },
    // The contact only when one is set, so commitments without one export as before.
    ...(c.contact
      ? CONTACT_KEYS.map((k): Row => ({ key: `contact.${k}`, label: labelParts(`contact.${k}`, mode), cell: plainCell(c.contact![k] ?? '', mode) }))
      : []),
    { key: 'partners', label: labelParts('partners', mode), cell: { kind: 'text', parts: textParts(c.partners, mode, out('partners')) } },
    { key: 'period', label: labelParts('period', mode), cell: plainCell(periodText(c.startDate ?? '', c.endDate ?? '', mode), mode) },
    {
      key: 'status',
      label: labelParts('status', mode),
      cell: { kind: 'text', parts: uiParts(COMMITMENT_STATUS_LABELS[c.status] ?? { zh: String(c.status), en: String(c.status) }, mode) },
    },
    {
      key: 'ogpValues',
      label: labelParts('ogpValues', mode),
      cell: { kind: 'checks', items: OGP_VALUES.map((v) => ({ on: c.ogpValues?.[v] === true, label: uiParts(OGP_VALUE_LABELS[v], mode) })) },
    },
  ];
  for (const key of SECTION_KEYS) {
    rows.push({ key, label: labelParts(key, mode), cell: { kind: 'rich', parts: richParts(c.sections?.[key], mode, out(`section.${key}`)) } });
  }
  return rows;
}

export const MILESTONE_COLUMNS = ['period', 'text', 'indicator', 'start', 'due', 'status', 'evidence'] as const;
export type MilestoneExportColumn = (typeof MILESTONE_COLUMNS)[number];

/** The milestone columns of one commitment: the start date only when a row has one (as tables were before it existed). */
export const milestoneColumns = (c: CommitmentJSON): MilestoneExportColumn[] =>
  MILESTONE_COLUMNS.filter((k) => k !== 'start' || (c.milestones ?? []).some((m) => m.start));

/**
 * Column widths for `cols`, from widths of the columns without a start date: the start date
 * takes the due date's width, half from each text column.
 */
export function milestoneWidths(cols: readonly MilestoneExportColumn[], base: Record<Exclude<MilestoneExportColumn, 'start'>, number>): number[] {
  const w: Record<MilestoneExportColumn, number> = { ...base, start: 0 };
  if (cols.includes('start')) {
    w.start = base.due;
    w.text -= base.due / 2;
    w.indicator -= base.due - base.due / 2;
  }
  return cols.map((k) => w[k]);
}

/** One milestone row's cells, in `milestoneColumns(c)` order; `evidence` is a URL shown as a link when safe. */
export function milestoneCells(c: CommitmentJSON, m: MilestoneJSON, mode: ExportLang): Cell[] {
  const out = (key: string) => isEnglishOutdatedJson(c, `milestone.${m.id}.${key}`);
  const withStart = milestoneColumns(c).includes('start');
  return [
    plainCell(m.period ?? '', mode),
    { kind: 'text', parts: textParts(m.text, mode, out('text')) },
    { kind: 'text', parts: textParts(m.indicator, mode, out('indicator')) },
    ...(withStart ? [plainCell(m.start ? dateText(m.start, mode) : '', mode)] : []),
    plainCell(m.due ? dateText(m.due, mode) : '', mode),
    { kind: 'text', parts: uiParts(MILESTONE_STATUS_LABELS[m.status] ?? { zh: String(m.status), en: String(m.status) }, mode) },
    plainCell(m.evidence ?? '', mode),
  ];
}

export const BUDGET_COLUMNS = ['year', 'amount', 'source', 'note'] as const;

/** A fiscal year as the document's language reads it: 115年 (2026), or 2026 in English. */
export const yearText = (year: string, mode: ExportLang) => fiscalYearText(cleanText(year), mode === 'en' ? 'en' : 'both');

/** A number of NT$ thousands with thousands separators; an amount that is not a number as written. */
export const amountText = (amount: string) => {
  const n = budgetAmount(amount);
  return n === null ? cleanText(amount) : n.toLocaleString('en-US');
};

/** One budget row's cells, in BUDGET_COLUMNS order. */
export function budgetCells(b: BudgetRowJSON, mode: ExportLang): Cell[] {
  return [
    plainCell(yearText(b.year, mode), mode),
    plainCell(amountText(b.amount), mode),
    { kind: 'text', parts: textParts(b.source, mode) },
    { kind: 'text', parts: textParts(b.note, mode) },
  ];
}

/** The total line's label and amount. */
export const budgetTotalText = (c: CommitmentJSON, mode: ExportLang): [string, string] => [
  partsText(labelParts('budgetTotal', mode)),
  budgetTotal(c.budget ?? []).toLocaleString('en-US'),
];

/** A heading of a bilingual name: `zh / en` in 'both' mode, with the English fallback to Chinese. */
export function headingText(name: Bilingual | undefined, mode: ExportLang, prefix = ''): string {
  const zh = cleanText(name?.zh ?? '');
  const en = cleanText(name?.en ?? '') || zh;
  const text = mode === 'zh' ? zh : mode === 'en' ? en : en && en !== zh ? `${zh} / ${en}` : zh;
  return prefix ? `${prefix} ${text}` : text;
}

export interface Group {
  /** Stable position-based anchor (`d1`, `d2`…): never derived from user text. */
  anchor: string;
  name: Bilingual;
  commitments: Array<{ anchor: string; c: CommitmentJSON }>;
}

/** The selected commitments grouped by domain, in plan order; commitments the plan doesn't place come last. */
export function outline(input: ExportInput): Group[] {
  const byId = new Map<string, CommitmentJSON>();
  for (const c of input.commitments) if (!byId.has(c.id)) byId.set(c.id, c);
  const used = new Set<string>();
  const take = (c: CommitmentJSON | undefined) => (c && !used.has(c.id) ? (used.add(c.id), [c]) : []);
  const groups: Array<{ domain: DomainJSON | null; name: Bilingual; list: CommitmentJSON[] }> = (input.plan.domains ?? []).map((d) => ({
    domain: d,
    name: d.name,
    list: (d.commitmentIds ?? []).flatMap((id) => take(byId.get(id))),
  }));
  const unassigned: CommitmentJSON[] = [];
  for (const c of byId.values()) {
    if (used.has(c.id)) continue;
    const g = groups.find((x) => x.domain?.id === c.domainId);
    (g ? g.list : unassigned).push(...take(c));
  }
  if (unassigned.length) groups.push({ domain: null, name: UI.unassigned, list: unassigned });
  const keep = (g: (typeof groups)[number]) =>
    g.list.length > 0 || (input.scope.kind === 'domain' && g.domain?.id === input.scope.domainId);
  return groups.filter(keep).map((g, i) => ({
    anchor: `d${i + 1}`,
    name: g.name,
    commitments: g.list.map((c, j) => ({ anchor: `d${i + 1}-c${j + 1}`, c })),
  }));
}

/** What the cover says the version is (draft, a meeting's version, or approved). */
export const versionStatus = (v: ExportInput['version']) => v.status ?? (v.label === 'live' ? 'draft' : 'meeting');

/**
 * The cover's label/value lines, the same in every format: who issues it, which version, and
 * the date that matters for that version: the print date of a draft (so a printed draft is
 * never taken for a meeting's text), the meeting's date, or the approval and its meeting.
 */
export function coverLines(input: ExportInput, mode: ExportLang): Array<[Part<string>[], string]> {
  const { plan, version } = input;
  const issuer = input.issuer ?? DEFAULT_ISSUER;
  const status = versionStatus(version);
  const lines: Array<[Part<string>[], string]> = [[uiParts(UI.issuer, mode), headingText(issuer, mode)]];
  const label = partsText(versionParts(version.label, mode));
  if (status === 'draft') {
    lines.push([uiParts(UI.version, mode), label], [uiParts(UI.draftPrinted, mode), dateText(version.date, mode)]);
  } else if (status === 'approved') {
    const approval = version.approval ?? { date: version.date, meeting: version.meeting ?? version.label };
    lines.push(
      [uiParts(UI.version, mode), partsText(uiParts(UI.approved, mode))],
      [uiParts(UI.approvingMeeting, mode), cleanText(approval.meeting)],
      [uiParts(UI.approvalDate, mode), dateText(approval.date, mode)],
    );
  } else if (status === 'checkpoint') {
    lines.push([uiParts(UI.version, mode), label], [uiParts(UI.versionDate, mode), dateText(version.date, mode)]);
  } else {
    lines.push([uiParts(UI.meeting, mode), cleanText(version.meeting ?? version.label)], [uiParts(UI.meetingDate, mode), dateText(version.date, mode)]);
  }
  lines.push([uiParts(UI.planPeriod, mode), periodText(cleanText(plan.periodStart), cleanText(plan.periodEnd), mode)]);
  lines.push([uiParts(UI.contentHash, mode), cleanText(version.hash)]);
  return lines;
}

/** The stamp above the title: 草案 for the live text, 核定本 for the approved version, none for a meeting's. */
export function coverStamp(version: ExportInput['version'], mode: ExportLang): string {
  const status = versionStatus(version);
  return status === 'draft' ? partsText(uiParts(UI.draft, mode)) : status === 'approved' ? partsText(uiParts(UI.approved, mode)) : '';
}

/** The version label as shown: 'live' reads as a live, unapproved version. */
export const versionParts = (label: string, mode: ExportLang): Part<string>[] =>
  label === 'live' ? uiParts(UI.live, mode) : [{ lang: mainLang(mode), value: cleanText(label) }];

/** What the title page says the selection is. */
export function scopeParts(input: ExportInput, mode: ExportLang): Part<string>[] {
  const s = input.scope;
  if (s.kind === 'domain') {
    const d = input.plan.domains.find((x) => x.id === s.domainId);
    return [{ lang: mainLang(mode), value: headingText(d?.name ?? { zh: s.domainId, en: s.domainId }, mode) }];
  }
  if (s.kind === 'commitment') {
    const c = input.commitments.find((x) => x.id === s.commitmentId);
    return [{ lang: mainLang(mode), value: c ? headingText(c.title, mode, c.number) : s.commitmentId }];
  }
  return uiParts(UI.wholePlan, mode);
}
