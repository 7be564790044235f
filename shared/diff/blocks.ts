/**
 * A reversible flattening of a ProseMirror doc into its leaf blocks, so sections can be
 * diffed as a sequence (paragraphs, headings, list items) and rebuilt to the exact same JSON.
 */
import type { RichDoc, RichNode } from '../schema/types.js';
import { canonical, clone } from './json.js';
import type { BlockInfo } from './types.js';

/** A leaf block with the containers around it. */
export interface LeafBlock {
  node: RichNode;
  /** Ancestor containers without their content, outermost first (the doc excluded). */
  wrappers: RichNode[];
  /** How many leading wrappers are the same nodes as the previous leaf's (same list, same item). */
  join: number;
  info: BlockInfo;
}

const TEXTBLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);
const LIST_ITEMS = new Set(['listItem', 'taskItem']);

/** Leaves hold text (or nothing); everything else only groups blocks. */
function isLeaf(node: RichNode): boolean {
  const content = node.content;
  if (!content || content.length === 0) return true;
  return TEXTBLOCKS.has(node.type) || content.some((c) => c.type === 'text');
}

function shell(node: RichNode): RichNode {
  const { content: _content, ...rest } = node;
  return rest;
}

function describe(node: RichNode, wrappers: RichNode[]): BlockInfo {
  // A list is the container directly around a list item, whatever the extension calls it.
  const lists = wrappers.filter((w, i) => !LIST_ITEMS.has(w.type) && LIST_ITEMS.has(wrappers[i + 1]?.type ?? ''));
  const parent = wrappers[wrappers.length - 1];
  const info: BlockInfo = {
    kind: parent && LIST_ITEMS.has(parent.type) && TEXTBLOCKS.has(node.type) ? 'listItem' : node.type,
    depth: lists.length,
    text: inlineRuns(node).map((r) => r.text).join(''),
  };
  if (node.type === 'heading' && typeof node.attrs?.level === 'number') info.level = node.attrs.level;
  if (lists.length) info.listType = lists[lists.length - 1]!.type;
  return info;
}

/** One inline node of a leaf: its text and everything else about it (marks, attrs). */
export interface InlineRun {
  text: string;
  format: string;
}

/** The inline content of a leaf block; hard breaks count as `\n`, other inline atoms as ''. */
export function inlineRuns(node: RichNode): InlineRun[] {
  return (node.content ?? []).map((child) => {
    const text = child.type === 'text' ? (child.text ?? '') : child.type === 'hardBreak' ? '\n' : '';
    return { text, format: canonical({ ...child, text: undefined }) };
  });
}

/** The leaf blocks of `doc` in document order. */
export function flattenDoc(doc: RichDoc): LeafBlock[] {
  const out: LeafBlock[] = [];
  let previous: RichNode[] = [];
  const walk = (nodes: RichNode[], ancestors: RichNode[]) => {
    for (const node of nodes) {
      if (!isLeaf(node)) {
        walk(node.content!, [...ancestors, node]);
        continue;
      }
      let join = 0;
      while (join < ancestors.length && join < previous.length && ancestors[join] === previous[join]) join++;
      const wrappers = ancestors.map(shell);
      out.push({ node, wrappers, join, info: describe(node, wrappers) });
      previous = ancestors;
    }
  };
  walk(doc.content ?? [], []);
  return out;
}

/** The inverse of `flattenDoc`: reopens containers where `join` says a new one starts. */
export function rebuildDoc(leaves: Array<Pick<LeafBlock, 'node' | 'wrappers' | 'join'>>): RichDoc {
  const doc: RichDoc = { type: 'doc', content: [] };
  const open: RichNode[] = [];
  for (const leaf of leaves) {
    const join = Math.min(leaf.join, open.length, leaf.wrappers.length);
    open.length = join;
    for (const wrapper of leaf.wrappers.slice(join)) {
      const node: RichNode = { ...clone(wrapper), content: [] };
      (open.length ? open[open.length - 1]!.content! : doc.content).push(node);
      open.push(node);
    }
    (open.length ? open[open.length - 1]!.content! : doc.content).push(clone(leaf.node));
  }
  return doc;
}
