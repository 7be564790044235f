/**
 * Between a TipTap editor's positions and comment anchors, through the y-prosemirror binding
 * of the section (its fragment and the node mapping it keeps).
 */
import type { EditorState } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { absolutePositionToRelativePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { anchorBetween, type TextAnchor } from './anchors.js';

interface Binding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: Map<Y.AbstractType<unknown>, unknown>;
}

const bindingOf = (state: EditorState): Binding | null =>
  ((ySyncPluginKey.getState(state) as { binding?: Binding } | undefined)?.binding ?? null);

/** The XmlText and index at an editor position, or null at a place between blocks. */
function textAt(b: Binding, pos: number): { text: Y.XmlText; index: number } | null {
  const rel = absolutePositionToRelativePosition(pos, b.type, b.mapping as never) as Y.RelativePosition;
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, b.doc);
  return abs && abs.type instanceof Y.XmlText ? { text: abs.type, index: abs.index } : null;
}

/** The anchor of the editor range [from, to), or null when it holds no text. */
export function anchorOfRange(state: EditorState, from: number, to: number): TextAnchor | null {
  const b = bindingOf(state);
  if (!b || to <= from) return null;
  const start = textAt(b, from) ?? textAt(b, from + 1);
  const end = textAt(b, to) ?? textAt(b, to - 1);
  return start && end ? anchorBetween(start.text, start.index, end.text, end.index) : null;
}

type Sized = { nodeSize: number };

/**
 * The editor position of a relative position: y-tiptap's `relativePositionToAbsolutePosition`
 * without its drag-and-drop guard, which discards every item position that lands at the very
 * start of the document (a comment on the section's first words would never be marked).
 */
function editorPosition(b: Binding, rel: Y.RelativePosition): number | null {
  const decoded = Y.createAbsolutePositionFromRelativePosition(rel, b.doc);
  if (!decoded) return null;
  for (let t: Y.AbstractType<unknown> | null = decoded.type; t && t !== b.type; t = (t._item?.parent as Y.AbstractType<unknown> | undefined) ?? null) {
    // Deleted, or not in this section at all.
    if (!t._item || t._item.deleted) return null;
  }
  const sizeOf = (t: Y.AbstractType<unknown>): number | null => (t instanceof Y.XmlText ? t.length : ((b.mapping.get(t) as Sized | undefined)?.nodeSize ?? null));
  let type: Y.AbstractType<unknown> = decoded.type;
  let pos = 0;
  if (type instanceof Y.XmlText) pos = decoded.index;
  else {
    let i = 0;
    for (let n = type._start; n && i < decoded.index; n = n.right) {
      if (n.deleted) continue;
      const size = sizeOf((n.content as Y.ContentType).type as Y.AbstractType<unknown>);
      if (size === null) return null;
      pos += size;
      i++;
    }
    pos += 1;
  }
  while (type !== b.type && type._item) {
    const parent = type._item.parent as Y.AbstractType<unknown>;
    pos += 1;
    for (let n = parent._start; n; n = n.right) {
      const child = (n.content as Y.ContentType).type as Y.AbstractType<unknown>;
      if (child === type) break;
      if (n.deleted) continue;
      const size = sizeOf(child);
      if (size === null) return null;
      pos += size;
    }
    type = parent;
  }
  return pos - 1;
}

/** Where the anchor is in the editor now, or null when it covers nothing (orphaned) or is elsewhere. */
export function rangeOfAnchor(state: EditorState, anchor: TextAnchor): { from: number; to: number } | null {
  const b = bindingOf(state);
  if (!b) return null;
  try {
    const from = editorPosition(b, anchor.start);
    const to = editorPosition(b, anchor.end);
    if (from === null || to === null || to <= from) return null;
    const size = state.doc.content.size;
    return { from: Math.max(0, Math.min(from, size)), to: Math.max(0, Math.min(to, size)) };
  } catch {
    // A position the binding cannot map yet (mid-render): no highlight this time.
    return null;
  }
}

/**
 * The browser's text selection inside this editor, as editor positions. Read from the DOM
 * because a read-only editor (viewers comment too) does not track its selection itself.
 */
export function domSelectionRange(view: EditorView): { from: number; to: number; text: string } | null {
  const sel = view.dom.ownerDocument.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const { anchorNode, focusNode } = sel;
  if (!anchorNode || !focusNode || !view.dom.contains(anchorNode) || !view.dom.contains(focusNode)) return null;
  try {
    const a = view.posAtDOM(anchorNode, sel.anchorOffset);
    const f = view.posAtDOM(focusNode, sel.focusOffset);
    const from = Math.min(a, f);
    const to = Math.max(a, f);
    return to > from ? { from, to, text: view.state.doc.textBetween(from, to, '\n') } : null;
  } catch {
    return null;
  }
}
