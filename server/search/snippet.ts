/**
 * The snippet of a match: the matched characters and a little text on either side, as plain
 * strings the client marks up itself. Matching is case-insensitive like the index's.
 */
import type { SearchSnippet } from '../../shared/protocol/search.js';

/** Characters shown before and after the match. */
const CONTEXT_BEFORE = 30;
const CONTEXT_AFTER = 60;

/**
 * Where `q` is in `text`, case-insensitively; -1 when it is not (the engines' case folding
 * can differ from JavaScript's for a few letters, then the caller shows the start).
 */
export function findMatch(text: string, q: string): number {
  const lower = text.toLowerCase();
  // toLowerCase keeps the length for everything a commitment holds but a few letters (İ):
  // only then do positions in the lowered text stand for positions in the text.
  if (lower.length === text.length) return lower.indexOf(q.toLowerCase());
  return text.indexOf(q);
}

export function snippetOf(text: string, q: string): SearchSnippet {
  const at = findMatch(text, q);
  if (at < 0) {
    const head = text.slice(0, CONTEXT_BEFORE + CONTEXT_AFTER);
    return { before: '', match: '', after: head, cutStart: false, cutEnd: head.length < text.length };
  }
  const start = Math.max(0, at - CONTEXT_BEFORE);
  const end = Math.min(text.length, at + q.length + CONTEXT_AFTER);
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  return {
    before: flat(text.slice(start, at)),
    match: text.slice(at, at + q.length),
    after: flat(text.slice(at + q.length, end)),
    cutStart: start > 0,
    cutEnd: end < text.length,
  };
}
