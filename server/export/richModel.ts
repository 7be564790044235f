/** Rich text (ProseMirror JSON) normalised to a small block tree, so each format renders the same structure and never sees raw attrs. */
import type { RichNode } from '../../shared/schema/index.js';
import { cleanText, safeHref } from './model.js';

export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  underline?: boolean;
  code?: boolean;
  /** A link target with a safe scheme; unsafe links lose their target and stay as text. */
  href?: string;
}
export type Inline = Span | { br: true };

export type Block =
  | { kind: 'p'; inlines: Inline[] }
  | { kind: 'h'; level: number; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'code'; text: string }
  | { kind: 'hr' };

const MAX_DEPTH = 12;

function inlines(nodes: RichNode[] | undefined): Inline[] {
  const out: Inline[] = [];
  for (const n of Array.isArray(nodes) ? nodes : []) {
    if (!n || typeof n !== 'object') continue;
    if (n.type === 'hardBreak') out.push({ br: true });
    else if (n.type === 'text') {
      const text = cleanText(n.text);
      if (!text) continue;
      const span: Span = { text };
      for (const m of Array.isArray(n.marks) ? n.marks : []) {
        if (m?.type === 'bold') span.bold = true;
        else if (m?.type === 'italic') span.italic = true;
        else if (m?.type === 'strike') span.strike = true;
        else if (m?.type === 'underline') span.underline = true;
        else if (m?.type === 'code') span.code = true;
        else if (m?.type === 'link') {
          const href = safeHref(m.attrs?.href);
          if (href) span.href = href;
        }
      }
      // A newline inside a text node is a line break, not a new block (Markdown/HTML would otherwise reinterpret it).
      text.split('\n').forEach((piece, i) => {
        if (i > 0) out.push({ br: true });
        if (piece) out.push({ ...span, text: piece });
      });
    } else if (n.type === 'image') {
      const alt = cleanText(n.attrs?.alt ?? n.attrs?.title ?? '');
      out.push({ text: alt ? `[${alt}]` : '[image]' });
    } else out.push(...inlines(n.content));
  }
  return out;
}

function isInline(n: RichNode): boolean {
  return n.type === 'text' || n.type === 'hardBreak' || n.type === 'image';
}

function int(v: unknown, min: number, max: number, fallback: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isInteger(n) ? Math.max(min, Math.min(max, n)) : fallback;
}

function blocks(nodes: RichNode[] | undefined, depth: number): Block[] {
  const out: Block[] = [];
  let pending: RichNode[] = [];
  const flush = () => {
    if (pending.length) out.push({ kind: 'p', inlines: inlines(pending) });
    pending = [];
  };
  for (const n of Array.isArray(nodes) ? nodes : []) {
    if (!n || typeof n !== 'object') continue;
    if (isInline(n)) {
      pending.push(n);
      continue;
    }
    flush();
    if (depth >= MAX_DEPTH) {
      out.push({ kind: 'p', inlines: inlines(n.content) });
      continue;
    }
    switch (n.type) {
      case 'paragraph':
        out.push({ kind: 'p', inlines: inlines(n.content) });
        break;
      case 'heading':
        out.push({ kind: 'h', level: int(n.attrs?.level, 1, 6, 1), inlines: inlines(n.content) });
        break;
      case 'bulletList':
      case 'orderedList':
      case 'taskList': {
        const items = (Array.isArray(n.content) ? n.content : []).map((item) =>
          item && typeof item === 'object' && (item.type === 'listItem' || item.type === 'taskItem')
            ? blocks(item.content, depth + 1)
            : blocks([item], depth + 1),
        );
        out.push({ kind: 'list', ordered: n.type === 'orderedList', start: int(n.attrs?.start, 0, 1_000_000, 1), items });
        break;
      }
      case 'blockquote':
        out.push({ kind: 'quote', blocks: blocks(n.content, depth + 1) });
        break;
      case 'codeBlock':
        out.push({ kind: 'code', text: inlines(n.content).map((i) => ('br' in i ? '\n' : i.text)).join('') });
        break;
      case 'horizontalRule':
        out.push({ kind: 'hr' });
        break;
      default:
        // Unknown nodes (tables, future extensions) keep their text rather than vanish.
        out.push(...blocks(n.content, depth + 1));
    }
  }
  flush();
  return out;
}

export function richBlocks(doc: RichNode | undefined): Block[] {
  return doc && typeof doc === 'object' ? blocks(doc.content, 0) : [];
}

/** The text of inlines, with links written as `text (url)` where the URL isn't already the text. */
export function inlineText(list: Inline[]): string {
  return list.map((i) => ('br' in i ? '\n' : i.href && i.href !== i.text ? `${i.text} (${i.href})` : i.text)).join('');
}
