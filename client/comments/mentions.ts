/** `@name` mentions in a comment: finding the query being typed, and who a text mentions. */
import type { PersonView } from '../../shared/protocol/public.js';
import type { Mention } from './threads.js';

/** The `@query` just before the caret (null when the caret is not in a mention). */
export function mentionQuery(text: string, caret: number): { query: string; start: number } | null {
  // Chinese is typed without spaces (「數據。@王」): `@` opens after CJK text or any punctuation,
  // but not after a Latin letter or digit, where it is an e-mail address.
  const m = /(^|[^\p{L}\p{N}_]|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])@([^\s@]{0,30})$/u.exec(text.slice(0, caret));
  return m ? { query: m[2]!, start: caret - m[2]!.length - 1 } : null;
}

/** People whose name contains the query, best matches (name starts with it) first. */
export function matchPeople(people: PersonView[], query: string, limit = 6): PersonView[] {
  const q = query.toLowerCase();
  return people
    .filter((p) => p.name.toLowerCase().includes(q))
    .sort((a, b) => Number(!a.name.toLowerCase().startsWith(q)) - Number(!b.name.toLowerCase().startsWith(q)))
    .slice(0, limit);
}

/** Everyone `@Name` appears for in the text (the picker inserts exactly that). */
export const mentionsIn = (text: string, people: PersonView[]): Mention[] =>
  people.filter((p) => text.includes(`@${p.name}`)).map((p) => ({ id: p.id, name: p.name }));

/** The text split into plain parts and mention parts, for display. */
export function splitMentions(text: string, mentions: Mention[]): Array<{ text: string; mention?: Mention }> {
  const names = [...mentions].sort((a, b) => b.name.length - a.name.length);
  const out: Array<{ text: string; mention?: Mention }> = [];
  let rest = text;
  while (rest) {
    let best: { index: number; mention: Mention } | null = null;
    for (const m of names) {
      const i = rest.indexOf(`@${m.name}`);
      if (i >= 0 && (!best || i < best.index)) best = { index: i, mention: m };
    }
    if (!best) {
      out.push({ text: rest });
      break;
    }
    if (best.index > 0) out.push({ text: rest.slice(0, best.index) });
    out.push({ text: `@${best.mention.name}`, mention: best.mention });
    rest = rest.slice(best.index + best.mention.name.length + 1);
  }
  return out;
}
