/**
 * ODS export: the plan's tables as an OpenDocument spreadsheet, one sheet each (commitments,
 * milestones/KPIs, budget years, public comments with their responses, decisions on suggestions
 * with their reasons). Written directly rather than
 * converted: a spreadsheet is only typed cells, so the bytes are reproducible, dates are real
 * date cells, and no LibreOffice is needed. Cells are strings, dates, numbers or nothing, never formulas.
 */
import { zipSync, type Zippable } from 'fflate';
import { parseCalendarDate, taipeiDay } from '../../shared/dates/index.js';
import { budgetAmount, COMMITMENT_STATUS_LABELS, FIELD_LABELS, MILESTONE_STATUS_LABELS, OGP_VALUES, OGP_VALUE_LABELS, type Bilingual, type CommitmentJSON } from '../../shared/schema/index.js';
import { DEFAULT_ISSUER, cleanText, outline, partsText, versionParts } from './model.js';
import type { ExportInput, ExportLang } from './types.js';

/** A cell: text, a calendar day (`YYYY-MM-DD`, written as a date cell), a number, or empty. */
export type SheetCell = string | { date: string } | { number: number } | null;
export interface Sheet {
  name: string;
  columns: string[];
  /** Column widths in cm, one per column. */
  widths: number[];
  rows: SheetCell[][];
}

/** A public comment and its response, as the spreadsheet lists it. */
export interface OdsComment {
  commitmentId: string;
  milestoneId: string | null;
  /** Epoch ms. */
  createdAt: number;
  name: string;
  text: string;
  response: { text: string; by: string; at: number } | null;
}

/** A decided suggestion (accepted or declined), as the spreadsheet lists it. */
export interface OdsDecision {
  commitmentId: string;
  /** The field's name in the export's language(s), e.g. 「公共問題」. */
  field: Bilingual;
  proposed: string;
  suggestedBy: string;
  affiliation: string;
  /** Epoch ms. */
  suggestedAt: number;
  status: 'accepted' | 'declined';
  decidedBy: string;
  /** Epoch ms. */
  decidedAt: number;
  reason: string;
}

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
].join(' ');

const xml = (s: string) => cleanText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Sheet names may not hold []*?:/\ (and Excel allows 31 characters). */
const sheetName = (s: string) => [...cleanText(s).replace(/[[\]*?:/\\']/g, ' ')].slice(0, 31).join('') || 'Sheet';

function cellXml(cell: SheetCell): string {
  if (cell === null || cell === '') return '<table:table-cell/>';
  if (typeof cell === 'object' && 'number' in cell) {
    return `<table:table-cell office:value-type="float" office:value="${cell.number}"><text:p>${cell.number}</text:p></table:table-cell>`;
  }
  if (typeof cell === 'object') {
    if (parseCalendarDate(cell.date)) {
      return `<table:table-cell table:style-name="date" office:value-type="date" office:date-value="${cell.date}"><text:p>${cell.date}</text:p></table:table-cell>`;
    }
    cell = cell.date;
  }
  const paras = cleanText(cell).split('\n').map((line) => `<text:p>${xml(line)}</text:p>`).join('');
  return `<table:table-cell table:style-name="wrap" office:value-type="string">${paras}</table:table-cell>`;
}

function sheetXml(sheet: Sheet, i: number): string {
  const cols = sheet.widths.map((_, j) => `<table:table-column table:style-name="s${i}c${j}"/>`).join('');
  const head = `<table:table-header-rows><table:table-row>${sheet.columns.map((c) => `<table:table-cell table:style-name="head" office:value-type="string"><text:p>${xml(c)}</text:p></table:table-cell>`).join('')}</table:table-row></table:table-header-rows>`;
  const rows = sheet.rows.map((r) => `<table:table-row>${r.map(cellXml).join('')}</table:table-row>`).join('');
  return `<table:table table:name="${xml(sheetName(sheet.name))}">${cols}${head}${rows}</table:table>`;
}

/** The spreadsheet package: `mimetype` first and stored, as ODF requires, then manifest, meta and content. */
export function odsPackage(sheets: Sheet[], meta: { title: string; subject: string; date: string }): Uint8Array {
  const colStyles = sheets
    .flatMap((s, i) => s.widths.map((w, j) => `<style:style style:name="s${i}c${j}" style:family="table-column"><style:table-column-properties style:column-width="${w}cm"/></style:style>`))
    .join('');
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${NS} office:version="1.3"><office:font-face-decls/><office:automatic-styles>${colStyles}<number:date-style style:name="iso"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style><style:style style:name="date" style:family="table-cell" style:data-style-name="iso"><style:table-cell-properties style:vertical-align="top"/></style:style><style:style style:name="wrap" style:family="table-cell"><style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="top"/></style:style><style:style style:name="head" style:family="table-cell"><style:table-cell-properties fo:background-color="#edf1f7" fo:wrap-option="wrap"/><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style></office:automatic-styles><office:body><office:spreadsheet>${sheets.map(sheetXml).join('')}</office:spreadsheet></office:body></office:document-content>
`;
  const date = parseCalendarDate(meta.date) ? `${meta.date}T00:00:00` : '2000-01-01T00:00:00';
  const metaXml = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta ${NS} office:version="1.3"><office:meta><meta:generator>Gongbi</meta:generator><dc:title>${xml(meta.title)}</dc:title><dc:subject>${xml(meta.subject)}</dc:subject><meta:creation-date>${date}</meta:creation-date><dc:date>${date}</dc:date></office:meta></office:document-meta>
`;
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>
`;
  const enc = (s: string) => new TextEncoder().encode(s);
  // Fixed local-time mtime, as in docxZip.ts: the same bytes in every time zone.
  const mtime = new Date(1980, 0, 1, 12, 0, 0);
  const files: Zippable = {
    mimetype: [enc('application/vnd.oasis.opendocument.spreadsheet'), { level: 0, mtime }],
    'META-INF/manifest.xml': [enc(manifest), { level: 6, mtime }],
    'meta.xml': [enc(metaXml), { level: 6, mtime }],
    'content.xml': [enc(content), { level: 6, mtime }],
  };
  return zipSync(files);
}

/** Labels of the sheets and their extra columns. */
const L = {
  commitments: { zh: '承諾事項', en: 'Commitments' },
  milestones: { zh: '里程碑與KPI', en: 'Milestones and KPIs' },
  budget: { zh: '預算', en: 'Budget' },
  comments: { zh: '公眾意見與回應', en: 'Public comments and responses' },
  decisions: { zh: '建議與決定', en: 'Suggestions and decisions' },
  field: { zh: '欄位', en: 'Field' },
  proposed: { zh: '建議文字', en: 'Proposed text' },
  suggestedBy: { zh: '建議者', en: 'Suggested by' },
  affiliation: { zh: '所屬', en: 'Affiliation' },
  suggestedAt: { zh: '建議日期', en: 'Suggested' },
  decision: { zh: '決定', en: 'Decision' },
  accepted: { zh: '採納', en: 'Accepted' },
  declined: { zh: '不採納', en: 'Declined' },
  decidedBy: { zh: '決定者', en: 'Decided by' },
  decidedAt: { zh: '決定日期', en: 'Decided' },
  reason: { zh: '理由', en: 'Reason' },
  startDate: { zh: '開始日期', en: 'Start date' },
  endDate: { zh: '結束日期', en: 'End date' },
  commitmentNumber: { zh: '承諾事項編號', en: 'Commitment no.' },
  milestoneRow: { zh: '里程碑', en: 'Milestone' },
  received: { zh: '收到日期', en: 'Received' },
  commenter: { zh: '提出者', en: 'Name' },
  comment: { zh: '意見', en: 'Comment' },
  response: { zh: '回應', en: 'Response' },
  respondedBy: { zh: '回應者', en: 'Responded by' },
  respondedAt: { zh: '回應日期', en: 'Response date' },
} satisfies Record<string, Bilingual>;

/** The workbook of an export: columns follow the language; in 'both' each text gets a Chinese and an English column. */
export function renderOds(input: ExportInput, comments: OdsComment[] = [], decisions: OdsDecision[] = []): Uint8Array {
  const mode: ExportLang = input.lang;
  const label = (b: Bilingual) => (mode === 'both' ? `${b.zh} ${b.en}` : b[mode]);
  const field = (key: string) => FIELD_LABELS[key] ?? { zh: key, en: key };
  /** Header(s) of a translated column. */
  const textHead = (b: Bilingual) => (mode === 'both' ? [`${b.zh}（中文）`, `${b.en} (English)`] : [b[mode]]);
  /** Cell(s) of a translated value. */
  const text = (v: Bilingual | undefined): SheetCell[] => (mode === 'both' ? [v?.zh ?? '', v?.en ?? ''] : [(mode === 'en' ? v?.en || v?.zh : v?.zh) ?? '']);
  const ui = (b: Bilingual | undefined, code: string) => (b ? label(b) : code);

  const commitments: CommitmentJSON[] = outline(input).flatMap((g) => g.commitments.map(({ c }) => c));
  const domainOf = new Map(outline(input).flatMap((g) => g.commitments.map(({ c }) => [c.id, g.name] as const)));
  const width = (heads: string[], w: number) => heads.map(() => w);

  const cHeads = [[label(field('number'))], textHead(field('title')), textHead(field('domain')), textHead(field('leadAgency')), textHead(field('coAgencies')), [label(L.startDate)], [label(L.endDate)], [label(field('status'))], [label(field('ogpValues'))]];
  const cSheet: Sheet = {
    name: label(L.commitments),
    columns: cHeads.flat(),
    widths: cHeads.flatMap((h, i) => width(h, [2, 8, 6, 5, 6, 3, 3, 3, 6][i]!)),
    rows: commitments.map((c) => [
      c.number ?? '',
      ...text(c.title),
      ...text(domainOf.get(c.id)),
      ...text(c.leadAgency),
      ...text({ zh: (c.coAgencies ?? []).map((a) => a.zh).join('、'), en: (c.coAgencies ?? []).map((a) => a.en).join(', ') }),
      c.startDate ? { date: c.startDate } : null,
      c.endDate ? { date: c.endDate } : null,
      ui(COMMITMENT_STATUS_LABELS[c.status], String(c.status)),
      OGP_VALUES.filter((v) => c.ogpValues?.[v]).map((v) => label(OGP_VALUE_LABELS[v])).join(mode === 'en' ? ', ' : '、'),
    ]),
  };

  const mHeads = [[label(L.commitmentNumber)], textHead(field('title')), [label(field('period'))], textHead(field('text')), textHead(field('indicator')), [label(field('start'))], [label(field('due'))], [label(field('status'))], [label(field('evidence'))]];
  const mSheet: Sheet = {
    name: label(L.milestones),
    columns: mHeads.flat(),
    widths: mHeads.flatMap((h, i) => width(h, [2.5, 6, 3, 8, 8, 3, 3, 3, 6][i]!)),
    rows: commitments.flatMap((c) =>
      (c.milestones ?? []).map((m) => [
        c.number ?? '',
        ...text(c.title),
        m.period ?? '',
        ...text(m.text),
        ...text(m.indicator),
        m.start ? { date: m.start } : null,
        m.due ? { date: m.due } : null,
        ui(MILESTONE_STATUS_LABELS[m.status], String(m.status)),
        m.evidence ?? '',
      ]),
    ),
  };

  // Years as AD numbers and amounts as numbers where they are, so the sheet sums them.
  const bHeads = [[label(L.commitmentNumber)], textHead(field('title')), [label(field('year'))], [label(field('amount'))], textHead(field('source')), textHead(field('note'))];
  const bSheet: Sheet = {
    name: label(L.budget),
    columns: bHeads.flat(),
    widths: bHeads.flatMap((h, i) => width(h, [2.5, 6, 2.5, 3, 8, 6][i]!)),
    rows: commitments.flatMap((c) =>
      (c.budget ?? []).map((b) => [c.number ?? '', ...text(c.title), b.year, budgetAmount(b.amount) === null ? b.amount : { number: budgetAmount(b.amount)! }, ...text(b.source), ...text(b.note)]),
    ),
  };

  const byId = new Map(commitments.map((c) => [c.id, c]));
  const pHeads = [[label(L.commitmentNumber)], [label(L.milestoneRow)], [label(L.received)], [label(L.commenter)], [label(L.comment)], [label(L.response)], [label(L.respondedBy)], [label(L.respondedAt)]];
  const pSheet: Sheet = {
    name: label(L.comments),
    columns: pHeads.flat(),
    widths: [2.5, 6, 3, 3, 10, 10, 3, 3],
    rows: comments
      .filter((pc) => byId.has(pc.commitmentId))
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((pc) => {
        const c = byId.get(pc.commitmentId)!;
        const m = pc.milestoneId ? c.milestones.find((x) => x.id === pc.milestoneId) : undefined;
        const milestone = m ? (mode === 'en' ? m.text.en || m.text.zh : m.text.zh) : '';
        return [c.number ?? '', milestone, { date: taipeiDay(pc.createdAt) }, pc.name, pc.text, pc.response?.text ?? '', pc.response?.by ?? '', pc.response ? { date: taipeiDay(pc.response.at) } : null];
      }),
  };

  // Decisions, oldest first, each with its reason: the reasoned-response record of suggestions.
  const dHeads = [[label(L.commitmentNumber)], [label(L.field)], [label(L.proposed)], [label(L.suggestedBy)], [label(L.affiliation)], [label(L.suggestedAt)], [label(L.decision)], [label(L.decidedBy)], [label(L.decidedAt)], [label(L.reason)]];
  const dSheet: Sheet = {
    name: label(L.decisions),
    columns: dHeads.flat(),
    widths: [2.5, 4, 10, 3, 4, 3, 2.5, 3, 3, 8],
    rows: decisions
      .filter((d) => byId.has(d.commitmentId))
      .sort((a, b) => a.decidedAt - b.decidedAt)
      .map((d) => [byId.get(d.commitmentId)!.number ?? '', label(d.field), d.proposed, d.suggestedBy, d.affiliation, { date: taipeiDay(d.suggestedAt) }, label(L[d.status]), d.decidedBy, { date: taipeiDay(d.decidedAt) }, d.reason]),
  };

  const issuer = input.issuer ?? DEFAULT_ISSUER;
  const title = `${mode === 'en' ? input.plan.title.en || input.plan.title.zh : input.plan.title.zh} — ${mode === 'en' ? issuer.en : issuer.zh}`;
  const subject = `${partsText(versionParts(input.version.label, mode))} ${cleanText(input.version.hash)}`;
  return odsPackage([cSheet, mSheet, bSheet, pSheet, dSheet], { title, subject, date: input.version.date });
}
