/**
 * Redline export: "what changed since the last review meeting, and who did it", as a list of
 * changes or as the 修正對照表 (修正後 / 現行 / 說明), in HTML, DOCX, ODT or PDF. Deletions are
 * struck through in red, insertions underlined in green (never colour alone), with the
 * authors of each change; the list DOCX holds them as tracked changes. Pure: same input, same
 * bytes (ODT and PDF excepted: their converters stamp the time).
 */
import { EXPORTED_PAGE_POLICY, esc } from './html.js';
import { BCP47, DEFAULT_ISSUER, headingText, mainLang } from './model.js';
import { contentDisposition, exportDisplayName, slugPart } from './fileName.js';
import type { OfficeConverter } from './office.js';
import { renderPdf } from './pdf.js';
import type { PdfPrinter } from './pdfPrinter.js';
import { planTitle, redlineSections, sayKey, sideParas, versionText, type Para, type RedlineInput, type Run } from './redlineModel.js';
import { renderRedlineDocx, renderRedlineTableDocx } from './redlineDocx.js';

export type { RedlineInput, RedlineCommitment, RedlineVersion } from './redlineModel.js';
export { renderRedlineDocx, renderRedlineTableDocx };

const CSP = EXPORTED_PAGE_POLICY;

const STYLE = `
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK TC", "Noto Sans TC", "Microsoft JhengHei", "PingFang TC", sans-serif; font-size: 10.5pt; line-height: 1.6; color: #111; }
body { margin: 0 auto; max-width: 190mm; padding: 6mm 4mm; }
h1, h2, h3 { color: #1f3864; line-height: 1.3; }
h1 { font-size: 18pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; border-bottom: 2px solid #1f3864; padding-bottom: 1mm; margin-top: 8mm; }
h3 { font-size: 11pt; margin: 5mm 0 1mm; }
dl { display: grid; grid-template-columns: max-content auto; gap: 1mm 4mm; }
dt { font-weight: bold; } dd { margin: 0; }
.legend { border: 1px solid #999; padding: 2mm 3mm; background: #f7f7f7; }
.authors { color: #374151; font-size: 9pt; margin: 0 0 1mm; }
.change { border-left: 3px solid #c7d2e0; padding-left: 3mm; margin: 0 0 3mm; break-inside: avoid; }
.change p, .change li { margin: 0 0 1mm; }
.change .h { font-weight: bold; }
.change ul { list-style: none; padding-left: 0; margin: 0; }
del { color: #b3261e; text-decoration: line-through; text-decoration-thickness: 1.5px; background: #fdecea; }
ins { color: #146c2e; text-decoration: underline; text-decoration-thickness: 1.5px; background: #e7f5ea; }
.note { color: #4b5563; font-style: italic; }
table.amend { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 2mm 0 6mm; }
table.amend th, table.amend td { border: 1px solid #888; padding: 1.5mm 2mm; vertical-align: top; overflow-wrap: anywhere; }
table.amend th { background: #edf1f7; }
table.amend thead { display: table-header-group; }
table.amend tr { break-inside: avoid; }
table.amend p { margin: 0 0 1mm; }
table.amend .label { font-weight: bold; }
@media print { body { max-width: none; padding: 0; } }
`;

function runHtml(r: Run): string {
  const t = esc(r.text).replace(/\n/g, '<br>');
  if (r.op === 'delete') return `<del>${t}</del>`;
  if (r.op === 'insert') return `<ins>${t}</ins>`;
  if (r.op === 'note' || r.op === 'arrow') return `<span class="note">${t}</span>`;
  return t;
}

const langAttr = (p: Para) => (p.lang ? ` lang="${BCP47[p.lang]}"` : '');

function parasHtml(paras: Para[]): string {
  return paras
    .map((p) => {
      const inner = p.runs.map(runHtml).join('');
      if (p.kind === 'li') return `<ul><li${langAttr(p)} style="margin-left:${(p.depth - 1) * 6}mm">• ${inner}</li></ul>`;
      return `<p${langAttr(p)}${p.kind === 'h' ? ' class="h"' : ''}>${inner}</p>`;
    })
    .join('');
}

export function renderRedlineHtml(input: RedlineInput): string {
  const mode = input.lang;
  const body = redlineSections(input)
    .map(
      (s) =>
        `<article id="${s.anchor}"><h2>${esc(s.heading)}</h2>` +
        s.items.map((it) => `<section class="change"><h3>${esc(it.label)}</h3><p class="authors">${esc(it.authors)}</p>${parasHtml(it.paras)}</section>`).join('') +
        `</article>`,
    )
    .join('\n');
  const legend = `${esc(sayKey('legend', mode))} <del>${esc(sayKey('legendDel', mode))}</del> <ins>${esc(sayKey('legendIns', mode))}</ins>`;
  return page(input, 'title', `${headerHtml(input, 'title', legend)}\n<main>\n${body}\n${addedRemovedHtml(input)}\n</main>`);
}

const addedRemovedHtml = (input: RedlineInput) =>
  (['added', 'removed'] as const)
    .map((key) =>
      input[key].length
        ? `<h2>${esc(sayKey(key, input.lang))}</h2><ul>${input[key].map((c) => `<li>${esc(`${c.number} ${input.lang === 'en' ? c.title.en || c.title.zh : c.title.zh}`)}</li>`).join('')}</ul>`
        : '',
    )
    .join('');

/** The cover lines both HTML layouts share. */
function headerHtml(input: RedlineInput, titleKey: 'title' | 'tableTitle', legend: string): string {
  const mode = input.lang;
  const sections = redlineSections(input);
  const total = sections.reduce((n, s) => n + s.items.length, 0);
  const issuerLabel = mode === 'en' ? 'Issued by' : mode === 'both' ? '發布機關 / Issued by' : '發布機關';
  return `<header>
<h1>${esc(planTitle(input))}</h1>
<p><strong>${esc(sayKey(titleKey, mode))}</strong></p>
<dl><dt>${esc(issuerLabel)}</dt><dd>${esc(headingText(input.issuer ?? DEFAULT_ISSUER, mode))}</dd><dt>${esc(sayKey('from', mode))}</dt><dd>${esc(versionText(input.from, mode))}</dd><dt>${esc(sayKey('to', mode))}</dt><dd>${esc(versionText(input.to, mode))}</dd></dl>
<p class="legend">${legend}</p>
<p>${esc(total ? sayKey('summary', mode, { c: sections.length, n: total }) : sayKey('noChanges', mode))}</p>
</header>`;
}

function page(input: RedlineInput, titleKey: 'title' | 'tableTitle', body: string): string {
  return `<!DOCTYPE html>
<html lang="${BCP47[mainLang(input.lang)]}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Gongbi 共筆">
<title>${esc(`${planTitle(input)} — ${sayKey(titleKey, input.lang)}`)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** The 修正對照表 as HTML: per commitment, 修正後 / 現行 / 說明, one row per changed field. */
export function renderRedlineTableHtml(input: RedlineInput): string {
  const mode = input.lang;
  const legend = `${esc(sayKey('tableLegend', mode))} <ins>${esc(sayKey('legendIns', mode))}</ins> <del>${esc(sayKey('legendDel', mode))}</del>`;
  const head = `<thead><tr><th scope="col">${esc(sayKey('colNew', mode))}</th><th scope="col">${esc(sayKey('colOld', mode))}</th><th scope="col" style="width:22%">${esc(sayKey('colNote', mode))}</th></tr></thead>`;
  const tables = redlineSections(input)
    .map(
      (s) =>
        `<section id="${s.anchor}"><h2>${esc(s.heading)}</h2><table class="amend">${head}<tbody>` +
        s.items
          .map((it) => `<tr><td>${parasHtml(sideParas(it.paras, 'new'))}</td><td>${parasHtml(sideParas(it.paras, 'old'))}</td><td><p class="label">${esc(it.label)}</p><p class="authors">${esc(it.authors)}</p></td></tr>`)
          .join('') +
        `</tbody></table></section>`,
    )
    .join('\n');
  return page(input, 'tableTitle', `${headerHtml(input, 'tableTitle', legend)}\n<main>\n${tables}\n${addedRemovedHtml(input)}\n</main>`);
}

export type RedlineLayout = 'list' | 'table';
export const REDLINE_LAYOUTS: readonly RedlineLayout[] = ['list', 'table'];

const redlineHtml = (input: RedlineInput, layout: RedlineLayout) => (layout === 'table' ? renderRedlineTableHtml(input) : renderRedlineHtml(input));
const redlineDocx = (input: RedlineInput, layout: RedlineLayout) => (layout === 'table' ? renderRedlineTableDocx(input) : renderRedlineDocx(input));

/** What a renderer may need beyond the input: LibreOffice for ODT, the shared Chromium for PDF. */
export interface RedlineTools {
  office: OfficeConverter;
  printer?: PdfPrinter;
}

export const REDLINE_FORMATS = {
  html: { contentType: 'text/html; charset=utf-8', ext: 'html', needs: null, render: async (input: RedlineInput, layout: RedlineLayout) => new TextEncoder().encode(redlineHtml(input, layout)) },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', needs: null, render: async (input: RedlineInput, layout: RedlineLayout) => redlineDocx(input, layout) },
  odt: {
    contentType: 'application/vnd.oasis.opendocument.text',
    ext: 'odt',
    needs: 'office',
    // LibreOffice turns the DOCX's w:ins/w:del into ODF tracked changes, so they stay acceptable.
    render: async (input: RedlineInput, layout: RedlineLayout, tools: RedlineTools) => tools.office.convert(await redlineDocx(input, layout), 'docx', 'odt'),
  },
  pdf: {
    contentType: 'application/pdf',
    ext: 'pdf',
    needs: 'chromium',
    render: async (input: RedlineInput, layout: RedlineLayout, tools?: RedlineTools) => {
      const opts = { versionLabel: `${versionText(input.from, input.lang)} → ${versionText(input.to, input.lang)}`, lang: input.lang };
      const html = redlineHtml(input, layout);
      return tools?.printer ? tools.printer.print(html, opts) : renderPdf(html, opts);
    },
  },
} as const;
export type RedlineFormat = keyof typeof REDLINE_FORMATS;
export const isRedlineFormat = (s: string): s is RedlineFormat => Object.hasOwn(REDLINE_FORMATS, s);

const refSlug = (ref: string) => (ref === 'live' ? 'live' : slugPart(ref.replace(':', '-'), 40));

/** Download headers: `plan-nap1_redline_cycle-cy-1_live_zh.html` plus a readable UTF-8 name. */
export function redlineHeaders(input: RedlineInput, format: RedlineFormat, scopeId?: string, layout: RedlineLayout = 'list'): Record<string, string> {
  const f = REDLINE_FORMATS[format];
  const scope = scopeId ? `_${slugPart(scopeId)}` : '';
  const kind = layout === 'table' ? 'amendments' : 'redline';
  const ascii = `${slugPart(input.plan.id)}_${kind}${scope}_${refSlug(input.from.ref)}_${refSlug(input.to.ref)}_${slugPart(input.lang)}.${f.ext}`;
  const titleKey = layout === 'table' ? 'tableTitle' : 'title';
  const name = exportDisplayName([planTitle(input), sayKey(titleKey, input.lang === 'en' ? 'en' : 'zh'), ...(scopeId ? [scopeId] : []), input.from.label, input.to.ref === 'live' ? 'live' : input.to.label], f.ext);
  return { 'Content-Type': f.contentType, 'Content-Disposition': contentDisposition(ascii, name), 'X-Content-Type-Options': 'nosniff' };
}
