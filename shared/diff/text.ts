/**
 * Inline text diff that respects Chinese: texts are cut into words with Intl.Segmenter
 * (zh-TW has no spaces, so splitting on whitespace would make a whole sentence one token).
 */
import { diffArrays } from 'diff';
import type { Lang } from '../schema/fields.js';
import { isBreak, tokenize } from './tokenize.js';
import type { TextSegment } from './types.js';

/**
 * Past this many changed tokens a text counts as rewritten and is shown as replaced whole:
 * the token diff costs time proportional to length × changes, and a word-level redline of a
 * rewrite helps no one.
 */
const MAX_EDIT_TOKENS = 1000;

/** Appends a run, merging it into the previous one when the op is the same. */
export function pushSegment(out: TextSegment[], op: TextSegment['op'], text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.op === op) last.text += text;
  else out.push({ op, text });
}

/**
 * The inline diff of two texts as runs of equal, deleted and inserted text.
 * @example diffText('辦理 3 場工作坊', '辦理 5 場工作坊', 'zh')
 * // [{op:'equal',text:'辦理 '},{op:'delete',text:'3'},{op:'insert',text:'5'},{op:'equal',text:' 場工作坊'}]
 */
export function diffText(before: string, after: string, lang: Lang): TextSegment[] {
  const out: TextSegment[] = [];
  if (before === after) {
    pushSegment(out, 'equal', before);
    return out;
  }
  // Only the part between the shared start and end needs tokens: long texts stay cheap.
  const [head, tail] = sharedEnds(before, after);
  const [a, b] = [before.slice(head, before.length - tail), after.slice(head, after.length - tail)];
  const raw: TextSegment[] = [{ op: 'equal', text: before.slice(0, head) }];
  const parts = diffArrays(tokenize(a, lang), tokenize(b, lang), { maxEditLength: MAX_EDIT_TOKENS });
  if (!parts) raw.push({ op: 'delete', text: a }, { op: 'insert', text: b });
  for (const part of parts ?? []) {
    raw.push({ op: part.added ? 'insert' : part.removed ? 'delete' : 'equal', text: part.value.join('') });
  }
  raw.push({ op: 'equal', text: before.slice(before.length - tail) });
  const merged: TextSegment[] = [];
  for (const s of raw) pushSegment(merged, s.op, s.text);
  return cleanup(merged, lang);
}

/**
 * Lengths of the common start and end of two texts, each ending at a word break (a space or
 * punctuation) so the words around the edit are segmented in their context.
 */
function sharedEnds(a: string, b: string): [number, number] {
  const max = Math.min(a.length, b.length);
  let head = 0;
  while (head < max && a[head] === b[head]) head++;
  while (head > 0 && !isBreak(a[head - 1])) head--;
  let tail = 0;
  while (tail < max - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  while (tail > 0 && !isBreak(a[a.length - tail])) tail--;
  return [head, tail];
}

/**
 * Makes a raw token diff readable: a lone space kept between two changes is folded into them
 * (so a rewrite reads as one replacement, not word-space-word), each run of changes shows
 * the deletion before the insertion, and what the two sides still share at their ends is
 * shown as kept.
 */
function cleanup(raw: TextSegment[], lang: Lang): TextSegment[] {
  const out: TextSegment[] = [];
  let del = '';
  let ins = '';
  const flush = () => {
    const [head, d, i, tail] = trimShared(del, ins, lang);
    pushSegment(out, 'equal', head);
    pushSegment(out, 'delete', d);
    pushSegment(out, 'insert', i);
    pushSegment(out, 'equal', tail);
    del = ins = '';
  };
  const isChange = (s: TextSegment | undefined) => !!s && s.op !== 'equal';
  raw.forEach((s, k) => {
    if (s.op === 'delete') del += s.text;
    else if (s.op === 'insert') ins += s.text;
    else if (/^\s+$/.test(s.text) && isChange(raw[k - 1]) && isChange(raw[k + 1])) {
      del += s.text;
      ins += s.text;
    } else {
      flush();
      pushSegment(out, 'equal', s.text);
    }
  });
  flush();
  return out;
}

/**
 * Splits off the common start and end of a replacement. Chinese is compared per character,
 * because its word boundaries move with context ('並公開' vs '並於 30 日內公開'); English per
 * word, so a reader never sees half a word highlighted.
 */
function trimShared(del: string, ins: string, lang: Lang): [string, string, string, string] {
  if (!del || !ins) return ['', del, ins, ''];
  const units = (t: string) => (lang === 'zh' ? Array.from(t) : tokenize(t, lang));
  const [a, b] = [units(del), units(ins)];
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return [
    a.slice(0, head).join(''),
    a.slice(head, a.length - tail).join(''),
    b.slice(head, b.length - tail).join(''),
    a.slice(a.length - tail).join(''),
  ];
}

/** The old (`'before'`) or new (`'after'`) text a segment list describes. */
export function segmentsText(segments: TextSegment[], side: 'before' | 'after'): string {
  const skip = side === 'before' ? 'insert' : 'delete';
  return segments.filter((s) => s.op !== skip).map((s) => s.text).join('');
}

/** Character pairs of a text with their counts: a cheap profile to compare blocks by. */
export function bigrams(text: string): Map<string, number> {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  const out = new Map<string, number>();
  if (chars.length === 1) out.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const key = chars[i]! + chars[i + 1]!;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/**
 * How alike two texts are, 0 (nothing shared) to 1 (same), by shared character pairs (Dice).
 * Used to decide which edited blocks correspond; an exact diff per candidate pair costs
 * milliseconds each, which a section with many rewritten paragraphs cannot afford.
 */
export function similarity(a: Map<string, number>, b: Map<string, number>): number {
  let total = 0;
  let shared = 0;
  for (const n of a.values()) total += n;
  for (const [key, n] of b) {
    total += n;
    shared += Math.min(n, a.get(key) ?? 0);
  }
  return total === 0 ? 1 : (2 * shared) / total;
}
