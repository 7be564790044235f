/**
 * Reading and writing the one field a suggestion names, on a commitment's Y.Doc. Writing is a
 * forward edit that changes only what differs (the common start and end of a text are kept,
 * a section changes only its differing blocks), so edits elsewhere in the field survive.
 */
import * as Y from 'yjs';
import type { SuggestionTarget, SuggestionValue } from '../../shared/protocol/suggestions.js';
import { EDITOR_MARKS, EDITOR_NODES } from '../../shared/schema/docLayout.js';
import {
  fragmentToRich,
  getMilestoneValue,
  milestonesMap,
  milestoneText,
  milestoneTextKey,
  paragraphs,
  sectionFragment,
  setMilestoneValue,
  shortText,
  type Lang,
  type RichDoc,
  type RichNode,
} from '../../shared/schema/index.js';
import { applySection } from '../versions/restore.js';
import { canonicalJSON } from '../versions/hash.js';

/** The field's value now; null when it names a milestone row that does not exist. */
export function readField(doc: Y.Doc, t: SuggestionTarget, lang: Lang): SuggestionValue | null {
  switch (t.kind) {
    case 'short':
      return shortText(doc, t.key, lang).toString();
    case 'section':
      return fragmentToRich(sectionFragment(doc, t.key, lang));
    case 'milestoneText':
      if (!milestonesMap(doc).has(t.rowId)) return null;
      return milestoneText(doc, t.rowId, t.cell, lang)?.toString() ?? '';
    case 'milestoneValue':
      if (!milestonesMap(doc).has(t.rowId)) return null;
      return getMilestoneValue(doc, t.rowId, t.cell);
  }
}

export const sameValue = (a: SuggestionValue, b: SuggestionValue): boolean => canonicalJSON(a) === canonicalJSON(b);

/** Replaces a Y.Text's content with `next`, keeping the common start and end (so cursors and concurrent edits there stay). */
export function replaceText(text: Y.Text, next: string): void {
  const now = text.toString();
  if (now === next) return;
  let head = 0;
  while (head < now.length && head < next.length && now[head] === next[head]) head++;
  let tail = 0;
  while (tail < now.length - head && tail < next.length - head && now[now.length - 1 - tail] === next[next.length - 1 - tail]) tail++;
  const removed = now.length - head - tail;
  if (removed > 0) text.delete(head, removed);
  const inserted = next.slice(head, next.length - tail);
  if (inserted) text.insert(head, inserted);
}

/** Writes `value` into the field; false when its milestone row is gone. */
export function writeField(doc: Y.Doc, t: SuggestionTarget, lang: Lang, value: SuggestionValue): boolean {
  switch (t.kind) {
    case 'short':
      replaceText(shortText(doc, t.key, lang), value as string);
      return true;
    case 'section':
      applySection(sectionFragment(doc, t.key, lang), value as RichDoc);
      return true;
    case 'milestoneText': {
      const row = milestonesMap(doc).get(t.rowId);
      if (!row) return false;
      const existing = milestoneText(doc, t.rowId, t.cell, lang);
      if (existing) replaceText(existing, value as string);
      else row.set(milestoneTextKey(t.cell, lang), new Y.Text(value as string));
      return true;
    }
    case 'milestoneValue':
      if (!milestonesMap(doc).has(t.rowId)) return false;
      setMilestoneValue(doc, t.rowId, t.cell, value as string);
      return true;
  }
}

/** Plain text typed for a section: one paragraph per line, blank lines dropped. */
export const plainToRich = (text: string): RichDoc => paragraphs(...text.split(/\r?\n/).map((l) => l.trimEnd()).filter((l) => l.length > 0));

/** The first node or mark outside the editor's schema, or null (a proposed section must be one the editor can show). */
export function foreignNode(node: RichNode): string | null {
  if (node.type !== 'text' && !EDITOR_NODES.has(node.type)) return node.type;
  for (const m of node.marks ?? []) if (!EDITOR_MARKS.has(m.type)) return m.type;
  for (const child of node.content ?? []) {
    const bad = foreignNode(child);
    if (bad) return bad;
  }
  return null;
}

/** Characters of text in a value (the size limit counts what people read, not JSON). */
export function textLength(value: SuggestionValue): number {
  if (typeof value === 'string') return value.length;
  let n = 0;
  const walk = (node: RichNode) => {
    n += node.text?.length ?? 0;
    for (const c of node.content ?? []) walk(c);
  };
  walk(value);
  return n;
}
