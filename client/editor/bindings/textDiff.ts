/**
 * The smallest single edit that turns one string into another, and position mapping through
 * a Yjs text delta. Pure functions: the Y.Text input binding is built on them, and they are
 * unit-tested without a DOM.
 */

/** Replace `remove` UTF-16 units at `index` with `insert`. */
export interface TextEdit {
  index: number;
  remove: number;
  insert: string;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The minimal edit from `before` to `after` (common prefix and suffix kept). When the text
 * repeats around the edit ("aa" → "aaa") several edits are minimal; `cursor` (the caret in
 * `after`, i.e. the end of what was typed) picks the one the person actually made, so a
 * concurrent edit elsewhere merges at the right place. Never splits a surrogate pair, so
 * CJK Extension B characters (𠮷) stay intact.
 */
export function diffText(before: string, after: string, cursor?: number): TextEdit {
  const minLength = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < minLength && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  if (cursor !== undefined) {
    // What was typed ends at the caret, so it cannot start after caret − (growth).
    const typedStart = cursor - Math.max(0, after.length - before.length);
    prefix = Math.max(0, Math.min(prefix, typedStart));
  }
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;

  let suffix = 0;
  const maxSuffix = minLength - prefix;
  while (
    suffix < maxSuffix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;

  return { index: prefix, remove: before.length - prefix - suffix, insert: after.slice(prefix, after.length - suffix) };
}

/** Applies an edit to a string (the inverse check of diffText in tests). */
export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.index) + edit.insert + text.slice(edit.index + edit.remove);
}

/** A Yjs text delta, as in `YTextEvent.delta`. */
export type TextDelta = Array<{ insert?: unknown; delete?: number; retain?: number }>;

/**
 * Where position `pos` of the old text is in the new text after `delta`. Text inserted
 * exactly at `pos` goes before it when `assoc` is 'after' (the caret stays after remote
 * typing at the same spot only if it was the end of a selection), after it otherwise.
 */
export function mapPosition(pos: number, delta: TextDelta, assoc: 'before' | 'after' = 'before'): number {
  let oldIndex = 0;
  let result = pos;
  for (const op of delta) {
    if (op.retain !== undefined) {
      oldIndex += op.retain;
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      if (oldIndex < pos || (oldIndex === pos && assoc === 'after')) result += length;
    } else if (op.delete !== undefined) {
      if (oldIndex < pos) result -= Math.min(op.delete, pos - oldIndex);
      oldIndex += op.delete;
    }
    if (oldIndex > pos) break;
  }
  return result;
}
