/**
 * Word tokens for the inline diff. Chinese has no spaces, so words come from Intl.Segmenter;
 * long texts are segmented in pieces because V8 copies the whole input into every segment
 * object (quadratic: a 60,000-character text exhausts the heap).
 */
import type { Lang } from '../schema/fields.js';

/** Longest piece handed to the segmenter at once. */
const CHUNK = 400;

/** Characters that always end a word, in both languages: cutting there cannot split a word. */
const BREAK = /[\s,.;:!?()[\]{}"'，。、；：！？（）「」『』《》〈〉…—]/u;

export const isBreak = (ch: string | undefined): boolean => !!ch && BREAK.test(ch);

const segmenters = new Map<Lang, Intl.Segmenter>();

function segmenterFor(lang: Lang): Intl.Segmenter | null {
  // Looked up on every call, not once: older runtimes lack it, and tests remove it.
  if (typeof Intl === 'undefined' || typeof Intl.Segmenter !== 'function') return null;
  let s = segmenters.get(lang);
  if (!s) {
    s = new Intl.Segmenter(lang === 'zh' ? 'zh-TW' : 'en', { granularity: 'word' });
    segmenters.set(lang, s);
  }
  return s;
}

/** End of the piece starting at `start`: after the last break within reach, else a hard cut. */
function pieceEnd(text: string, start: number): number {
  const limit = start + CHUNK;
  if (limit >= text.length) return text.length;
  for (let i = limit - 1; i > start; i--) if (isBreak(text[i])) return i + 1;
  // No break in reach: cut anyway, but not inside a surrogate pair.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit + 1 : limit;
}

/**
 * Cuts `text` into word tokens (per code point when Intl.Segmenter is missing); the tokens
 * concatenate back to `text`.
 * @example tokenize('辦理 3 場工作坊', 'zh') // ['辦理', ' ', '3', ' ', '場', '工作', '坊']
 */
export function tokenize(text: string, lang: Lang): string[] {
  const segmenter = segmenterFor(lang);
  if (!segmenter) return Array.from(text);
  const out: string[] = [];
  for (let start = 0; start < text.length; ) {
    const end = pieceEnd(text, start);
    for (const s of segmenter.segment(text.slice(start, end))) out.push(s.segment);
    start = end;
  }
  return out;
}
