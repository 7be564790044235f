/**
 * Converts between a Y.XmlFragment bound to a TipTap editor and ProseMirror JSON, without
 * needing the editor schema (so the server, diff and exports can read a section headless).
 * It follows y-prosemirror's encoding: an element per node (attributes = node attrs) and
 * Y.XmlText runs whose formatting attributes are the marks (`{ bold: {} }`).
 */
import * as Y from 'yjs';
import type { RichDoc, RichMark, RichNode } from './types.js';

/** y-prosemirror suffixes a hash to marks that may overlap (`comment--a1b2`). */
const markName = (key: string): string => key.replace(/--[a-zA-Z0-9+/=]{2,}$/, '');

function textNodes(text: Y.XmlText): RichNode[] {
  const out: RichNode[] = [];
  for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
    if (typeof op.insert !== 'string' || op.insert.length === 0) continue;
    const node: RichNode = { type: 'text', text: op.insert };
    if (op.attributes) {
      const marks: RichMark[] = Object.keys(op.attributes)
        .sort()
        .map((key) => {
          const attrs = op.attributes![key];
          const mark: RichMark = { type: markName(key) };
          if (attrs && typeof attrs === 'object' && Object.keys(attrs).length > 0) {
            mark.attrs = { ...(attrs as Record<string, unknown>) };
          }
          return mark;
        });
      if (marks.length) node.marks = marks;
    }
    out.push(node);
  }
  return out;
}

function elementNode(el: Y.XmlElement): RichNode {
  const node: RichNode = { type: el.nodeName };
  const attrs = el.getAttributes() as Record<string, unknown>;
  const keys = Object.keys(attrs).filter((k) => attrs[k] !== null && attrs[k] !== undefined && k !== 'ychange');
  if (keys.length) {
    node.attrs = {};
    for (const k of keys.sort()) node.attrs[k] = attrs[k];
  }
  const content = childrenOf(el);
  if (content.length) node.content = content;
  return node;
}

function childrenOf(parent: Y.XmlFragment | Y.XmlElement): RichNode[] {
  const out: RichNode[] = [];
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) out.push(...textNodes(child));
    else if (child instanceof Y.XmlElement) out.push(elementNode(child));
  }
  return out;
}

/** Renders a section's fragment as a ProseMirror `doc` node. */
export function fragmentToRich(fragment: Y.XmlFragment): RichDoc {
  return { type: 'doc', content: childrenOf(fragment) };
}

function richToYChildren(nodes: RichNode[]): Array<Y.XmlElement | Y.XmlText> {
  const out: Array<Y.XmlElement | Y.XmlText> = [];
  let run: Y.XmlText | null = null;
  let runLength = 0;
  for (const node of nodes) {
    if (node.type === 'text') {
      if (!node.text) continue;
      if (!run) {
        run = new Y.XmlText();
        runLength = 0;
        out.push(run);
      }
      const attributes: Record<string, unknown> = {};
      for (const mark of node.marks ?? []) attributes[mark.type] = mark.attrs ?? {};
      // Yjs queues writes to a not-yet-integrated Y.XmlText and applies them on insertion.
      run.insert(runLength, node.text, Object.keys(attributes).length ? attributes : {});
      runLength += node.text.length;
    } else {
      run = null;
      const el = new Y.XmlElement(node.type);
      for (const [k, v] of Object.entries(node.attrs ?? {})) {
        if (v !== null && v !== undefined) el.setAttribute(k, v as string);
      }
      const children = richToYChildren(node.content ?? []);
      if (children.length) el.insert(0, children);
      out.push(el);
    }
  }
  return out;
}

/**
 * Replaces the content of `fragment` with `doc`. Call inside a transaction; `fragment` must
 * belong to a Y.Doc.
 */
export function writeRich(fragment: Y.XmlFragment, doc: RichDoc): void {
  if (fragment.length) fragment.delete(0, fragment.length);
  const children = richToYChildren(doc.content ?? []);
  if (children.length) fragment.insert(0, children);
}

/** An empty section. */
export const emptyRich = (): RichDoc => ({ type: 'doc', content: [] });

/** A section made of plain paragraphs (one per line). */
export function paragraphs(...lines: string[]): RichDoc {
  return {
    type: 'doc',
    content: lines.map((line) =>
      line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' },
    ),
  };
}

/** The plain text of a rich node, blocks separated by newlines. */
export function richToPlain(node: RichNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  const inner = (node.content ?? []).map(richToPlain);
  const isBlockContainer = (node.content ?? []).some((c) => c.type !== 'text' && c.type !== 'hardBreak');
  return inner.join(isBlockContainer ? '\n' : '');
}
