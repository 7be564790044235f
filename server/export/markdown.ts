/** Markdown (GFM) export: headings, GFM tables, rich text as Markdown; every metacharacter in document text is escaped. */
import {
  BUDGET_COLUMNS,
  budgetCells,
  budgetTotalText,
  milestoneColumns,
  UI,
  cleanText,
  commitmentRows,
  coverLines,
  coverStamp,
  headingText,
  labelParts,
  milestoneCells,
  outline,
  partsText,
  scopeParts,
  uiParts,
  versionParts,
  type Cell,
  type Part,
} from './model.js';
import { richBlocks, type Block, type Inline, type Span } from './richModel.js';
import type { ExportInput, ExportLang } from './types.js';

/** Inline metacharacters; `&` too, so text can't spell an entity, and `#`, which closes ATX headings. */
const mdInline = (s: string) => cleanText(s).replace(/[\\`*_[\]<>|~&#]/g, '\\$&');

/** Block constructs a line can open with (headings, quotes, list markers, setext underlines, indented code). */
function lineStart(line: string): string {
  const s = line.replace(/^[ \t]+/, '');
  if (/^[#>+=-]/.test(s)) return `\\${s}`;
  return s.replace(/^(\d+)([.)])/, '$1\\$2');
}
const mdLines = (s: string) => s.split('\n').map(lineStart).join('\n');
/** Text that must stay on one line (headings, list entries). */
const mdLine = (s: string) => lineStart(mdInline(cleanText(s).replace(/\n/g, ' ')));

/** A table cell: one line, pipes escaped (mdInline does), line breaks as <br>. */
const mdCell = (s: string) => mdInline(s).replace(/\n/g, '<br>');

/** Percent-encodes what would end or confuse a link destination. */
const mdUrl = (href: string) => href.replace(/[\s<>()[\]\\`"'|*_~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${text} ${fence}`;
}

const sameStyle = (a: Span, b: Span) =>
  !!a.bold === !!b.bold && !!a.italic === !!b.italic && !!a.strike === !!b.strike && !!a.code === !!b.code && a.href === b.href;

function inlineMd(list: Inline[]): string {
  // Adjacent runs with the same marks are merged, or `**a****b**` would not parse as bold.
  const merged: Inline[] = [];
  for (const i of list) {
    const last = merged[merged.length - 1];
    if (last && !('br' in last) && !('br' in i) && sameStyle(last, i)) merged[merged.length - 1] = { ...last, text: last.text + i.text };
    else merged.push(i);
  }
  return merged
    .map((i) => {
      if ('br' in i) return '\\\n';
      // Emphasis markers must touch non-space text, so surrounding spaces go outside them.
      const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(i.text)!;
      if (!core) return i.text;
      let md = i.code ? codeSpan(cleanText(core)) : mdInline(core);
      if (i.strike) md = `~~${md}~~`;
      if (i.italic) md = `*${md}*`;
      if (i.bold) md = `**${md}**`;
      if (i.href) md = `[${md}](${mdUrl(i.href)})`;
      return `${lead}${md}${trail}`;
    })
    .join('');
}

const indent = (text: string, by: string) => text.split('\n').map((l) => (l ? by + l : l)).join('\n');

function blocksMd(list: Block[]): string {
  return list
    .map((b) => {
      switch (b.kind) {
        case 'p':
          return mdLines(inlineMd(b.inlines));
        case 'h':
          return `${'#'.repeat(Math.min(b.level + 4, 6))} ${lineStart(inlineMd(b.inlines.map((i) => ('br' in i ? { text: ' ' } : i))))}`;
        case 'list':
          return b.items
            .map((item, n) => {
              const marker = b.ordered ? `${b.start + n}. ` : '- ';
              const body = blocksMd(item) || '';
              return marker + indent(body, ' '.repeat(marker.length)).slice(marker.length);
            })
            .join('\n');
        case 'quote':
          return blocksMd(b.blocks).split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n');
        case 'code': {
          const longest = Math.max(2, ...(b.text.match(/`+/g) ?? []).map((r) => r.length));
          const fence = '`'.repeat(longest + 1);
          return `${fence}\n${b.text}\n${fence}`;
        }
        default:
          return '***';
      }
    })
    .filter((s) => s !== '')
    .join('\n\n');
}

const noteMd = (p: Part<unknown>) => (p.note ? ` *${mdInline(p.note)}*` : '');
const labelMd = (parts: Part<string>[]) => mdCell(partsText(parts));

function cellMd(cell: Cell): string {
  if (cell.kind === 'text') return cell.parts.map((p) => `${mdCell(p.value)}${noteMd(p)}`).join('<br>');
  if (cell.kind === 'checks') return cell.items.map((i) => `${i.on ? '☑' : '☐'} ${labelMd(i.label)}`).join('<br>');
  return '';
}

const tableMd = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map((c) => c || ' ').join(' | ')} |`)].join('\n');

function commitmentMd(c: ExportInput['commitments'][number], mode: ExportLang): string {
  const rows = commitmentRows(c, mode);
  const short = rows.filter((r) => r.cell.kind !== 'rich').map((r) => [labelMd(r.label), cellMd(r.cell)]);
  const out = [`### ${mdLine(headingText(c.title, mode, cleanText(c.number)))}`, tableMd([mdCell(partsText(uiParts(UI.field, mode))), mdCell(partsText(uiParts(UI.fieldValue, mode)))], short)];
  // Rich sections keep their lists and paragraphs, which a table cell can't hold.
  for (const r of rows) {
    if (r.cell.kind !== 'rich') continue;
    out.push(`#### ${labelMd(r.label)}`);
    for (const p of r.cell.parts) {
      if (p.note) out.push(`*${mdInline(p.note)}*`);
      const body = blocksMd(richBlocks(p.value));
      if (body) out.push(body);
    }
  }
  out.push(`#### ${labelMd(labelParts('milestones', mode))}`);
  const head = milestoneColumns(c).map((k) => labelMd(labelParts(k, mode)));
  out.push(tableMd(head, (c.milestones ?? []).map((m) => milestoneCells(c, m, mode).map(cellMd))));
  if (c.budget?.length) {
    out.push(`#### ${labelMd(labelParts('budget', mode))}`);
    const [label, amount] = budgetTotalText(c, mode);
    const rows = c.budget.map((b) => budgetCells(b, mode).map(cellMd));
    out.push(tableMd(BUDGET_COLUMNS.map((k) => labelMd(labelParts(k, mode))), [...rows, [`**${mdCell(label)}**`, `**${mdCell(amount)}**`, '', '']]));
  }
  return out.join('\n\n');
}

export function renderMarkdown(input: ExportInput): string {
  const mode = input.lang;
  const { plan, version } = input;
  const groups = outline(input);
  const meta = coverLines(input, mode);
  const stamp = coverStamp(version, mode);
  const out = [
    ...(stamp ? [`**${mdLine(stamp)}**`] : []),
    `# ${mdLine(headingText(plan.title, mode))}`,
    mdLine(partsText(scopeParts(input, mode))),
    meta.map(([k, v]) => `- **${mdLine(partsText(k))}**: ${mdLine(v)}`).join('\n'),
    `## ${mdLine(partsText(uiParts(UI.contents, mode)))}`,
    groups
      .map((g) => [`- ${mdLine(headingText(g.name, mode))}`, ...g.commitments.map(({ c }) => `  - ${mdLine(headingText(c.title, mode, cleanText(c.number)))}`)].join('\n'))
      .join('\n'),
  ];
  for (const g of groups) {
    out.push(`## ${mdLine(headingText(g.name, mode))}`);
    for (const { c } of g.commitments) out.push(commitmentMd(c, mode));
  }
  return `${out.join('\n\n')}\n`;
}
