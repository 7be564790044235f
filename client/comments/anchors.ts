/**
 * Comment anchors: a range of a section's text held as two Yjs relative positions, so that it
 * follows the text through everyone's concurrent edits. The start sticks to the first
 * character of the range and the end to the last, so text typed just outside the range
 * stays outside and text typed inside it joins it. Pure Yjs: no editor needed to resolve.
 */
import * as Y from 'yjs';

export interface TextAnchor {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
}

/**
 * attached: the range covers text · orphaned: the anchored text was deleted (kept, and shown
 * as such) · pending: the commitment's text the anchor refers to has not arrived yet.
 */
export type AnchorState = 'attached' | 'orphaned' | 'pending';

export interface ResolvedAnchor {
  state: AnchorState;
  /** The text the range covers now (paragraphs joined by a line break); '' unless attached. */
  text: string;
  /** Characters of the section before the range, for ordering threads as the text reads. */
  offset: number;
}

/**
 * The range [from, to) of characters of the Y.XmlText pair (start may be in one paragraph,
 * end in another).
 * @example anchorBetween(paragraph, 4, paragraph, 14)
 */
export function anchorBetween(startText: Y.XmlText, from: number, endText: Y.XmlText, to: number): TextAnchor {
  return {
    // assoc ≥ 0: the position sticks to the character after it (the range's first).
    start: Y.createRelativePositionFromTypeIndex(startText, from, 0),
    // assoc < 0: the position sticks to the character before it (the range's last).
    end: Y.createRelativePositionFromTypeIndex(endText, to, -1),
  };
}

/** The range [from, to) within one paragraph's text. */
export const anchorInText = (text: Y.XmlText, from: number, to: number): TextAnchor => anchorBetween(text, from, text, to);

export const encodeAnchor = (a: TextAnchor) => ({ start: Y.encodeRelativePosition(a.start), end: Y.encodeRelativePosition(a.end) });

/** Null when the bytes are not relative positions (the comment document is written by many people). */
export function decodeAnchor(start: unknown, end: unknown): TextAnchor | null {
  if (!(start instanceof Uint8Array) || !(end instanceof Uint8Array)) return null;
  try {
    return { start: Y.decodeRelativePosition(start), end: Y.decodeRelativePosition(end) };
  } catch {
    return null;
  }
}

/** Characters of an XmlText (formatting is not text; an embed counts as one character). */
const plain = (t: Y.XmlText): string =>
  (t.toDelta() as Array<{ insert: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '\uFFFC')).join('');

interface Piece {
  text: Y.XmlText;
  chars: string;
  /** Characters of the fragment before this text. */
  offset: number;
  /** A new block starts here (a line break in the covered text). */
  breakBefore: boolean;
}

/** The texts of a fragment in reading order. */
function piecesOf(fragment: Y.XmlFragment): Piece[] {
  const out: Piece[] = [];
  let offset = 0;
  let pendingBreak = false;
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        const chars = plain(child);
        out.push({ text: child, chars, offset, breakBefore: pendingBreak && out.length > 0 });
        pendingBreak = false;
        offset += chars.length;
      } else if (child instanceof Y.XmlElement) {
        pendingBreak = true;
        walk(child);
        pendingBreak = true;
      }
    }
  };
  walk(fragment);
  return out;
}

/** True when the position names something this doc has not received yet (as opposed to something deleted). */
function notYetReceived(doc: Y.Doc, rel: Y.RelativePosition): boolean {
  const id = rel.item ?? rel.type;
  return id !== null && Y.getState(doc.store, id.client) <= id.clock;
}

const ORPHANED: ResolvedAnchor = { state: 'orphaned', text: '', offset: Infinity };

/**
 * Where the anchor is now in `fragment` (the section it was made in) and what it covers.
 * When only one end's paragraph was deleted, the range keeps what is left of the other.
 * @example resolveAnchor(doc, sectionFragment(doc, 'problem', 'zh'), anchor).text
 */
export function resolveAnchor(doc: Y.Doc, fragment: Y.XmlFragment, anchor: TextAnchor): ResolvedAnchor {
  const start = Y.createAbsolutePositionFromRelativePosition(anchor.start, doc);
  const end = Y.createAbsolutePositionFromRelativePosition(anchor.end, doc);
  if (notYetReceived(doc, anchor.start) || notYetReceived(doc, anchor.end)) return { state: 'pending', text: '', offset: Infinity };
  const pieces = piecesOf(fragment);
  let si = start ? pieces.findIndex((p) => p.text === start.type) : -1;
  let ei = end ? pieces.findIndex((p) => p.text === end.type) : -1;
  if (si < 0 && ei < 0) return ORPHANED;
  const from = si < 0 ? 0 : Math.min(start!.index, pieces[si]!.chars.length);
  const to = ei < 0 ? pieces[si]!.chars.length : Math.min(end!.index, pieces[ei]!.chars.length);
  if (si < 0) si = ei;
  if (ei < 0) ei = si;
  if (si > ei || (si === ei && from >= to)) return ORPHANED;
  let text = '';
  for (let i = si; i <= ei; i++) {
    const p = pieces[i]!;
    const piece = p.chars.slice(i === si ? from : 0, i === ei ? to : p.chars.length);
    if (p.breakBefore && i > si && text !== '') text += '\n';
    text += piece;
  }
  if (text.replace(/\n/g, '') === '') return ORPHANED;
  return { state: 'attached', text, offset: pieces[si]!.offset + from };
}
