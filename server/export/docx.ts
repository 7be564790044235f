/** DOCX export: the commitment tables as a Word document (title page, TOC, domain and commitment headings, footer page numbers). */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  type PageNumberEstimator,
  TableRow,
  TextRun,
  WidthType,
  type INumberingOptions,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import {
  BUDGET_COLUMNS,
  budgetCells,
  budgetTotalText,
  milestoneColumns,
  milestoneWidths,
  UI,
  cleanText,
  commitmentRows,
  coverLines,
  coverStamp,
  headingText,
  labelParts,
  mainLang,
  milestoneCells,
  outline,
  partsText,
  scopeParts,
  uiParts,
  versionParts,
  type Cell,
  type Part,
} from './model.js';
import { richBlocks, type Block, type Inline } from './richModel.js';
import { coreTimestamp, renumberBookmarks, reproducibleZip } from './docxZip.js';
import type { ExportInput, ExportLang } from './types.js';

/**
 * East Asian text needs a CJK font named explicitly, or Word falls back to a Japanese or
 * Simplified face. Noto Sans CJK TC ships with LibreOffice/Linux; fontTable.xml names
 * 微軟正黑體 as its alternative and Big5 as its charset, so Windows Word substitutes a Traditional Chinese face.
 */
const CJK_FONT = 'Noto Sans CJK TC';
const CJK_ALT = '微軟正黑體';
const FONT = { ascii: 'Arial', hAnsi: 'Arial', cs: 'Arial', eastAsia: CJK_FONT };
/**
 * Word picks the language per character class: `value` for Latin text, `eastAsia` for CJK.
 * Tagging Latin text zh-TW makes Word and LibreOffice break English words mid-word.
 */
const LANGUAGE = { value: 'en-US', eastAsia: 'zh-TW' };

/** A4 in twips, 2 cm margins. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
const LABEL_WIDTH = 2300;
const MILESTONE_WIDTHS = { period: 900, text: 2500, indicator: 2500, due: 1400, status: 1000, evidence: 1338 };
const BUDGET_WIDTHS = [1700, 1500, 3300, 3138];
const LABEL_FILL = { type: ShadingType.CLEAR, fill: 'EDF1F7', color: 'auto' };
const NOTE_RUN = { italics: true, color: 'B45309' } as const;

/** The dashed rule between the Chinese and the English of a cell in 'both' mode. */
const separator = () => new Paragraph({ border: { top: { style: 'dashed', size: 4, color: 'BBBBBB', space: 1 } }, spacing: { before: 60, after: 0, line: 120 }, children: [] });

const BULLET = 'gongbi-bullet';
const orderedRef = (start: number) => `gongbi-ordered-${start}`;

function numberingConfig(starts: Set<number>): INumberingOptions['config'] {
  const levels = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: (l: number) => string, start = 1) =>
    Array.from({ length: 9 }, (_, level) => ({
      level,
      format,
      text: text(level),
      start,
      alignment: AlignmentType.LEFT,
      style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 300 } } },
    }));
  const marks = ['•', '◦', '▪'];
  const formats = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];
  return [
    { reference: BULLET, levels: levels(LevelFormat.BULLET, (l) => marks[l % 3]!) },
    ...[...starts].sort((a, b) => a - b).map((start) => ({
      reference: orderedRef(start),
      levels: levels(LevelFormat.DECIMAL, (l) => `%${l + 1}.`, start).map((lv, l) => ({ ...lv, format: formats[l % 3]!, start: l === 0 ? start : 1 })),
    })),
  ];
}

/** Per-document state: list instances must be numbered per document, not from docx's process-wide counters. */
class Builder {
  private listInstance = 0;
  readonly orderedStarts = new Set<number>([1]);
  constructor(readonly mode: ExportLang) {}

  runs(text: string, opts: IRunOptions = {}): TextRun[] {
    return cleanText(text).split('\n').map((line, i) => new TextRun({ ...opts, text: line, break: i > 0 ? 1 : undefined }));
  }

  partParagraphs(parts: Part<string>[], opts: IRunOptions = {}): Paragraph[] {
    return parts.flatMap((p, i) => [
      ...(i > 0 ? [separator()] : []),
      new Paragraph({ children: [...this.runs(p.value, opts), ...(p.note ? this.runs(`${p.value ? ' ' : ''}${p.note}`, { ...opts, ...NOTE_RUN }) : [])] }),
    ]);
  }

  inlineRuns(list: Inline[]): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    list.forEach((item, i) => {
      if ('br' in item) {
        out.push(new TextRun({ break: 1 }));
        return;
      }
      out.push(
        new TextRun({
          text: item.text,
          bold: item.bold,
          italics: item.italic,
          strike: item.strike,
          underline: item.underline || item.href ? {} : undefined,
          color: item.href ? '1D4ED8' : undefined,
          font: item.code ? { ...FONT, ascii: 'Courier New', hAnsi: 'Courier New' } : undefined,
        }),
      );
      // Links are written as text with the URL after the link's last run: no hyperlink relationship (docx gives those random ids).
      const next = list[i + 1];
      const linkEnds = item.href && !(next && !('br' in next) && next.href === item.href);
      if (linkEnds && item.href !== item.text) out.push(new TextRun({ text: ` (${item.href})`, color: '4B5563' }));
    });
    return out;
  }

  blocks(list: Block[], listLevel = -1): Paragraph[] {
    const out: Paragraph[] = [];
    for (const b of list) {
      if (b.kind === 'p') out.push(new Paragraph({ children: this.inlineRuns(b.inlines), indent: listLevel >= 0 ? { left: 360 * (listLevel + 1) } : undefined }));
      else if (b.kind === 'h') {
        const heading = [HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6][Math.min(b.level, 4) - 1];
        out.push(new Paragraph({ heading, children: this.inlineRuns(b.inlines) }));
      } else if (b.kind === 'list') {
        const level = Math.min(listLevel + 1, 8);
        const reference = b.ordered ? orderedRef(b.start) : BULLET;
        if (b.ordered) this.orderedStarts.add(b.start);
        const instance = ++this.listInstance;
        for (const item of b.items) {
          const [first, ...rest] = item;
          const head = first && (first.kind === 'p' || first.kind === 'h') ? first.inlines : [];
          out.push(new Paragraph({ numbering: { reference, level, instance }, children: this.inlineRuns(head) }));
          out.push(...this.blocks(first && first.kind !== 'p' && first.kind !== 'h' ? item : rest, level));
        }
      } else if (b.kind === 'quote') out.push(...this.blocks(b.blocks, listLevel + 1));
      else if (b.kind === 'code') out.push(new Paragraph({ children: this.runs(b.text, { font: { ...FONT, ascii: 'Courier New', hAnsi: 'Courier New' } }) }));
      else out.push(new Paragraph({ border: { bottom: { style: 'single', size: 6, color: '999999', space: 1 } }, children: [] }));
    }
    return out;
  }

  cell(cell: Cell): Paragraph[] {
    if (cell.kind === 'text') return this.partParagraphs(cell.parts);
    if (cell.kind === 'checks') {
      return cell.items.map((i) => new Paragraph({ children: this.runs(`${i.on ? '☑' : '☐'} ${partsText(i.label)}`) }));
    }
    return cell.parts.flatMap((p, i) => {
      const body = this.blocks(richBlocks(p.value));
      const note = p.note ? [new Paragraph({ children: this.runs(p.note, NOTE_RUN) })] : [];
      return [...(i > 0 ? [separator()] : []), ...note, ...body];
    });
  }
}

const tableCell = (children: Paragraph[], width: number, header = false) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    shading: header ? LABEL_FILL : undefined,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    children: children.length ? children : [new Paragraph({})],
  });

function commitmentTables(b: Builder, c: ExportInput['commitments'][number]): Array<Paragraph | Table> {
  const rows = commitmentRows(c, b.mode).map(
    (r) =>
      new TableRow({
        cantSplit: r.cell.kind !== 'rich',
        children: [tableCell(b.partParagraphs([{ lang: mainLang(b.mode), value: partsText(r.label) }], { bold: true }), LABEL_WIDTH, true), tableCell(b.cell(r.cell), TEXT_WIDTH - LABEL_WIDTH)],
      }),
  );
  const cols = milestoneColumns(c);
  const widths = milestoneWidths(cols, MILESTONE_WIDTHS);
  const header = new TableRow({
    tableHeader: true,
    children: cols.map((k, i) => tableCell(b.partParagraphs(labelParts(k, b.mode), { bold: true }), widths[i]!, true)),
  });
  const milestones = (c.milestones ?? []).map(
    (m) => new TableRow({ cantSplit: true, children: milestoneCells(c, m, b.mode).map((cell, i) => tableCell(b.cell(cell), widths[i]!)) }),
  );
  return [
    new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: [LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH], rows }),
    new Paragraph({ spacing: { before: 240, after: 80 }, keepNext: true, children: b.runs(partsText(labelParts('milestones', b.mode)), { bold: true }) }),
    new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, rows: [header, ...milestones] }),
    ...budgetTable(b, c),
  ];
}

/** The budget by year with its total; nothing for a commitment without budget rows. */
function budgetTable(b: Builder, c: ExportInput['commitments'][number]): Array<Paragraph | Table> {
  if (!c.budget?.length) return [];
  const header = new TableRow({
    tableHeader: true,
    children: BUDGET_COLUMNS.map((k, i) => tableCell(b.partParagraphs(labelParts(k, b.mode), { bold: true }), BUDGET_WIDTHS[i]!, true)),
  });
  const rows = c.budget.map((r) => new TableRow({ cantSplit: true, children: budgetCells(r, b.mode).map((cell, i) => tableCell(b.cell(cell), BUDGET_WIDTHS[i]!)) }));
  const [label, amount] = budgetTotalText(c, b.mode);
  const total = new TableRow({
    cantSplit: true,
    children: [
      tableCell([new Paragraph({ children: b.runs(label, { bold: true }) })], BUDGET_WIDTHS[0]!, true),
      tableCell([new Paragraph({ children: b.runs(amount, { bold: true }) })], BUDGET_WIDTHS[1]!),
      tableCell([], BUDGET_WIDTHS[2]!),
      tableCell([], BUDGET_WIDTHS[3]!),
    ],
  });
  return [
    new Paragraph({ spacing: { before: 240, after: 80 }, keepNext: true, children: b.runs(partsText(labelParts('budget', b.mode)), { bold: true }) }),
    new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: BUDGET_WIDTHS, rows: [header, ...rows, total] }),
  ];
}

function titlePage(b: Builder, input: ExportInput): Paragraph[] {
  const { plan, version } = input;
  const line = (label: Part<string>[], value: string) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [...b.runs(`${partsText(label)}：`, { bold: true }), ...b.runs(value)] });
  const titles = b.mode === 'both' ? [plan.title.zh, plan.title.en] : [headingText(plan.title, b.mode)];
  const stamp = coverStamp(version, b.mode);
  return [
    new Paragraph({ spacing: { before: 2400 }, children: [] }),
    ...(stamp ? [new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 240 }, children: b.runs(stamp, { bold: true, size: 32, color: 'B3261E' }) })] : []),
    ...titles.map((t, i) => new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: b.runs(t, { size: i ? 30 : 40 }) })),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 600 }, children: b.runs(partsText(scopeParts(input, b.mode)), { size: 28 }) }),
    ...coverLines(input, b.mode).map(([label, value]) => line(label, value)),
  ];
}

function footer(b: Builder, label: string): Footer {
  const run = (text: string) => new TextRun({ text, size: 16, color: '555555' });
  const page = (f: (typeof PageNumber)[keyof typeof PageNumber]) => new TextRun({ children: [f], size: 16, color: '555555' });
  const numbers =
    b.mode === 'zh'
      ? [run('第 '), page(PageNumber.CURRENT), run(' 頁／共 '), page(PageNumber.TOTAL_PAGES), run(' 頁')]
      : b.mode === 'en'
        ? [run('Page '), page(PageNumber.CURRENT), run(' of '), page(PageNumber.TOTAL_PAGES)]
        : [page(PageNumber.CURRENT), run(' / '), page(PageNumber.TOTAL_PAGES)];
  return new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(`${label}　·　`), ...numbers] })] });
}

/** fontTable.xml naming the Windows alternatives of the CJK font (docx has no option for w:altName). */
function fontTable(xml: string): string {
  const entry = `<w:font w:name="${CJK_FONT}"><w:altName w:val="${CJK_ALT}"/><w:charset w:val="88"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>`;
  return xml.includes('</w:fonts>') ? xml.replace('</w:fonts>', `${entry}</w:fonts>`) : xml.replace(/\/>\s*$/, `>${entry}</w:fonts>`);
}

export interface DocxOptions {
  /**
   * Works out the contents' page numbers and writes them in (docx's layout of the pages, as
   * Word lays them out; see docxPaged.ts): seconds of CPU, so only for documents made once.
   * Without it the contents list the entries and Word fills in the numbers on opening.
   */
  pageNumbers?: PageNumberEstimator;
}

export async function renderDocx(input: ExportInput, opts: DocxOptions = {}): Promise<Uint8Array> {
  const b = new Builder(input.lang);
  const versionLabel = partsText(versionParts(input.version.label, b.mode));
  const body: Array<Paragraph | Table | TableOfContents> = [
    ...titlePage(b, input),
    new Paragraph({ pageBreakBefore: true, spacing: { after: 240 }, children: b.runs(partsText(uiParts(UI.contents, b.mode)), { bold: true, size: 32 }) }),
    new TableOfContents(partsText(uiParts(UI.contents, b.mode)), { hyperlink: true, headingStyleRange: '1-2' }),
  ];
  for (const group of outline(input)) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: b.runs(headingText(group.name, b.mode)) }));
    group.commitments.forEach(({ c }, i) => {
      body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, pageBreakBefore: i > 0, children: b.runs(headingText(c.title, b.mode, cleanText(c.number))) }));
      body.push(...commitmentTables(b, c));
    });
  }
  const heading = (size: number) => ({ run: { font: FONT, size, bold: true, color: '1F3864' }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } });
  const final = new Document({
    creator: 'Gongbi 共筆',
    lastModifiedBy: 'Gongbi 共筆',
    title: cleanText(headingText(input.plan.title, b.mode)),
    subject: versionLabel,
    description: `${versionLabel} ${cleanText(input.version.date)} ${cleanText(input.version.hash)}`,
    // With page numbers written in, LibreOffice (which doesn't update fields on opening) shows
    // them too; without, Word fills in the contents and the page count when it opens the file.
    ...(opts.pageNumbers ? { pageNumbers: opts.pageNumbers } : { features: { updateFields: true } }),
    styles: {
      default: {
        document: { run: { font: FONT, size: 21, language: LANGUAGE }, paragraph: { spacing: { after: 60, line: 300 } } },
        title: { run: { font: FONT, size: 40, bold: true, color: '1F3864' } },
        heading1: heading(32),
        heading2: heading(26),
        heading3: heading(22),
        heading4: heading(21),
        heading5: heading(21),
        heading6: heading(21),
      },
    },
    // Built after the body, so the ordered lists' custom starts are known.
    numbering: { config: numberingConfig(b.orderedStarts) },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, footer: 567 } },
        },
        footers: { default: footer(b, cleanText(versionLabel)), first: new Footer({ children: [new Paragraph({})] }) },
        children: body,
      },
    ],
  });
  const packed = await Packer.toBuffer(final, false, []);
  return reproducibleZip(new Uint8Array(packed), coreTimestamp(input.version.date), { 'word/fontTable.xml': fontTable, 'word/document.xml': renumberBookmarks });
}
