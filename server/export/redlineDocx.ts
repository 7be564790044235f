/**
 * The redline as a Word document, in two layouts. The list: each changed field under its
 * commitment, deletions and insertions as real tracked changes (w:del / w:ins, with the
 * author and time the server recorded), so a reviewer accepts or rejects them in Word or
 * LibreOffice. The table (修正對照表): one row per changed field, 修正後 / 現行 / 說明, the
 * inserted text underlined in the first column and the deleted text struck in the second.
 * Both carry page numbers and the two version labels in the footer.
 */
import {
  AlignmentType,
  DeletedTextRun,
  Document,
  Footer,
  HeadingLevel,
  InsertedTextRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { coreTimestamp, reproducibleZip } from './docxZip.js';
import { DEFAULT_ISSUER, cleanText, headingText } from './model.js';
import { planTitle, redlineSections, sayKey, sideParas, versionText, type Para, type RedlineInput, type RedlineItem, type Run } from './redlineModel.js';
import type { ExportLang } from './types.js';

// Same faces as the full export (docx.ts): CJK needs its font named, or Word picks a Japanese one.
const FONT = { ascii: 'Arial', hAnsi: 'Arial', cs: 'Arial', eastAsia: 'Noto Sans CJK TC' };
const LANGUAGE = { value: 'en-US', eastAsia: 'zh-TW' };
const RED = 'B3261E';
const GREEN = '146C2E';
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
const TABLE_WIDTHS = [3600, 3600, TEXT_WIDTH - 7200];
const HEAD_FILL = { type: ShadingType.CLEAR, fill: 'EDF1F7', color: 'auto' };

/** Visible marks, for the table layout and the legend (the list layout uses tracked changes instead). */
const STYLE: Record<Run['op'], IRunOptions> = {
  equal: {},
  delete: { strike: true, color: RED },
  insert: { underline: { type: 'single', color: GREEN }, color: GREEN },
  note: { italics: true, color: '4B5563' },
  arrow: { color: '4B5563' },
};

const lines = (text: string) => cleanText(text).split('\n');

function runs(list: Run[], extra: IRunOptions = {}): TextRun[] {
  return list.flatMap((r) => lines(r.text).map((line, i) => new TextRun({ ...STYLE[r.op], ...extra, text: line, break: i > 0 ? 1 : undefined })));
}
const text = (s: string, extra: IRunOptions = {}) => runs([{ op: 'equal', text: s }], extra);

/** Word wants second precision, without milliseconds. */
const wordDate = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '2000-01-01T00:00:00Z' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
};

/** Numbers tracked changes within one document (w:id must be unique in it). */
class Revisions {
  private next = 1;
  constructor(private readonly fallback: { name: string; at: string }) {}

  runs(list: Run[], item: RedlineItem, extra: IRunOptions = {}): ParagraphChild[] {
    const who = item.author ?? this.fallback;
    const change = { author: who.name, date: wordDate(who.at) };
    return list.flatMap((r) =>
      lines(r.text).map((line, i) => {
        const opts = { ...extra, text: line, break: i > 0 ? 1 : undefined };
        if (r.op === 'insert') return new InsertedTextRun({ ...opts, ...change, id: this.next++ });
        if (r.op === 'delete') return new DeletedTextRun({ ...opts, ...change, id: this.next++ });
        return new TextRun({ ...STYLE[r.op], ...opts });
      }),
    );
  }
}

const bullet: Run[] = [{ op: 'equal', text: '• ' }];
function paraProps(p: Para) {
  return { indent: p.kind === 'li' ? { left: 360 * Math.max(1, p.depth) } : { left: 200 }, bold: p.kind === 'h' ? true : undefined };
}

/** `第 3 頁／共 9 頁` in the document's language, after the two version labels. */
function footer(input: RedlineInput): Footer {
  const mode = input.lang;
  const run = (t: string) => new TextRun({ text: t, size: 16, color: '555555' });
  const page = (f: (typeof PageNumber)[keyof typeof PageNumber]) => new TextRun({ children: [f], size: 16, color: '555555' });
  const numbers =
    mode === 'zh'
      ? [run('第 '), page(PageNumber.CURRENT), run(' 頁／共 '), page(PageNumber.TOTAL_PAGES), run(' 頁')]
      : mode === 'en'
        ? [run('Page '), page(PageNumber.CURRENT), run(' of '), page(PageNumber.TOTAL_PAGES)]
        : [page(PageNumber.CURRENT), run(' / '), page(PageNumber.TOTAL_PAGES)];
  const labels = `${versionText(input.from, mode)} → ${versionText(input.to, mode)}`;
  return new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(`${cleanText(labels)}　·　`), ...numbers] })] });
}

function cover(input: RedlineInput, titleKey: 'title' | 'tableTitle', legend: Paragraph): Paragraph[] {
  const mode = input.lang;
  const sections = redlineSections(input);
  const total = sections.reduce((n, s) => n + s.items.length, 0);
  const line = (label: string, value: string) => new Paragraph({ children: [...text(`${label}：`, { bold: true }), ...text(value)] });
  const issuer = headingText(input.issuer ?? DEFAULT_ISSUER, mode);
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: text(planTitle(input)) }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: text(sayKey(titleKey, mode), { bold: true, size: 28 }) }),
    line(mode === 'en' ? 'Issued by' : mode === 'both' ? '發布機關 / Issued by' : '發布機關', issuer),
    line(sayKey('from', mode), versionText(input.from, mode)),
    line(sayKey('to', mode), versionText(input.to, mode)),
    legend,
    new Paragraph({ children: text(total ? sayKey('summary', mode, { c: sections.length, n: total }) : sayKey('noChanges', mode)) }),
  ];
}

function addedRemoved(input: RedlineInput): Paragraph[] {
  const mode = input.lang;
  const out: Paragraph[] = [];
  for (const key of ['added', 'removed'] as const) {
    if (!input[key].length) continue;
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: text(sayKey(key, mode)) }));
    for (const c of input[key]) out.push(new Paragraph({ children: text(`• ${c.number} ${mode === 'en' ? c.title.en || c.title.zh : c.title.zh}`) }));
  }
  return out;
}

async function pack(input: RedlineInput, titleKey: 'title' | 'tableTitle', children: Array<Paragraph | Table>): Promise<Uint8Array> {
  const mode: ExportLang = input.lang;
  const heading = (size: number) => ({ run: { font: FONT, size, bold: true, color: '1F3864' }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } });
  const doc = new Document({
    creator: 'Gongbi 共筆',
    lastModifiedBy: 'Gongbi 共筆',
    title: `${planTitle(input)} — ${sayKey(titleKey, mode)}`,
    // Word and LibreOffice fill in the page count when they open the file.
    features: { updateFields: true },
    styles: {
      default: {
        document: { run: { font: FONT, size: 21, language: LANGUAGE }, paragraph: { spacing: { after: 60, line: 300 } } },
        title: { run: { font: FONT, size: 36, bold: true, color: '1F3864' } },
        heading1: heading(28),
        heading2: heading(22),
      },
    },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, footer: 567 } } },
        footers: { default: footer(input) },
        children,
      },
    ],
  });
  const packed = await Packer.toBuffer(doc, false, []);
  // docx stamps the current time into the package; the newer version's date keeps the bytes stable.
  return reproducibleZip(new Uint8Array(packed), coreTimestamp(input.to.takenAt.slice(0, 10)));
}

/** The list layout, with tracked changes. */
export async function renderRedlineDocx(input: RedlineInput): Promise<Uint8Array> {
  const mode = input.lang;
  const revisions = new Revisions({ name: 'Gongbi 共筆', at: input.to.takenAt });
  const legend = new Paragraph({ spacing: { before: 120, after: 120 }, children: text(sayKey('tracked', mode)) });
  const body: Array<Paragraph | Table> = cover(input, 'title', legend);
  for (const s of redlineSections(input)) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: text(s.heading) }));
    for (const it of s.items) {
      body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: text(it.label) }));
      body.push(new Paragraph({ keepNext: it.paras.length > 0, children: text(it.authors, { size: 18, color: '374151' }) }));
      for (const p of it.paras) {
        const { indent, bold } = paraProps(p);
        body.push(new Paragraph({ indent, children: revisions.runs([...(p.kind === 'li' ? bullet : []), ...p.runs], it, { bold }) }));
      }
    }
  }
  body.push(...addedRemoved(input));
  return pack(input, 'title', body);
}

const cell = (children: Paragraph[], width: number, head = false) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    shading: head ? HEAD_FILL : undefined,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    children: children.length ? children : [new Paragraph({})],
  });

function sideCell(paras: Para[], width: number): TableCell {
  return cell(
    paras.map((p) => {
      const { indent, bold } = paraProps(p);
      return new Paragraph({ indent: p.kind === 'li' ? indent : undefined, children: runs([...(p.kind === 'li' ? bullet : []), ...p.runs], { bold }) });
    }),
    width,
  );
}

/** The 修正對照表: per commitment, a three-column table with one row per changed field. */
export async function renderRedlineTableDocx(input: RedlineInput): Promise<Uint8Array> {
  const mode = input.lang;
  const legend = new Paragraph({
    spacing: { before: 120, after: 120 },
    children: runs([{ op: 'equal', text: `${sayKey('tableLegend', mode)} ` }, { op: 'insert', text: sayKey('legendIns', mode) }, { op: 'equal', text: ' ' }, { op: 'delete', text: sayKey('legendDel', mode) }]),
  });
  const body: Array<Paragraph | Table> = cover(input, 'tableTitle', legend);
  // Repeated on every page the table runs over.
  const head = () =>
    new TableRow({
      tableHeader: true,
      children: (['colNew', 'colOld', 'colNote'] as const).map((k, i) => cell([new Paragraph({ alignment: AlignmentType.CENTER, children: text(sayKey(k, mode), { bold: true }) })], TABLE_WIDTHS[i]!, true)),
    });
  for (const s of redlineSections(input)) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, spacing: { before: 360 }, children: text(s.heading) }));
    const rows = s.items.map(
      (it) =>
        new TableRow({
          children: [
            sideCell(sideParas(it.paras, 'new'), TABLE_WIDTHS[0]!),
            sideCell(sideParas(it.paras, 'old'), TABLE_WIDTHS[1]!),
            cell([new Paragraph({ children: text(it.label, { bold: true }) }), new Paragraph({ children: text(it.authors, { size: 18, color: '374151' }) })], TABLE_WIDTHS[2]!),
          ],
        }),
    );
    body.push(new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: TABLE_WIDTHS, rows: [head(), ...rows] }));
  }
  body.push(...addedRemoved(input));
  return pack(input, 'tableTitle', body);
}
