/**
 * Lines of a read document as the recogniser sees them: a label at a line's start (`**公共問題**：…`,
 * `Public problem:`), a bold label that names no field, the marker put over unplaced content,
 * and the note paragraphs our own exports add above a translated section.
 */
import type { Lang, RichNode } from '../../shared/schema/index.js';
import type { Block } from './html.js';
import { matchField, type LabelField } from './labels.js';
import { MARKER, stripNotes } from './imported.js';

export function markerParagraph(lang: Lang, label: string): RichNode {
  return { type: 'paragraph', content: [{ type: 'text', text: MARKER[lang](label), marks: [{ type: 'bold' }] }] };
}

/** Our exports write a note paragraph ("(translation outdated)") above a translated section. */
export function dropNoteBlocks(blocks: Block[]): Block[] {
  return blocks.filter((b) => !(b.kind === 'paragraph' && !stripNotes(b.text)));
}

/**
 * A paragraph that opens with a label: bold text that is one (`**權責機關**：國發會`), or
 * `label：value` in plain text. Returns the rest of the line (the value), which may be empty.
 */
export function labelLine(inline: RichNode[]): { key: LabelField; lang: Lang; label: string; rest: RichNode[] } | null {
  const first = inline[0];
  if (!first || first.type !== 'text') return null;
  const bold = first.marks?.some((m) => m.type === 'bold');
  if (bold) {
    const label = first.text!.replace(/[：:]\s*$/, '');
    const hit = matchField(label);
    const rest = trimStart(inline.slice(1));
    // A budget is a table: 「**預算**」 alone labels one, 「預算：由公務預算支應」 is a sentence of its section.
    if (hit && !(hit.key === 'budget' && rest.length)) return { ...hit, label, rest };
  }
  const m = /^([^：:\n]{1,40})[：:]\s*/.exec(first.text!);
  if (m) {
    const hit = matchField(m[1]!);
    if (hit && hit.key !== 'budget') {
      const remainder = first.text!.slice(m[0].length);
      const rest = remainder ? [{ ...first, text: remainder }, ...inline.slice(1)] : inline.slice(1);
      return { ...hit, label: m[1]!, rest: trimStart(rest) };
    }
  }
  return null;
}

/** `**聯絡人**：王小明`: a bold label that names no field, and its value. */
export function unknownLabelLine(inline: RichNode[]): { label: string; rest: RichNode[] } | null {
  const first = inline[0];
  if (first?.type !== 'text' || !first.marks?.some((m) => m.type === 'bold')) return null;
  const label = first.text!.replace(/[：:]\s*$/, '').trim();
  const colon = /[：:]\s*$/.test(first.text!) || (inline[1]?.type === 'text' && /^\s*[：:]/.test(inline[1].text!));
  if (!colon || !label || label.length > 30) return null;
  return { label, rest: trimStart(inline.slice(1)) };
}

export function trimStart(inline: RichNode[]): RichNode[] {
  const out = [...inline];
  while (out[0]?.type === 'text') {
    const text = out[0].text!.replace(/^[\s：:]+/, '');
    if (text) {
      out[0] = { ...out[0], text };
      break;
    }
    out.shift();
  }
  while (out[0]?.type === 'hardBreak') out.shift();
  return out;
}
