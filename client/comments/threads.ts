/**
 * The comment threads of one commitment, kept in a Y.Doc of their own (`cm-<slug>`): synced
 * live and offline like the text, and writable by every reader, while the commitment's text
 * keeps its own access. Every signed-in person may write this document, so what is read
 * back is checked and bounded here, never trusted.
 */
import * as Y from 'yjs';
import { decodeAnchor, encodeAnchor, type TextAnchor } from './anchors.js';

/** Longest comment kept in the document (a thread's text, a reply). */
export const COMMENT_TEXT_MAX = 5000;
/** The quote shown with a thread: the anchored text when the thread was opened, shortened. */
const QUOTE_MAX = 300;
const MAX_MENTIONS = 20;

export interface CommentAuthor {
  id: string;
  name: string;
  /** `agency` or `civil_society`. */
  affiliation: string;
}

export interface Mention {
  id: string;
  name: string;
}

export interface CommentEntry {
  id: string;
  author: CommentAuthor;
  text: string;
  mentions: Mention[];
  /** Epoch milliseconds. */
  at: number;
}

export interface Thread {
  id: string;
  /** `section.<key>.<lang>`: the editor the range is in. */
  field: string;
  anchor: TextAnchor | null;
  quote: string;
  createdAt: number;
  author: CommentAuthor;
  resolved: boolean;
  resolvedBy: CommentAuthor | null;
  /** The opening comment first, then the replies in order. */
  comments: CommentEntry[];
}

const THREADS = 'threads';
export const threadsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(THREADS);

const newId = () => globalThis.crypto.randomUUID();
const bounded = (s: unknown, max: number) => (typeof s === 'string' ? [...s].slice(0, max).join('') : '');
const FIELD_RE = /^section\.[a-z]+\.(zh|en)$/;

function authorOf(value: unknown): CommentAuthor | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.name === 'string' ? { id: bounded(v.id, 100), name: bounded(v.name, 100), affiliation: bounded(v.affiliation, 40) } : null;
}

function entryOf(value: unknown): CommentEntry | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const author = authorOf(v.author);
  if (!author || typeof v.text !== 'string' || typeof v.id !== 'string') return null;
  const mentions = (Array.isArray(v.mentions) ? v.mentions : [])
    .slice(0, MAX_MENTIONS)
    .filter((m): m is Mention => !!m && typeof m.id === 'string' && typeof m.name === 'string' && m.name !== '')
    .map((m) => ({ id: bounded(m.id, 100), name: bounded(m.name, 100) }));
  return { id: bounded(v.id, 100), author, text: bounded(v.text, COMMENT_TEXT_MAX), mentions, at: typeof v.at === 'number' ? v.at : 0 };
}

function threadOf(id: string, map: Y.Map<unknown>): Thread | null {
  const field = map.get('field');
  const author = authorOf(map.get('author'));
  const list = map.get('comments');
  if (typeof field !== 'string' || !FIELD_RE.test(field) || !author || !(list instanceof Y.Array)) return null;
  const comments = (list.toArray() as unknown[]).map(entryOf).filter((e): e is CommentEntry => e !== null);
  if (comments.length === 0) return null;
  return {
    id,
    field,
    anchor: decodeAnchor(map.get('start'), map.get('end')),
    quote: bounded(map.get('quote'), QUOTE_MAX),
    createdAt: typeof map.get('createdAt') === 'number' ? (map.get('createdAt') as number) : 0,
    author,
    resolved: map.get('resolved') === true,
    resolvedBy: authorOf(map.get('resolvedBy')),
    comments,
  };
}

/** Every well-formed thread, oldest first. Malformed entries (a hostile writer's) are skipped. */
export function readThreads(doc: Y.Doc): Thread[] {
  const out: Thread[] = [];
  threadsMap(doc).forEach((value, id) => {
    const t = value instanceof Y.Map ? threadOf(id, value) : null;
    if (t) out.push(t);
  });
  return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export interface NewComment {
  author: CommentAuthor;
  text: string;
  mentions: Mention[];
  now?: number;
}

const entry = (c: NewComment): CommentEntry => ({
  id: newId(),
  author: c.author,
  text: bounded(c.text.trim(), COMMENT_TEXT_MAX),
  mentions: c.mentions.slice(0, MAX_MENTIONS),
  at: c.now ?? Date.now(),
});

/** Opens a thread on a range of a section; returns its id. */
export function createThread(doc: Y.Doc, input: NewComment & { field: string; anchor: TextAnchor; quote: string }): string {
  const id = newId();
  const { start, end } = encodeAnchor(input.anchor);
  doc.transact(() => {
    const thread = new Y.Map<unknown>();
    threadsMap(doc).set(id, thread);
    thread.set('field', input.field);
    thread.set('start', start);
    thread.set('end', end);
    thread.set('quote', bounded(input.quote, QUOTE_MAX));
    thread.set('createdAt', input.now ?? Date.now());
    thread.set('author', input.author);
    thread.set('resolved', false);
    const comments = new Y.Array<CommentEntry>();
    thread.set('comments', comments);
    comments.push([entry(input)]);
  });
  return id;
}

/** Adds a reply; false when the thread is unknown. */
export function addReply(doc: Y.Doc, threadId: string, reply: NewComment): boolean {
  const list = threadsMap(doc).get(threadId)?.get('comments');
  if (!(list instanceof Y.Array)) return false;
  list.push([entry(reply)]);
  return true;
}

/** Resolves or reopens a thread (the last one to click wins); false when it is unknown. */
export function setResolved(doc: Y.Doc, threadId: string, resolved: boolean, by: CommentAuthor): boolean {
  const thread = threadsMap(doc).get(threadId);
  if (!(thread instanceof Y.Map)) return false;
  doc.transact(() => {
    thread.set('resolved', resolved);
    thread.set('resolvedBy', resolved ? by : null);
  });
  return true;
}
