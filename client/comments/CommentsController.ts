/**
 * The comment state of one open commitment, outside React: the comment document (attached
 * once its session opens), the threads read from it, where each thread's anchor is in the
 * commitment's text now, the thread in focus and a new thread being written. Components and
 * the editors' highlight plugins subscribe to it.
 */
import type * as Y from 'yjs';
import type { PersonView } from '../../shared/protocol/public.js';
import { SECTION_KEYS, sectionFragment, type Lang, type SectionKey } from '../../shared/schema/index.js';
import { resolveAnchor, type ResolvedAnchor, type TextAnchor } from './anchors.js';
import { addReply, createThread, readThreads, setResolved, type CommentAuthor, type Mention, type Thread } from './threads.js';

/** A thread with where its range is now. */
export interface ThreadView extends Thread {
  at: ResolvedAnchor;
}

/** A new thread being written: the range chosen in an editor. */
export interface Draft {
  field: string;
  anchor: TextAnchor;
  quote: string;
}

export interface CommentsSnapshot {
  /** Null until the comment document is open. */
  threads: ThreadView[] | null;
  activeId: string | null;
  draft: Draft | null;
}

/** Text edits come keystroke by keystroke: anchors are re-read at most this often. */
const TEXT_DEBOUNCE_MS = 150;

const FIELD_ORDER = SECTION_KEYS.flatMap((k) => [`section.${k}.zh`, `section.${k}.en`]);

function fragmentOf(doc: Y.Doc, field: string): Y.XmlFragment | null {
  const [, key, lang] = field.split('.');
  return (SECTION_KEYS as readonly string[]).includes(key!) && (lang === 'zh' || lang === 'en') ? sectionFragment(doc, key as SectionKey, lang as Lang) : null;
}

export class CommentsController {
  private commentDoc: Y.Doc | null = null;
  private snapshot: CommentsSnapshot = { threads: null, activeId: null, draft: null };
  private readonly listeners = new Set<() => void>();
  private textTimer: ReturnType<typeof setTimeout> | null = null;
  people: PersonView[] = [];

  constructor(
    /** The commitment's own document, whose text the anchors point into. */
    readonly doc: Y.Doc,
    readonly author: CommentAuthor,
  ) {}

  /** Follows the commitment's text (anchors move with it); returns the stop function. */
  start(): () => void {
    this.doc.on('update', this.onTextUpdate);
    return () => {
      this.doc.off('update', this.onTextUpdate);
      if (this.textTimer) clearTimeout(this.textTimer);
      this.textTimer = null;
    };
  }

  /** Starts reading the comment document (when its session opens). */
  attach(commentDoc: Y.Doc): void {
    this.detach();
    this.commentDoc = commentDoc;
    commentDoc.on('update', this.onCommentsUpdate);
    this.refresh();
  }

  detach(): void {
    this.commentDoc?.off('update', this.onCommentsUpdate);
    this.commentDoc = null;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): CommentsSnapshot => this.snapshot;

  /** Open threads of one editor, for its highlights. */
  anchorsFor(field: string): Array<{ id: string; anchor: TextAnchor; active: boolean }> {
    return (this.snapshot.threads ?? [])
      .filter((t) => t.field === field && !t.resolved && t.anchor)
      .map((t) => ({ id: t.id, anchor: t.anchor!, active: t.id === this.snapshot.activeId }));
  }

  activate(id: string | null): void {
    if (this.snapshot.activeId === id) return;
    this.set({ activeId: id });
  }

  startDraft(draft: Draft): void {
    this.set({ draft, activeId: null });
  }

  cancelDraft(): void {
    this.set({ draft: null });
  }

  /** Opens the thread being written; returns its id, or null when the comment document is not open. */
  submitDraft(text: string, mentions: Mention[]): string | null {
    const draft = this.snapshot.draft;
    if (!draft || !this.commentDoc) return null;
    const id = createThread(this.commentDoc, { ...draft, author: this.author, text, mentions });
    this.set({ draft: null, activeId: id });
    return id;
  }

  reply(threadId: string, text: string, mentions: Mention[]): void {
    if (this.commentDoc) addReply(this.commentDoc, threadId, { author: this.author, text, mentions });
  }

  setResolved(threadId: string, resolved: boolean): void {
    if (this.commentDoc) setResolved(this.commentDoc, threadId, resolved, this.author);
  }

  private onCommentsUpdate = () => this.refresh();

  private onTextUpdate = () => {
    if (this.textTimer || !this.commentDoc) return;
    this.textTimer = setTimeout(() => {
      this.textTimer = null;
      this.refresh();
    }, TEXT_DEBOUNCE_MS);
  };

  private refresh(): void {
    if (!this.commentDoc) return;
    const threads = readThreads(this.commentDoc).map((t): ThreadView => {
      const fragment = fragmentOf(this.doc, t.field);
      const at = fragment && t.anchor ? resolveAnchor(this.doc, fragment, t.anchor) : { state: 'orphaned' as const, text: '', offset: Infinity };
      return { ...t, at };
    });
    // In reading order: by section and language, then by place in the text; orphans last.
    threads.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field) || a.at.offset - b.at.offset || a.createdAt - b.createdAt);
    this.set({ threads });
  }

  private set(patch: Partial<CommentsSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of [...this.listeners]) l();
  }
}
