/**
 * HTML (from mammoth or markdown-it) to a flat list of blocks with the editor's rich JSON
 * inside: paragraphs, headings, lists and tables, bold/italic/underline/strike and links.
 * Depth is checked without recursion before anything recurses, so a deeply nested file gets
 * a sentence, never a stack overflow.
 */
import { parseFragment } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import type { RichMark, RichNode } from '../../shared/schema/index.js';
import { AppError } from '../errors.js';

type Node = DefaultTreeAdapterMap['childNode'] | DefaultTreeAdapterMap['documentFragment'];
type Element = DefaultTreeAdapterMap['element'];

/** Deepest element nesting read; a commitment table with a nested milestone table is about 15. */
export const MAX_HTML_DEPTH = 100;

export interface Cell {
  blocks: Block[];
  text: string;
}
export type Block =
  | { kind: 'heading'; level: number; inline: RichNode[]; text: string }
  | { kind: 'paragraph'; inline: RichNode[]; text: string }
  | { kind: 'list'; node: RichNode; text: string }
  | { kind: 'table'; rows: Cell[][] }
  | { kind: 'rule' };

/** Word's and typists' own bullets and numbers at the start of a list item (the list already numbers it). */
export const BULLET_PREFIX = /^\s*(?:[•●▪■◆◇○◦‧・·►▶✓✔\-–*]+|\d{1,3}[.、)）]|[（(]\d{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.]|[（(][一二三四五六七八九十]{1,3}[)）])\s*/;
/** A typed bullet glyph that makes a plain paragraph a list item. */
const GLYPH_BULLET = /^\s*[•●▪■◆◇○◦‧►▶]\s*/;

const isElement = (n: Node): n is Element => 'tagName' in n;
const children = (n: Node): Node[] => ('childNodes' in n ? (n.childNodes as Node[]) : []);

function checkDepth(root: Node): void {
  const stack: Array<[Node, number]> = [[root, 0]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (d > MAX_HTML_DEPTH) {
      throw new AppError(400, 'too_deep', `The document nests its content more than ${MAX_HTML_DEPTH} levels deep (tables in tables, lists in lists); a commitment table needs far fewer. Simplify it and try again.`);
    }
    for (const c of children(n)) stack.push([c, d + 1]);
  }
}

const collapse = (s: string) => s.replace(/[\t\r\n ]+/g, ' ');
const SAFE_HREF = /^(https?:|mailto:)/i;

function inlineOf(nodes: Node[], marks: RichMark[] = []): RichNode[] {
  const out: RichNode[] = [];
  for (const n of nodes) {
    if (n.nodeName === '#text') {
      const text = collapse((n as DefaultTreeAdapterMap['textNode']).value);
      if (text) out.push(marks.length ? { type: 'text', text, marks: [...marks] } : { type: 'text', text });
      continue;
    }
    if (!isElement(n)) continue;
    const tag = n.tagName;
    if (tag === 'br') {
      out.push({ type: 'hardBreak' });
      continue;
    }
    const add = (m: RichMark) => (marks.some((x) => x.type === m.type) ? marks : [...marks, m]);
    if (tag === 'strong' || tag === 'b') out.push(...inlineOf(children(n), add({ type: 'bold' })));
    else if (tag === 'em' || tag === 'i') out.push(...inlineOf(children(n), add({ type: 'italic' })));
    else if (tag === 'u') out.push(...inlineOf(children(n), add({ type: 'underline' })));
    else if (tag === 's' || tag === 'del' || tag === 'strike') out.push(...inlineOf(children(n), add({ type: 'strike' })));
    else if (tag === 'a') {
      const href = n.attrs.find((a) => a.name === 'href')?.value ?? '';
      out.push(...inlineOf(children(n), SAFE_HREF.test(href) ? add({ type: 'link', attrs: { href } }) : marks));
    } else if (tag === 'img' || tag === 'script' || tag === 'style') continue;
    else out.push(...inlineOf(children(n), marks));
  }
  return out;
}

/** Trims the run's outer whitespace and merges neighbouring texts with the same marks. */
function tidy(inline: RichNode[]): RichNode[] {
  const out: RichNode[] = [];
  for (const node of inline) {
    const prev = out[out.length - 1];
    if (node.type === 'text' && prev?.type === 'text' && JSON.stringify(prev.marks ?? []) === JSON.stringify(node.marks ?? [])) prev.text += node.text!;
    else out.push({ ...node });
  }
  // The source's newline after a line break is not text.
  for (let i = 1; i < out.length; i++) {
    const n = out[i]!;
    if (n.type === 'text' && out[i - 1]!.type === 'hardBreak') n.text = n.text!.replace(/^\s+/, '');
    if (n.type === 'hardBreak' && out[i - 1]!.type === 'text') out[i - 1]!.text = out[i - 1]!.text!.replace(/\s+$/, '');
  }
  while (out[0]?.type === 'hardBreak') out.shift();
  while (out[out.length - 1]?.type === 'hardBreak') out.pop();
  if (out[0]?.type === 'text') out[0].text = out[0].text!.replace(/^\s+/, '');
  const last = out[out.length - 1];
  if (last?.type === 'text') last.text = last.text!.replace(/\s+$/, '');
  return out.filter((n) => n.type !== 'text' || n.text);
}

export const inlineText = (inline: RichNode[]) => inline.map((n) => (n.type === 'hardBreak' ? '\n' : (n.text ?? ''))).join('');

/** Removes a leading bullet or number from an item's first text. */
export function stripBullet(inline: RichNode[], pattern: RegExp = BULLET_PREFIX): RichNode[] {
  const first = inline[0];
  if (first?.type !== 'text' || !pattern.test(first.text!)) return inline;
  const text = first.text!.replace(pattern, '');
  return text ? [{ ...first, text }, ...inline.slice(1)] : inline.slice(1);
}

const paragraph = (inline: RichNode[]): RichNode => (inline.length ? { type: 'paragraph', content: inline } : { type: 'paragraph' });

function listNode(el: Element): RichNode {
  const items: RichNode[] = [];
  for (const li of children(el)) {
    if (!isElement(li) || li.tagName !== 'li') continue;
    const content: RichNode[] = [];
    let run: Node[] = [];
    const flush = () => {
      const inline = tidy(inlineOf(run));
      run = [];
      if (inline.length) content.push(paragraph(content.length === 0 ? stripBullet(inline) : inline));
    };
    for (const c of children(li)) {
      if (isElement(c) && (c.tagName === 'ul' || c.tagName === 'ol')) {
        flush();
        content.push(listNode(c));
      } else if (isElement(c) && c.tagName === 'p') {
        run.push(...children(c));
        flush();
      } else run.push(c);
    }
    flush();
    if (content.length === 0 || content[0]!.type !== 'paragraph') content.unshift(paragraph([]));
    items.push({ type: 'listItem', content });
  }
  return { type: el.tagName === 'ol' ? 'orderedList' : 'bulletList', content: items.length ? items : [{ type: 'listItem', content: [paragraph([])] }] };
}

const plainOfNode = (node: RichNode): string =>
  node.type === 'text' ? node.text ?? '' : (node.content ?? []).map(plainOfNode).join(node.type.endsWith('List') || node.type === 'listItem' ? '\n' : '');

function tableRows(el: Element): Cell[][] {
  const rows: Cell[][] = [];
  const walk = (n: Node) => {
    for (const c of children(n)) {
      if (!isElement(c)) continue;
      if (c.tagName === 'tr') {
        const cells = children(c)
          .filter((x): x is Element => isElement(x) && (x.tagName === 'td' || x.tagName === 'th'))
          .map((td) => {
            const blocks = blocksOf(children(td));
            return { blocks, text: blocksText(blocks) };
          });
        rows.push(cells);
      } else if (c.tagName === 'thead' || c.tagName === 'tbody' || c.tagName === 'tfoot') walk(c);
    }
  };
  walk(el);
  return rows;
}

export function blocksText(blocks: Block[]): string {
  return blocks
    .map((b) => (b.kind === 'table' ? b.rows.map((r) => r.map((c) => c.text).join(' | ')).join('\n') : b.kind === 'rule' ? '' : b.text))
    .join('\n')
    .trim();
}

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'table', 'hr', 'div', 'blockquote', 'section', 'article', 'pre']);

/** Blocks of a run of nodes; loose inline content becomes paragraphs. */
export function blocksOf(nodes: Node[]): Block[] {
  const out: Block[] = [];
  let run: Node[] = [];
  const pushParagraph = (inline: RichNode[]) => {
    const text = inlineText(inline);
    // A typed bullet glyph (Word without list numbering) makes the paragraph a list item.
    if (GLYPH_BULLET.test(text)) {
      const item: RichNode = { type: 'listItem', content: [paragraph(stripBullet(inline))] };
      const prev = out[out.length - 1];
      if (prev?.kind === 'list' && prev.node.type === 'bulletList' && prev.node.content!.length < 10_000) {
        prev.node.content!.push(item);
        prev.text = plainOfNode(prev.node);
      } else {
        const node: RichNode = { type: 'bulletList', content: [item] };
        out.push({ kind: 'list', node, text: plainOfNode(node) });
      }
      return;
    }
    if (inline.length) out.push({ kind: 'paragraph', inline, text });
  };
  const flush = () => {
    if (run.length) pushParagraph(tidy(inlineOf(run)));
    run = [];
  };
  for (const n of nodes) {
    if (!isElement(n) || !BLOCK_TAGS.has(n.tagName)) {
      run.push(n);
      continue;
    }
    flush();
    const tag = n.tagName;
    if (tag === 'p' || tag === 'pre') pushParagraph(tidy(inlineOf(children(n))));
    else if (/^h[1-6]$/.test(tag)) {
      const inline = tidy(inlineOf(children(n)));
      if (inline.length) out.push({ kind: 'heading', level: Number(tag[1]), inline, text: inlineText(inline) });
    } else if (tag === 'ul' || tag === 'ol') {
      const node = listNode(n);
      out.push({ kind: 'list', node, text: plainOfNode(node) });
    } else if (tag === 'table') out.push({ kind: 'table', rows: tableRows(n) });
    else if (tag === 'hr') out.push({ kind: 'rule' });
    else out.push(...blocksOf(children(n)));
  }
  flush();
  return out;
}

/** The blocks of an HTML document or fragment. */
export function htmlToBlocks(html: string): Block[] {
  const root = parseFragment(html) as unknown as Node;
  checkDepth(root);
  return blocksOf(children(root));
}

/** Blocks as the editor's section content (tables become one paragraph per row, cells separated by " | "). */
export function blocksToRich(blocks: Block[]): RichNode[] {
  const out: RichNode[] = [];
  for (const b of blocks) {
    if (b.kind === 'paragraph') out.push(paragraph(b.inline));
    else if (b.kind === 'heading') out.push({ type: 'heading', attrs: { level: b.level <= 3 ? 3 : 4 }, content: b.inline });
    else if (b.kind === 'list') out.push(b.node);
    else if (b.kind === 'rule') out.push({ type: 'horizontalRule' });
    else for (const row of b.rows) {
      const text = row.map((c) => c.text.replace(/\n/g, ' ')).filter(Boolean).join(' | ');
      if (text) out.push(paragraph([{ type: 'text', text }]));
    }
  }
  return out;
}
