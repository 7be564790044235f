/**
 * New comments in a stored update of a comment document (`cm-<slug>`), read back from the
 * server's own copy: which thread each is in, who opened it, and its text. The comment list
 * a client sends with a mention is not trusted here; the service matches names itself.
 */
import * as Y from 'yjs';
import { COMMENT_THREADS, THREAD_COMMENTS } from '../../shared/schema/commentThreads.js';

export interface NewComment {
  threadId: string;
  commentId: string;
  authorId: string;
  authorName: string;
  text: string;
  /** Who opened the thread, and whether this comment is a reply (not the opening one). */
  threadAuthorId: string;
  isReply: boolean;
  /** The ids the writer's client listed as mentioned (a hint only). */
  mentionIds: string[];
}

/** Most new comments looked at in one update (a crafted update could hold thousands). */
const MAX_PER_UPDATE = 50;

const str = (v: unknown, max: number) => (typeof v === 'string' ? [...v].slice(0, max).join('') : '');

/** Ids of comment entries inserted by `update` (plain objects pushed into a thread's list). */
function insertedIds(update: Uint8Array): Set<string> {
  const ids = new Set<string>();
  for (const s of Y.decodeUpdate(update).structs) {
    if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentAny)) continue;
    for (const v of s.content.arr as unknown[]) {
      if (v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string' && typeof (v as { text?: unknown }).text === 'string') ids.add((v as { id: string }).id);
      if (ids.size >= MAX_PER_UPDATE) return ids;
    }
  }
  return ids;
}

/** The comments `update` added that the document `doc` now holds, written by `authorId`. */
export function newComments(doc: Y.Doc, update: Uint8Array, authorId: string): NewComment[] {
  const wanted = insertedIds(update);
  if (wanted.size === 0) return [];
  const out: NewComment[] = [];
  doc.getMap<unknown>(COMMENT_THREADS).forEach((thread, threadId) => {
    if (!(thread instanceof Y.Map)) return;
    const list = thread.get(THREAD_COMMENTS);
    const opener = thread.get('author') as { id?: unknown } | undefined;
    if (!(list instanceof Y.Array)) return;
    (list.toArray() as unknown[]).forEach((entry, index) => {
      const e = entry as { id?: unknown; text?: unknown; author?: { id?: unknown; name?: unknown }; mentions?: unknown } | null;
      if (!e || typeof e.id !== 'string' || !wanted.has(e.id) || e.author?.id !== authorId) return;
      out.push({
        threadId,
        commentId: e.id,
        authorId,
        authorName: str(e.author?.name, 100),
        text: str(e.text, 5000),
        threadAuthorId: typeof opener?.id === 'string' ? opener.id : '',
        isReply: index > 0,
        mentionIds: (Array.isArray(e.mentions) ? e.mentions : []).slice(0, 20).map((m) => str((m as { id?: unknown })?.id, 100)).filter(Boolean),
      });
    });
  });
  return out;
}

/**
 * The accounts `text` mentions: `@Name` of an existing account, where a longer name found at
 * the same place wins (「@王科長（法務部）」 is not also 「@王科長」).
 */
export function mentionedAccounts<T extends { id: string; name: string }>(text: string, accounts: T[]): T[] {
  const byLength = accounts.filter((a) => a.name).sort((a, b) => b.name.length - a.name.length);
  const taken: Array<[number, number]> = [];
  const found: T[] = [];
  for (const a of byLength) {
    const needle = `@${a.name}`;
    let hit = false;
    for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      if (taken.some(([s, e]) => i >= s && i < e)) continue;
      taken.push([i, i + needle.length]);
      hit = true;
    }
    if (hit) found.push(a);
  }
  return found;
}
