/** The redline as a Word document: struck red runs for deletions, underlined green runs for insertions, authors under each field. */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun, type IRunOptions } from 'docx';
import { coreTimestamp, reproducibleZip } from './docxZip.js';
import { cleanText } from './model.js';
import { planTitle, redlineSections, sayKey, versionText, type Para, type RedlineInput, type Run } from './redlineModel.js';

// Same faces as the full export (docx.ts): CJK needs its font named, or Word picks a Japanese one.
const FONT = { ascii: 'Arial', hAnsi: 'Arial', cs: 'Arial', eastAsia: 'Noto Sans CJK TC' };
const LANGUAGE = { value: 'en-US', eastAsia: 'zh-TW' };
const RED = 'B3261E';
const GREEN = '146C2E';

const STYLE: Record<Run['op'], IRunOptions> = {
  equal: {},
  delete: { strike: true, color: RED },
  insert: { underline: { type: 'single', color: GREEN }, color: GREEN },
  note: { italics: true, color: '4B5563' },
};

function runs(list: Run[], extra: IRunOptions = {}): TextRun[] {
  return list.flatMap((r) => cleanText(r.text).split('\n').map((line, i) => new TextRun({ ...STYLE[r.op], ...extra, text: line, break: i > 0 ? 1 : undefined })));
}

const text = (s: string, extra: IRunOptions = {}) => runs([{ op: 'equal', text: s }], extra);

function paragraph(p: Para): Paragraph {
  const bullet: Run[] = p.kind === 'li' ? [{ op: 'equal', text: '• ' }] : [];
  return new Paragraph({
    indent: p.kind === 'li' ? { left: 360 * Math.max(1, p.depth) } : { left: 200 },
    children: runs([...bullet, ...p.runs], p.kind === 'h' ? { bold: true } : {}),
  });
}

export async function renderRedlineDocx(input: RedlineInput): Promise<Uint8Array> {
  const mode = input.lang;
  const sections = redlineSections(input);
  const total = sections.reduce((n, s) => n + s.items.length, 0);
  const body: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: text(planTitle(input)) }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: text(sayKey('title', mode), { bold: true, size: 28 }) }),
    new Paragraph({ children: [...text(`${sayKey('from', mode)}：`, { bold: true }), ...text(versionText(input.from, mode))] }),
    new Paragraph({ children: [...text(`${sayKey('to', mode)}：`, { bold: true }), ...text(versionText(input.to, mode))] }),
    new Paragraph({
      spacing: { before: 120, after: 120 },
      children: [...text(`${sayKey('legend', mode)} `), ...runs([{ op: 'delete', text: sayKey('legendDel', mode) }, { op: 'equal', text: ' ' }, { op: 'insert', text: sayKey('legendIns', mode) }])],
    }),
    new Paragraph({ children: text(total ? sayKey('summary', mode, { c: sections.length, n: total }) : sayKey('noChanges', mode)) }),
  ];
  for (const s of sections) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: text(s.heading) }));
    for (const it of s.items) {
      body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: text(it.label) }));
      body.push(new Paragraph({ keepNext: it.paras.length > 0, children: text(it.authors, { size: 18, color: '374151' }) }));
      body.push(...it.paras.map(paragraph));
    }
  }
  for (const key of ['added', 'removed'] as const) {
    if (!input[key].length) continue;
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: text(sayKey(key, mode)) }));
    for (const c of input[key]) body.push(new Paragraph({ children: text(`• ${c.number} ${mode === 'en' ? c.title.en || c.title.zh : c.title.zh}`) }));
  }
  const heading = (size: number) => ({ run: { font: FONT, size, bold: true, color: '1F3864' }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } });
  const doc = new Document({
    creator: 'Gongbi 共筆',
    lastModifiedBy: 'Gongbi 共筆',
    title: `${planTitle(input)} — ${sayKey('title', mode)}`,
    styles: {
      default: {
        document: { run: { font: FONT, size: 21, language: LANGUAGE }, paragraph: { spacing: { after: 60, line: 300 } } },
        title: { run: { font: FONT, size: 36, bold: true, color: '1F3864' } },
        heading1: heading(28),
        heading2: heading(22),
      },
    },
    sections: [{ properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } }, children: body }],
  });
  const packed = await Packer.toBuffer(doc, false, []);
  // docx stamps the current time into the package; the newer version's date keeps the bytes stable.
  return reproducibleZip(new Uint8Array(packed), coreTimestamp(input.to.takenAt.slice(0, 10)));
}
