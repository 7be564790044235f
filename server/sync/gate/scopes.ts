/**
 * What each kind of connection may change, judged change by change from where Yjs placed it
 * in the server's document (see effect.ts): a writer of a commitment everything but the
 * fields only the server writes (its agencies, mirrored from the database); a translator the
 * English texts; anyone on a comment document only threads and comments in their own name,
 * and only an author or a coordinator changes or removes a thread.
 */
import * as Y from 'yjs';
import type { User } from '../../../shared/protocol/auth.js';
import { COMMENT_THREADS, RESOLUTION_KEYS, THREAD_COMMENTS } from '../../../shared/schema/commentThreads.js';
import { Y_NAMES } from '../../../shared/schema/commitment.js';
import type { Change, Place } from './effect.js';

/** A refusal: a stable code (sent as `code: message`) and a sentence for the person. */
export interface Refusal {
  code: string;
  message: string;
}

/** Judges the changes of one update; null when they may all stand. */
export type Scope = (changes: Change[]) => Refusal | null;

/** Fields of a commitment only the server writes: rights live in the database, these mirror them. */
export const SERVER_OWNED_META: ReadonlySet<string> = new Set(['leadAgency', 'coAgencies']);
const SERVER_OWNED_ROOTS: ReadonlySet<string> = new Set([Y_NAMES.coAgencies]);

const isServerOwned = (p: Place) => SERVER_OWNED_ROOTS.has(p.root) || (p.root === Y_NAMES.meta && SERVER_OWNED_META.has(p.subs[0] ?? ''));

/** English texts: a top-level `…:en` type, the English basis (hashes and texts), or a row's `…:en` cell. */
export function isEnglish(p: Place): boolean {
  if (p.root.endsWith(':en') || p.root === Y_NAMES.enBasis || p.root === Y_NAMES.enBasisText) return true;
  const cell = p.subs[1];
  return p.subs.length >= 2 && typeof cell === 'string' && cell.endsWith(':en');
}

const SERVER_OWNED: Refusal = {
  code: 'server_owned',
  message: 'The lead and co-implementing agencies are changed by a coordinator (moves are recorded in the history); your change was not saved.',
};
const TRANSLATOR: Refusal = { code: 'translator_scope', message: 'Translators may edit the English texts only; your change was not saved.' };

export const commitmentWriterScope: Scope = (changes) => (changes.some((c) => isServerOwned(c.place)) ? SERVER_OWNED : null);

export const translatorScope: Scope = (changes) => {
  for (const c of changes) {
    if (isServerOwned(c.place)) return SERVER_OWNED;
    if (!isEnglish(c.place)) return TRANSLATOR;
  }
  return null;
};

// ---- comment documents ------------------------------------------------------------------

interface AuthorValue {
  id?: unknown;
  name?: unknown;
}

/** The first value of an item holding a plain value (a map entry, a list element). */
const valueOf = (item: Y.Item): unknown => (item.content instanceof Y.ContentAny ? item.content.arr[0] : undefined);

/** A thread's author, read from its map as it is (also when the thread is being deleted). */
function threadAuthor(thread: Y.Item | null): string | undefined {
  const type = thread?.content instanceof Y.ContentType ? thread.content.type : null;
  const entry = type?._map.get('author');
  const v = entry ? (valueOf(entry) as AuthorValue | undefined) : undefined;
  return typeof v?.id === 'string' ? v.id : undefined;
}

const isSession = (v: unknown, user: User) => {
  const a = v as AuthorValue | null | undefined;
  return !!a && a.id === user.id && a.name === user.name;
};

const NOT_YOURS: Refusal = {
  code: 'comment_author',
  message: 'Only the author of a thread or a coordinator may change or remove it, and comments are written in your own name; your change was not saved.',
};
const BAD_COMMENT: Refusal = { code: 'comment_layout', message: 'This is not a comment thread Gongbi can store; your change was not saved.' };

/** The thread item a change belongs to (the root's entry), walking up from the item. */
function threadItemOf(item: Y.Item): Y.Item | null {
  let cur: Y.Item | null = item;
  while (cur) {
    const parent = cur.parent as Y.AbstractType<unknown>;
    if (!parent._item) return cur;
    cur = parent._item;
  }
  return null;
}

/**
 * Comment threads (`cm-*`): every signed-in person may open threads and reply in their own
 * name; resolving records the resolver; only a thread's author or a coordinator changes or
 * removes it, and only a comment's author or a coordinator removes a comment.
 */
export function commentsScope(user: User): Scope {
  const coordinator = user.role === 'coordinator';
  return (changes) => {
    for (const c of changes) {
      const { place, item } = c;
      if (place.root !== COMMENT_THREADS) return BAD_COMMENT;
      const thread = threadItemOf(item);
      const author = threadAuthor(thread);
      // A key written into a thread made by this same update (a new thread's fields).
      const newThread = c.inNewParent;
      const mayChangeThread = coordinator || author === user.id;
      if (place.subs.length === 1) {
        // A thread itself: opened (its author is checked on its 'author' key) or removed.
        if (c.kind === 'delete' && !mayChangeThread) return NOT_YOURS;
        continue;
      }
      const key = place.subs[1];
      if (place.subs.length === 2) {
        if (key === 'author') {
          if (c.kind === 'insert' && !(newThread && isSession(valueOf(item), user))) return NOT_YOURS;
          if (c.kind === 'delete' && !(thread && thread.deleted && mayChangeThread)) return NOT_YOURS;
          continue;
        }
        if (typeof key === 'string' && RESOLUTION_KEYS.has(key)) {
          if (!(newThread || mayChangeThread)) return NOT_YOURS;
          if (key === 'resolvedBy' && c.kind === 'insert' && valueOf(item) !== null && !isSession(valueOf(item), user)) return NOT_YOURS;
          continue;
        }
        if (!(newThread || mayChangeThread)) return NOT_YOURS;
        continue;
      }
      // Inside the comments list: a comment added in one's own name; removed by its author or a coordinator.
      if (key !== THREAD_COMMENTS || place.subs.length !== 3) return BAD_COMMENT;
      if (c.kind === 'insert') {
        if (!(item.content instanceof Y.ContentAny) || !item.content.arr.every((e) => isSession((e as { author?: unknown })?.author, user))) return NOT_YOURS;
      } else if (!(coordinator || (item.content instanceof Y.ContentAny && item.content.arr.every((e) => isSession((e as { author?: unknown })?.author, user))) || (thread?.deleted && mayChangeThread))) {
        return NOT_YOURS;
      }
    }
    return null;
  };
}

const EVERYTHING: Scope = () => null;

/**
 * The scope of a connection that may change a document (`write` or `translate` access):
 * what it may change in a document of that kind.
 */
export function scopeFor(kind: 'plan' | 'commitment' | 'comments', access: 'write' | 'translate', user: User): Scope {
  if (kind === 'comments') return commentsScope(user);
  if (kind === 'plan') return access === 'write' ? EVERYTHING : () => TRANSLATOR;
  return access === 'write' ? commitmentWriterScope : translatorScope;
}
