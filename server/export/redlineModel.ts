/** The redline ("what changed since the review") as format-neutral paragraphs of runs, shared by the HTML and DOCX renderers. */
import type { BlockDiff, ChangeAuthor, CommitmentDiff, FieldChange, TextSegment } from '../../shared/diff/index.js';
import {
  COMMITMENT_STATUS_LABELS,
  FIELD_LABELS,
  MILESTONE_STATUS_LABELS,
  OGP_VALUE_LABELS,
  type Agency,
  type Bilingual,
  type BudgetRowJSON,
  type Lang,
  type MilestoneJSON,
  fiscalYearText,
  type PlanJSON,
} from '../../shared/schema/index.js';
import { cleanText, dateText, dateTimeText } from './model.js';
import type { ExportLang } from './types.js';

/** One side of the comparison, as the title page names it. */
export interface RedlineVersion {
  ref: string;
  label: string;
  /** ISO time the version was taken (now for live). */
  takenAt: string;
}

export interface RedlineCommitment {
  commitmentId: string;
  number: string;
  title: Bilingual;
  diff: CommitmentDiff;
  /** Milestone rows of the newer version, to name a changed cell's row. */
  milestones: MilestoneJSON[];
  /** Budget rows of the newer version, likewise (without them a budget cell is named by its field). */
  budget?: BudgetRowJSON[];
}

export interface RedlineInput {
  plan: Pick<PlanJSON, 'id' | 'title' | 'domains'>;
  from: RedlineVersion;
  to: RedlineVersion;
  lang: ExportLang;
  commitments: RedlineCommitment[];
  added: Array<{ id: string; number: string; title: Bilingual }>;
  removed: Array<{ id: string; number: string; title: Bilingual }>;
  /** Named on the cover; absent: the default. */
  issuer?: { zh: string; en: string };
}

/** `note` is editorial text (moved, formatting changed, elided) shown in italics; `arrow` joins an old value to its new one. */
export type RunOp = 'equal' | 'insert' | 'delete' | 'note' | 'arrow';
export interface Run {
  op: RunOp;
  text: string;
}
export interface Para {
  kind: 'p' | 'h' | 'li';
  /** List nesting for `li`. */
  depth: number;
  runs: Run[];
  /** Content language of the text, when it is document text. */
  lang?: Lang;
}
export interface RedlineItem {
  label: string;
  authors: string;
  /** Who the tracked change is recorded for (the change's latest author), and when. */
  author: { name: string; at: string } | null;
  paras: Para[];
}
export interface RedlineSection {
  anchor: string;
  heading: string;
  items: RedlineItem[];
}

const T = {
  title: { zh: '變更對照表（紅線版）', en: 'Redline: changes between versions' },
  tableTitle: { zh: '修正對照表', en: 'Table of amendments' },
  colNew: { zh: '修正後', en: 'Amended' },
  colOld: { zh: '現行', en: 'Current' },
  colNote: { zh: '說明', en: 'Explanation' },
  tableLegend: { zh: '「修正後」欄中加底線者為新增文字，「現行」欄中加刪除線者為刪除文字。', en: 'Underlined in “Amended”: inserted text. Struck through in “Current”: deleted text.' },
  tracked: {
    zh: '每處變更皆為「追蹤修訂」（作者與時間取自伺服器紀錄），可在 Word 或 LibreOffice 中逐項接受或拒絕。',
    en: 'Every change is a tracked change (author and time from the server’s record): accept or reject each in Word or LibreOffice.',
  },
  from: { zh: '比較基準', en: 'From' },
  to: { zh: '比較版本', en: 'To' },
  live: { zh: '線上即時版本（未核定）', en: 'Live version (not approved)' },
  legend: { zh: '刪除線（紅色）為刪除的文字；底線（綠色）為新增的文字。', en: 'Struck through (red): deleted text. Underlined (green): inserted text.' },
  legendDel: { zh: '刪除', en: 'deleted' },
  legendIns: { zh: '新增', en: 'inserted' },
  summary: { zh: '共 {c} 項承諾事項有 {n} 處變更', en: '{n} changes in {c} commitments' },
  noChanges: { zh: '兩個版本之間沒有變更。', en: 'No changes between the two versions.' },
  by: { zh: '修改者', en: 'Changed by' },
  unknownAuthor: { zh: '（無法判定）', en: '(unknown)' },
  added: { zh: '新增的承諾事項', en: 'Commitments added' },
  removed: { zh: '移除的承諾事項', en: 'Commitments removed' },
  row: { zh: '里程碑第 {n} 列', en: 'Milestone row {n}' },
  rowAdded: { zh: '新增里程碑（第 {n} 列）', en: 'Milestone added (row {n})' },
  rowRemoved: { zh: '刪除里程碑（原第 {n} 列）', en: 'Milestone removed (was row {n})' },
  rowMoved: { zh: '里程碑由第 {a} 列移到第 {b} 列', en: 'Milestone moved from row {a} to row {b}' },
  budgetRow: { zh: '預算第 {n} 列', en: 'Budget row {n}' },
  budgetAdded: { zh: '新增預算（第 {n} 列）', en: 'Budget line added (row {n})' },
  budgetRemoved: { zh: '刪除預算（原第 {n} 列）', en: 'Budget line removed (was row {n})' },
  budgetMoved: { zh: '預算由第 {a} 列移到第 {b} 列', en: 'Budget line moved from row {a} to row {b}' },
  moved: { zh: '（移動）', en: '(moved)' },
  format: { zh: '（格式變更）', en: '(formatting changed)' },
  elided: { zh: '⋯（未變更的段落略）', en: '… (unchanged paragraphs omitted)' },
  zh: { zh: '中文', en: 'Chinese' },
  en: { zh: '英文', en: 'English' },
  agency: { zh: '政府機關', en: 'agency' },
  civil_society: { zh: '民間', en: 'civil society' },
  system: { zh: '系統', en: 'system' },
  empty: { zh: '（空白）', en: '(empty)' },
} satisfies Record<string, Bilingual>;

/** A label in the document's language(s): `中文 / English` in both mode. */
export function say(text: Bilingual, mode: ExportLang, vars: Record<string, string | number> = {}): string {
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
  return mode === 'both' ? `${fill(text.zh)} / ${fill(text.en)}` : fill(text[mode]);
}
export const sayKey = (key: keyof typeof T, mode: ExportLang, vars?: Record<string, string | number>) => say(T[key], mode, vars);

const pick = (b: Bilingual, mode: ExportLang) => cleanText(mode === 'en' ? b.en || b.zh : b.zh || b.en);
const fieldLabel = (key: string, mode: ExportLang) => say(FIELD_LABELS[key] ?? { zh: key, en: key }, mode);
const langOf = (path: string): Lang | null => (path.endsWith('.zh') ? 'zh' : path.endsWith('.en') ? 'en' : null);

/** Changes in the chosen content language(s); language-neutral ones always. */
export const inLang = (c: FieldChange, mode: ExportLang) => mode === 'both' || (langOf(c.path) ?? mode) === mode;


export function authorsText(authors: ChangeAuthor[] | undefined, mode: ExportLang): string {
  if (!authors?.length) return `${say(T.by, mode)}：${say(T.unknownAuthor, mode)}`;
  const one = (a: ChangeAuthor) => {
    const aff = (T as Record<string, Bilingual>)[a.affiliation];
    return `${cleanText(a.name)} · ${aff ? say(aff, mode) : cleanText(a.affiliation)} · ${dateTimeText(a.at, mode)}`;
  };
  return `${say(T.by, mode)}：${authors.map(one).join('；')}`;
}

const para = (runs: Run[], lang?: Lang, kind: Para['kind'] = 'p', depth = 0): Para => ({ kind, depth, runs: runs.filter((r) => r.text !== ''), lang });
const segmentRuns = (segments: TextSegment[]): Run[] => segments.map((s) => ({ op: s.op, text: cleanText(s.text) }));
const oldNew = (old: string, neu: string, mode: ExportLang): Run[] => [
  { op: 'delete', text: old || say(T.empty, mode) },
  { op: 'arrow', text: ' → ' },
  { op: 'insert', text: neu || say(T.empty, mode) },
];
const agencyName = (a: Agency, mode: ExportLang) => (mode === 'both' ? `${cleanText(a.zh)} ${cleanText(a.en)}`.trim() : pick(a, mode));

/** Paragraphs of a section redline; long runs of unchanged blocks shrink to one elision line. */
export function blockParas(blocks: BlockDiff[], lang: Lang, mode: ExportLang): Para[] {
  const changed = blocks.map((b) => b.op !== 'equal');
  const near = (i: number) => changed[i] || changed[i - 1] || changed[i + 1];
  const out: Para[] = [];
  blocks.forEach((b, i) => {
    if (!near(i)) {
      if (out[out.length - 1]?.runs[0]?.text !== say(T.elided, mode)) out.push(para([{ op: 'note', text: say(T.elided, mode) }]));
      return;
    }
    const kind: Para['kind'] = b.block.kind === 'heading' ? 'h' : b.block.kind === 'listItem' ? 'li' : 'p';
    const text = cleanText(b.block.text);
    const moved: Run[] = b.moveId !== undefined ? [{ op: 'note', text: ` ${say(T.moved, mode)}` }] : [];
    let runs: Run[];
    if (b.op === 'insert' || b.op === 'delete') runs = [{ op: b.op, text }, ...moved];
    else if (b.op === 'change') runs = [...segmentRuns(b.segments ?? [{ op: 'equal', text }]), ...(b.formatChanged ? [{ op: 'note' as const, text: ` ${say(T.format, mode)}` }] : [])];
    else runs = [{ op: 'equal', text }];
    out.push(para(runs, lang, kind, b.block.depth));
  });
  return out;
}

function milestoneParas(m: MilestoneJSON, op: 'insert' | 'delete', mode: ExportLang): Para[] {
  const text = (b: Bilingual) => (mode === 'both' ? [b.zh, b.en].filter(Boolean).join(' / ') : pick(b, mode));
  const cells: Array<[string, string]> = [
    ['period', m.period],
    ['start', m.start ? dateText(m.start, mode) : ''],
    ['text', text(m.text)],
    ['indicator', text(m.indicator)],
    ['due', m.due ? dateText(m.due, mode) : ''],
    ['status', say(MILESTONE_STATUS_LABELS[m.status] ?? { zh: m.status, en: m.status }, mode)],
    ['evidence', m.evidence],
  ];
  return cells.filter(([, v]) => v).map(([k, v]) => para([{ op: 'note', text: `${fieldLabel(k, mode)}：` }, { op, text: cleanText(v) }]));
}

function budgetParas(b: BudgetRowJSON, op: 'insert' | 'delete', mode: ExportLang): Para[] {
  const text = (v: Bilingual) => (mode === 'both' ? [v.zh, v.en].filter(Boolean).join(' / ') : pick(v, mode));
  const cells: Array<[string, string]> = [
    ['year', fiscalYearText(b.year)],
    ['amount', b.amount],
    ['source', text(b.source)],
    ['note', text(b.note)],
  ];
  return cells.filter(([, v]) => v).map(([k, v]) => para([{ op: 'note', text: `${fieldLabel(k, mode)}：` }, { op, text: cleanText(v) }]));
}

function valueText(c: Extract<FieldChange, { kind: 'value' }>, v: string, plan: RedlineInput['plan'], mode: ExportLang): string {
  if (c.field === 'status') {
    const labels = c.milestoneId ? MILESTONE_STATUS_LABELS : COMMITMENT_STATUS_LABELS;
    const l = (labels as Record<string, Bilingual>)[v];
    return l ? say(l, mode) : cleanText(v);
  }
  if (c.field === 'domainId') {
    const d = plan.domains.find((x) => x.id === v);
    return d ? pick(d.name, mode) : cleanText(v);
  }
  return cleanText(v);
}

function changeBody(c: FieldChange, rc: RedlineCommitment, plan: RedlineInput['plan'], mode: ExportLang): Omit<RedlineItem, 'author'> {
  const lang = langOf(c.path) ?? undefined;
  const langTag = lang && mode === 'both' ? `（${say(T[lang], mode)}）` : '';
  const rowOf = (id: string) => rc.milestones.findIndex((m) => m.id === id) + 1;
  const budgetRowOf = (id: string) => (rc.budget ?? []).findIndex((b) => b.id === id) + 1;
  const cellLabel = (id: string | undefined, field: string, budgetId?: string) =>
    budgetId
      ? `${budgetRowOf(budgetId) ? say(T.budgetRow, mode, { n: budgetRowOf(budgetId) }) : fieldLabel('budget', mode)}：${fieldLabel(field, mode)}`
      : id ? `${say(T.row, mode, { n: rowOf(id) })}：${fieldLabel(field, mode)}` : fieldLabel(field, mode);
  const authors = authorsText(c.authors, mode);
  switch (c.kind) {
    case 'value':
      return { label: cellLabel(c.milestoneId, c.field === 'domainId' ? 'domain' : c.field, c.budgetRowId), authors, paras: [para(oldNew(valueText(c, c.old, plan, mode), valueText(c, c.new, plan, mode), mode))] };
    case 'text':
      return { label: cellLabel(c.milestoneId, c.field, c.budgetRowId) + langTag, authors, paras: [para(segmentRuns(c.segments), lang)] };
    case 'rich':
      return { label: fieldLabel(c.section, mode) + langTag, authors, paras: blockParas(c.blocks, c.lang, mode) };
    case 'leadAgency':
      return { label: fieldLabel('leadAgency', mode), authors, paras: [para(oldNew(agencyName(c.old, mode), agencyName(c.new, mode), mode))] };
    case 'coAgencies': {
      const list = (xs: Agency[]) => xs.map((a) => agencyName(a, mode)).join('、');
      const paras = c.added.length || c.removed.length
        ? [para([...c.removed.map((a) => ({ op: 'delete' as const, text: agencyName(a, mode) })), ...c.added.map((a) => ({ op: 'insert' as const, text: agencyName(a, mode) }))].flatMap((r, i) => (i ? [{ op: 'note' as const, text: '、' }, r] : [r])))]
        : [para(oldNew(list(c.old), list(c.new), mode))];
      return { label: fieldLabel('coAgencies', mode), authors, paras };
    }
    case 'ogp':
      return { label: `${fieldLabel('ogpValues', mode)}：${say(OGP_VALUE_LABELS[c.value], mode)}`, authors, paras: [para(oldNew(c.old ? '☑' : '☐', c.new ? '☑' : '☐', mode))] };
    case 'milestoneAdded':
      return { label: say(T.rowAdded, mode, { n: c.index + 1 }), authors, paras: milestoneParas(c.new, 'insert', mode) };
    case 'milestoneRemoved':
      return { label: say(T.rowRemoved, mode, { n: c.index + 1 }), authors, paras: milestoneParas(c.old, 'delete', mode) };
    case 'budgetAdded':
      return { label: say(T.budgetAdded, mode, { n: c.index + 1 }), authors, paras: budgetParas(c.new, 'insert', mode) };
    case 'budgetRemoved':
      return { label: say(T.budgetRemoved, mode, { n: c.index + 1 }), authors, paras: budgetParas(c.old, 'delete', mode) };
    case 'budgetMoved':
      return { label: say(T.budgetMoved, mode, { a: c.old + 1, b: c.new + 1 }), authors, paras: [] };
    default:
      return { label: say(T.rowMoved, mode, { a: c.old + 1, b: c.new + 1 }), authors, paras: [] };
  }
}

/** The label and paragraphs of one change, and who its tracked change is recorded for. */
export function changeItem(c: FieldChange, rc: RedlineCommitment, plan: RedlineInput['plan'], mode: ExportLang): RedlineItem {
  const latest = [...(c.authors ?? [])].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))[0];
  return { ...changeBody(c, rc, plan, mode), author: latest ? { name: authorName(latest, mode), at: latest.at } : null };
}

/** A tracked change's author as Word shows it: the name and the affiliation. */
const authorName = (a: ChangeAuthor, mode: ExportLang) => {
  const aff = (T as Record<string, Bilingual>)[a.affiliation];
  return `${cleanText(a.name)}（${aff ? say(aff, mode) : cleanText(a.affiliation)}）`;
};

/**
 * One side of a change, for the 修正對照表: the text after (修正後: equal and inserted runs)
 * or before (現行: equal and deleted runs). Paragraphs left empty on a side are dropped.
 */
export function sideParas(paras: Para[], side: 'new' | 'old'): Para[] {
  const drop: RunOp = side === 'new' ? 'delete' : 'insert';
  return paras
    .map((p) => ({ ...p, runs: p.runs.filter((r) => r.op !== drop && r.op !== 'arrow') }))
    // Keep what still has text, and editorial lines (elisions) that never held a change.
    .filter((p, i) => p.runs.some((r) => r.op !== 'note' && r.text.trim() !== '') || (p.runs.length > 0 && !paras[i]!.runs.some((r) => r.op === drop)));
}

/** Headline of a commitment: `1-4 擴大政府資訊公開`. */
export const commitmentHeading = (number: string, title: Bilingual, mode: ExportLang) =>
  `${cleanText(number)} ${mode === 'both' ? `${cleanText(title.zh)} ${cleanText(title.en)}`.trim() : pick(title, mode)}`.trim();

/** Every changed commitment with the changes shown in the chosen language(s). */
export function redlineSections(input: RedlineInput): RedlineSection[] {
  const mode = input.lang;
  return input.commitments
    .map((rc, i) => ({
      anchor: `c${i + 1}`,
      heading: commitmentHeading(rc.number, rc.title, mode),
      items: rc.diff.changes.filter((c) => inLang(c, mode)).map((c) => changeItem(c, rc, input.plan, mode)),
    }))
    .filter((s) => s.items.length > 0);
}

export const versionText = (v: RedlineVersion, mode: ExportLang) =>
  v.ref === 'live' ? `${say(T.live, mode)}（${dateTimeText(v.takenAt, mode)}）` : `${cleanText(v.label)}（${dateTimeText(v.takenAt, mode)}）`;

export const planTitle = (input: RedlineInput) => (input.lang === 'both' ? `${cleanText(input.plan.title.zh)} ${cleanText(input.plan.title.en)}`.trim() : pick(input.plan.title, input.lang));
