/**
 * Redline export (issue 7): "what changed since the last review meeting, and who did it", as
 * self-contained HTML or DOCX. Deletions are struck through in red, insertions underlined in
 * green (never colour alone), with the authors of each change. Pure: same input, same bytes.
 */
import { esc } from './html.js';
import { BCP47, mainLang } from './model.js';
import { contentDisposition, exportDisplayName, slugPart } from './fileName.js';
import { planTitle, redlineSections, sayKey, versionText, type Para, type RedlineInput, type Run } from './redlineModel.js';
import { renderRedlineDocx } from './redlineDocx.js';

export type { RedlineInput, RedlineCommitment, RedlineVersion } from './redlineModel.js';
export { renderRedlineDocx };

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

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
`;

function runHtml(r: Run): string {
  const t = esc(r.text).replace(/\n/g, '<br>');
  if (r.op === 'delete') return `<del>${t}</del>`;
  if (r.op === 'insert') return `<ins>${t}</ins>`;
  if (r.op === 'note') return `<span class="note">${t}</span>`;
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
  const sections = redlineSections(input);
  const total = sections.reduce((n, s) => n + s.items.length, 0);
  const title = `${planTitle(input)} — ${sayKey('title', mode)}`;
  const body = sections
    .map(
      (s) =>
        `<article id="${s.anchor}"><h2>${esc(s.heading)}</h2>` +
        s.items.map((it) => `<section class="change"><h3>${esc(it.label)}</h3><p class="authors">${esc(it.authors)}</p>${parasHtml(it.paras)}</section>`).join('') +
        `</article>`,
    )
    .join('\n');
  const list = (key: 'added' | 'removed', xs: RedlineInput['added']) =>
    xs.length ? `<h2>${esc(sayKey(key, mode))}</h2><ul>${xs.map((c) => `<li>${esc(`${c.number} ${mode === 'en' ? c.title.en || c.title.zh : c.title.zh}`)}</li>`).join('')}</ul>` : '';
  return `<!DOCTYPE html>
<html lang="${BCP47[mainLang(mode)]}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Gongbi 共筆">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${esc(planTitle(input))}</h1>
<p><strong>${esc(sayKey('title', mode))}</strong></p>
<dl><dt>${esc(sayKey('from', mode))}</dt><dd>${esc(versionText(input.from, mode))}</dd><dt>${esc(sayKey('to', mode))}</dt><dd>${esc(versionText(input.to, mode))}</dd></dl>
<p class="legend">${esc(sayKey('legend', mode))} <del>${esc(sayKey('legendDel', mode))}</del> <ins>${esc(sayKey('legendIns', mode))}</ins></p>
<p>${esc(total ? sayKey('summary', mode, { c: sections.length, n: total }) : sayKey('noChanges', mode))}</p>
</header>
<main>
${body}
${list('added', input.added)}${list('removed', input.removed)}
</main>
</body>
</html>
`;
}

export const REDLINE_FORMATS = {
  html: { contentType: 'text/html; charset=utf-8', ext: 'html', render: async (input: RedlineInput) => new TextEncoder().encode(renderRedlineHtml(input)) },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', render: renderRedlineDocx },
} as const;
export type RedlineFormat = keyof typeof REDLINE_FORMATS;
export const isRedlineFormat = (s: string): s is RedlineFormat => Object.hasOwn(REDLINE_FORMATS, s);

const refSlug = (ref: string) => (ref === 'live' ? 'live' : slugPart(ref.replace(':', '-'), 40));

/** Download headers: `plan-nap1_redline_cycle-cy-1_live_zh.html` plus a readable UTF-8 name. */
export function redlineHeaders(input: RedlineInput, format: RedlineFormat, scopeId?: string): Record<string, string> {
  const f = REDLINE_FORMATS[format];
  const scope = scopeId ? `_${slugPart(scopeId)}` : '';
  const ascii = `${slugPart(input.plan.id)}_redline${scope}_${refSlug(input.from.ref)}_${refSlug(input.to.ref)}_${slugPart(input.lang)}.${f.ext}`;
  const name = exportDisplayName([planTitle(input), sayKey('title', input.lang === 'en' ? 'en' : 'zh'), ...(scopeId ? [scopeId] : []), input.from.label, input.to.ref === 'live' ? 'live' : input.to.label], f.ext);
  return { 'Content-Type': f.contentType, 'Content-Disposition': contentDisposition(ascii, name), 'X-Content-Type-Options': 'nosniff' };
}
