/** Print-ready, self-contained HTML export: every piece of document text is escaped, links keep only safe schemes, no external resources. */
import {
  BCP47,
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
  safeHref,
  scopeParts,
  uiParts,
  versionParts,
  type Cell,
  type Part,
} from './model.js';
import { richBlocks, type Block, type Inline } from './richModel.js';
import type { ExportInput, ExportLang } from './types.js';
import type { RichDoc } from '../../shared/schema/index.js';

export interface HtmlOptions {
  /**
   * Page numbers and version label in the page margin via CSS (@page margin boxes). Off when
   * the PDF renderer draws its own footer, which would otherwise print twice.
   */
  pageFooter?: boolean;
  /**
   * Printing to pages: each table-of-contents entry (domains and commitments in outline order)
   * gets a page-number column; `null` leaves the column empty (the first print, which finds
   * the pages), a number fills it in.
   */
  tocPages?: Array<number | null>;
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes for both text and (double- or single-quoted) attribute values. */
export const esc = (s: unknown): string => cleanText(s).replace(/[&<>"']/g, (c) => ESC[c]!);
const escLines = (s: string) => esc(s).replace(/\n/g, '<br>');

/** A CSS string literal: anything but letters, digits and plain punctuation becomes a hex escape, so `</style>` or quotes can't break out. */
export const cssString = (s: string): string =>
  `"${cleanText(s).replace(/[^\p{L}\p{N} ._,:;·　（）()／/-]/gu, (c) => `\\${c.codePointAt(0)!.toString(16)} `)}"`;

/** Percent widths of MILESTONE_COLUMNS (the texts get the room; dates must not wrap). */
const MILESTONE_WIDTHS = { period: 9, text: 28, indicator: 28, due: 12, status: 10, evidence: 13 };
const BUDGET_WIDTHS = [18, 16, 36, 30];

/**
 * The policy of every HTML page an export writes (the plan, the redline): no script, no
 * request anywhere, only its own inline styles and embedded images. Sent as a header too.
 */
export const EXPORTED_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
const CSP = EXPORTED_PAGE_POLICY;
const FONTS = `"Noto Sans CJK TC", "Noto Sans TC", "Microsoft JhengHei", "微軟正黑體", "PingFang TC", "PMingLiU", sans-serif`;
/**
 * English runs take a Latin face first: the CJK face draws ’ “ ” and the like full-width
 * (「public’ s」); characters a Latin face lacks still fall through to the CJK one.
 */
const LATIN_FONTS = `"Noto Sans", "Liberation Sans", Arial, "Helvetica Neue", ${FONTS}`;

/** `footer` is a CSS `content` value (built only from cssString and counters), or null for none. */
function styles(footer: string | null): string {
  const pageBox = footer ? `@bottom-center { content: ${footer}; font-family: ${FONTS}; font-size: 8pt; color: #555; }` : '';
  return `
@page { size: A4; margin: 20mm 18mm 22mm; ${pageBox} }
@page :first { @bottom-center { content: none; } }
* { box-sizing: border-box; }
html { font-family: ${FONTS}; font-size: 10.5pt; line-height: 1.55; color: #111; }
:lang(en) { font-family: ${LATIN_FONTS}; }
body { margin: 0 auto; max-width: 190mm; padding: 0 4mm; }
h1, h2, h3, h4, h5, h6 { color: #1f3864; line-height: 1.3; break-after: avoid; }
.title-page { min-height: 240mm; display: flex; flex-direction: column; justify-content: center; text-align: center; break-after: page; }
.title-page h1 { font-size: 22pt; margin: 0 0 4mm; }
.title-page .subtitle { font-size: 15pt; margin: 0 0 8mm; color: #1f3864; }
.title-page .stamp { align-self: flex-end; border: 2px solid #b3261e; color: #b3261e; font-weight: bold; font-size: 15pt; padding: 1mm 4mm; margin: 0 0 8mm; }
.title-page .scope { font-size: 13pt; margin: 0 0 14mm; }
.title-page dl { display: grid; grid-template-columns: max-content auto; gap: 2mm 4mm; margin: 0 auto; text-align: left; }
.title-page dt { font-weight: bold; }
.title-page dd { margin: 0; word-break: break-all; }
nav.toc { break-after: page; }
nav.toc ol { list-style: none; padding-left: 0; }
nav.toc ol ol { padding-left: 1.5em; }
nav.toc a { color: inherit; text-decoration: none; }
nav.toc a.paged { display: flex; align-items: baseline; }
nav.toc a.paged .toc-title::after { content: ""; flex: 1; border-bottom: 1px dotted #999; margin: 0 1.5mm; min-width: 4mm; }
nav.toc a.paged .toc-title { flex: 1; display: flex; align-items: baseline; }
nav.toc a.paged .toc-page { min-width: 2.5em; text-align: right; font-variant-numeric: tabular-nums; }
section.domain { break-before: page; }
section.domain > h2 { font-size: 16pt; border-bottom: 2px solid #1f3864; padding-bottom: 2mm; }
article.commitment + article.commitment { break-before: page; }
article.commitment > h3 { font-size: 13pt; }
table { border-collapse: collapse; width: 100%; margin: 0 0 4mm; }
th, td { border: 1px solid #777; padding: 1.5mm 2mm; vertical-align: top; text-align: left; overflow-wrap: break-word; }
th { background: #edf1f7; font-weight: bold; }
table.commitment-table th { width: 24%; }
tr { break-inside: avoid; }
tr.rich { break-inside: auto; }
thead { display: table-header-group; }
table.milestones { font-size: 9.5pt; table-layout: fixed; }
td.nowrap { white-space: nowrap; }
.part + .part { margin-top: 1.5mm; padding-top: 1.5mm; border-top: 1px dashed #bbb; }
/* In the commitment table the English stands beside the Chinese, as bilingual plans are printed; milestone cells are too narrow and stack. */
table.commitment-table .bi { display: grid; grid-template-columns: 1fr 1fr; column-gap: 4mm; }
table.commitment-table .bi > .part + .part { margin-top: 0; padding-top: 0; border-top: none; border-left: 1px dashed #bbb; padding-left: 4mm; }
.note { color: #b45309; font-style: italic; }
ul.checks { list-style: none; margin: 0; padding: 0; }
p { margin: 0 0 1.5mm; }
td ul, td ol { margin: 0 0 1.5mm; padding-left: 1.4em; }
blockquote { margin: 0 0 1.5mm 1em; padding-left: 2mm; border-left: 3px solid #ccc; }
pre { white-space: pre-wrap; font-size: 9pt; }
a { color: #1d4ed8; }
@media print { a.show-url::after { content: " (" attr(href) ")"; color: #555; font-size: 85%; } }
`;
}

const langAttr = (lang: 'zh' | 'en') => ` lang="${BCP47[lang]}"`;
const note = (p: Part<unknown>) => (p.note ? ` <span class="note">${esc(p.note)}</span>` : '');

function inlineHtml(list: Inline[]): string {
  return list
    .map((i) => {
      if ('br' in i) return '<br>';
      let h = esc(i.text);
      if (i.code) h = `<code>${h}</code>`;
      if (i.bold) h = `<strong>${h}</strong>`;
      if (i.italic) h = `<em>${h}</em>`;
      if (i.strike) h = `<s>${h}</s>`;
      if (i.underline) h = `<u>${h}</u>`;
      if (i.href) h = `<a href="${esc(i.href)}" rel="noopener noreferrer nofollow"${i.href !== i.text ? ' class="show-url"' : ''}>${h}</a>`;
      return h;
    })
    .join('');
}

/** Rich text as escaped HTML fragments (links kept only for http, https, mailto). */
export const richHtml = (doc: RichDoc): string => blocksHtml(richBlocks(doc));

function blocksHtml(list: Block[]): string {
  return list
    .map((b) => {
      switch (b.kind) {
        case 'p':
          return `<p>${inlineHtml(b.inlines)}</p>`;
        case 'h': {
          const n = Math.min(b.level + 3, 6);
          return `<h${n}>${inlineHtml(b.inlines)}</h${n}>`;
        }
        case 'list': {
          const items = b.items.map((item) => `<li>${blocksHtml(item)}</li>`).join('');
          return b.ordered ? `<ol${b.start !== 1 ? ` start="${b.start}"` : ''}>${items}</ol>` : `<ul>${items}</ul>`;
        }
        case 'quote':
          return `<blockquote>${blocksHtml(b.blocks)}</blockquote>`;
        case 'code':
          return `<pre><code>${esc(b.text)}</code></pre>`;
        default:
          return '<hr>';
      }
    })
    .join('');
}

const partsHtml = (parts: Part<string>[]) =>
  parts.length === 1
    ? `<span${langAttr(parts[0]!.lang)}>${escLines(parts[0]!.value)}${note(parts[0]!)}</span>`
    : `<div class="bi">${parts.map((p) => `<div class="part"${langAttr(p.lang)}>${escLines(p.value)}${note(p)}</div>`).join('')}</div>`;

/** Labels read as one line: `編號 / No.`, each half in its own language. */
const labelHtml = (parts: Part<string>[]) => parts.map((p) => `<span${langAttr(p.lang)}>${esc(p.value)}</span>`).join(' / ');

function cellHtml(cell: Cell): string {
  if (cell.kind === 'text') return partsHtml(cell.parts);
  if (cell.kind === 'checks') {
    return `<ul class="checks">${cell.items.map((i) => `<li>${i.on ? '☑' : '☐'} ${labelHtml(i.label)}</li>`).join('')}</ul>`;
  }
  const parts = cell.parts.map((p) => `<div class="part"${langAttr(p.lang)}>${p.note ? `<p class="note">${esc(p.note)}</p>` : ''}${blocksHtml(richBlocks(p.value))}</div>`).join('');
  return cell.parts.length > 1 ? `<div class="bi">${parts}</div>` : parts;
}

function evidenceHtml(url: string): string {
  const href = safeHref(url);
  return href ? `<a href="${esc(href)}" rel="noopener noreferrer nofollow">${esc(url)}</a>` : esc(url);
}

function commitmentHtml(c: ExportInput['commitments'][number], anchor: string, mode: ExportLang): string {
  // Rich sections may run over a page; short rows stay whole.
  const rows = commitmentRows(c, mode).map((r) => `<tr${r.cell.kind === 'rich' ? ' class="rich"' : ''}><th scope="row">${labelHtml(r.label)}</th><td>${cellHtml(r.cell)}</td></tr>`).join('');
  const columns = milestoneColumns(c);
  const cols = milestoneWidths(columns, MILESTONE_WIDTHS).map((w) => `<col style="width:${w}%">`).join('');
  const head = columns.map((k) => `<th scope="col">${labelHtml(labelParts(k, mode))}</th>`).join('');
  const body = (c.milestones ?? [])
    .map((m) => {
      const cells = milestoneCells(c, m, mode);
      const td = (cell: Cell, i: number) => {
        const key = columns[i];
        return `<td${key === 'period' || key === 'due' || key === 'start' ? ' class="nowrap"' : ''}>${key === 'evidence' ? evidenceHtml(m.evidence ?? '') : cellHtml(cell)}</td>`;
      };
      return `<tr>${cells.map(td).join('')}</tr>`;
    })
    .join('');
  return (
    `<article class="commitment" id="${anchor}"><h3>${esc(headingText(c.title, mode, cleanText(c.number)))}</h3>` +
    `<table class="commitment-table"><tbody>${rows}</tbody></table>` +
    `<h4>${labelHtml(labelParts('milestones', mode))}</h4>` +
    `<table class="milestones"><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${budgetHtml(c, mode)}</article>`
  );
}

/** The budget by year with its total; nothing for a commitment without budget rows. */
function budgetHtml(c: ExportInput['commitments'][number], mode: ExportLang): string {
  if (!c.budget?.length) return '';
  const cols = BUDGET_WIDTHS.map((w) => `<col style="width:${w}%">`).join('');
  const head = BUDGET_COLUMNS.map((k) => `<th scope="col">${labelHtml(labelParts(k, mode))}</th>`).join('');
  const body = c.budget.map((b) => `<tr>${budgetCells(b, mode).map((cell, i) => `<td${i < 2 ? ' class="nowrap"' : ''}>${cellHtml(cell)}</td>`).join('')}</tr>`).join('');
  const [label, amount] = budgetTotalText(c, mode);
  return (
    `<h4>${labelHtml(labelParts('budget', mode))}</h4>` +
    `<table class="milestones budget"><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>${body}</tbody>` +
    `<tfoot><tr><th scope="row">${esc(label)}</th><td class="nowrap">${esc(amount)}</td><td></td><td></td></tr></tfoot></table>`
  );
}

export function renderHtml(input: ExportInput, opts: HtmlOptions = {}): string {
  const mode = input.lang;
  const { plan, version } = input;
  const groups = outline(input);
  const versionText = partsText(versionParts(version.label, mode));
  const numbers =
    mode === 'zh' ? `"第 " counter(page) " 頁／共 " counter(pages) " 頁"` : mode === 'en' ? `"Page " counter(page) " of " counter(pages)` : `counter(page) " / " counter(pages)`;
  const footer = opts.pageFooter === false ? null : `${cssString(`${versionText}　·　`)} ${numbers}`;
  const titles = mode === 'both' ? [plan.title.zh, plan.title.en] : [headingText(plan.title, mode)];
  const meta = coverLines(input, mode);
  const stamp = coverStamp(version, mode);
  // Entries in outline order, as the PDF's links list them (see pdfToc.ts).
  let entry = 0;
  const tocLink = (anchor: string, text: string) => {
    if (!opts.tocPages) return `<a href="#${anchor}">${esc(text)}</a>`;
    const page = opts.tocPages[entry++];
    return `<a class="paged" href="#${anchor}"><span class="toc-title">${esc(text)}</span><span class="toc-page">${page ?? ''}</span></a>`;
  };
  const toc = groups
    .map((g) => {
      const head = tocLink(g.anchor, headingText(g.name, mode));
      const items = g.commitments.map(({ anchor, c }) => `<li>${tocLink(anchor, headingText(c.title, mode, cleanText(c.number)))}</li>`).join('');
      return `<li>${head}<ol>${items}</ol></li>`;
    })
    .join('');
  const body = groups
    .map((g) => `<section class="domain" id="${g.anchor}"><h2>${esc(headingText(g.name, mode))}</h2>${g.commitments.map(({ anchor, c }) => commitmentHtml(c, anchor, mode)).join('')}</section>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${BCP47[mainLang(mode)]}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Gongbi 共筆">
<title>${esc(`${headingText(plan.title, mode)} — ${versionText}`)}</title>
<style>${styles(footer)}</style>
</head>
<body>
<header class="title-page">
${stamp ? `<p class="stamp">${esc(stamp)}</p>\n` : ''}${titles.map((t, i) => (i === 0 ? `<h1>${esc(t)}</h1>` : `<p class="subtitle" lang="en">${esc(t)}</p>`)).join('\n')}
<p class="scope">${esc(partsText(scopeParts(input, mode)))}</p>
<dl>${meta.map(([k, v]) => `<dt>${labelHtml(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
</header>
<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">${labelHtml(uiParts(UI.contents, mode))}</h2><ol>${toc}</ol></nav>
<main>
${body}
</main>
</body>
</html>
`;
}
