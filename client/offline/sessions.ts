/** The documents open in this page, one DocSession per name, shown or delivering waiting changes in the background. */
import { DocSession, type DocSessionOptions } from '../sync/DocSession.js';
import { hasIndexedDb, indexedDbStore, offlineNamespace } from './localStore.js';
import { ledgerKey, PendingLedger, safeLocalStorage, tabId, waitingDocuments } from '../sync/pendingLedger.js';
import { isReset } from './storeIdentity.js';
import { combineViews, syncViewOf, type SyncView } from '../sync/syncView.js';

/** A session closed with changes in flight stays connected this long for its acknowledgement. */
const LINGER_MS = 20_000;
/** How long a background delivery may take before it is left for the next occasion. */
const FLUSH_TIMEOUT_MS = 30_000;

/** IndexedDB copy and the persisted waiting count, where the browser has them. */
export function defaultSessionOptions(): DocSessionOptions {
  const storage = safeLocalStorage();
  const namespace = offlineNamespace();
  return {
    localStore: hasIndexedDb() ? indexedDbStore : undefined,
    // Not for a store that was reset: the counts belong to the old copies, shown in the reset dialog.
    ledger: storage ? (name) => (isReset(namespace) ? null : new PendingLedger(storage, ledgerKey(namespace, name), tabId())) : undefined,
  };
}

interface Entry {
  session: DocSession;
  /** Pages holding it; zero for a background delivery. */
  holders: number;
  unsubscribe: () => void;
  linger: ReturnType<typeof setTimeout> | null;
}

export interface AppSyncState {
  /** The state of the documents the page shows, combined, plus changes waiting elsewhere. */
  view: SyncView;
  /** Changes waiting in documents not open in this page. */
  elsewhere: number;
  /** Names of the documents the page shows. */
  documents: string[];
}

/** Nothing in flight, or nothing more can arrive: no network, or the server refused the document. */
const cannotDeliver = (s: DocSession) => !s.getSync().online || s.getSync().connection === 'refused';
const stopsWaiting = (s: DocSession) => s.unsent === 0 || cannotDeliver(s);

const browserOnline = () => typeof navigator === 'undefined' || navigator.onLine !== false;

export class SessionRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();
  private state: AppSyncState = { view: { kind: 'saved', pending: 0, retryAt: null }, elsewhere: 0, documents: [] };
  private flushing = false;
  /** A page with unsent changes was left offline: the person is told they stay on this device. */
  private kept = false;
  /** Documents the server refused in this page's life (gone, or access lost): not counted as on their way. */
  private readonly undeliverable = new Set<string>();

  constructor(private readonly makeOptions: () => DocSessionOptions = defaultSessionOptions) {}

  /** The page's session for `name`, opened on first use. */
  acquire(name: string, options?: DocSessionOptions): DocSession {
    const entry = this.entries.get(name) ?? this.open(name, options);
    entry.holders++;
    if (entry.linger) clearTimeout(entry.linger);
    entry.linger = null;
    this.recompute();
    return entry.session;
  }

  /**
   * The page is done with it. A session whose changes are still on their way stays connected
   * (in the background) until the server has acknowledged them, so leaving a commitment right
   * after typing does not leave those changes to the next visit.
   */
  release(session: DocSession): void {
    const entry = this.entries.get(session.name);
    if (!entry || entry.session !== session) return;
    entry.holders = Math.max(0, entry.holders - 1);
    if (entry.holders === 0 && session.unsent > 0 && !session.getSync().online && !this.kept) {
      this.kept = true;
      this.notify();
    }
    if (entry.holders === 0) this.closeWhenDelivered(entry, LINGER_MS, stopsWaiting);
    this.recompute();
  }

  /** Opens, one at a time, the documents with changes waiting that no page has open, and delivers them. */
  async flushWaiting(): Promise<void> {
    const storage = safeLocalStorage();
    if (this.flushing || !storage || !browserOnline() || isReset(offlineNamespace())) return;
    this.flushing = true;
    try {
      for (const name of waitingDocuments(storage, offlineNamespace()).keys()) {
        if (this.entries.has(name) || this.undeliverable.has(name) || !browserOnline()) continue;
        const entry = this.open(name, { ...this.makeOptions(), background: true });
        // Confirmed only after the full sync that follows loading the local copy.
        await new Promise<void>((done) => this.closeWhenDelivered(entry, FLUSH_TIMEOUT_MS, (s) => (s.unsent === 0 && s.getSync().confirmed) || cannotDeliver(s), done));
      }
    } finally {
      this.flushing = false;
      this.recompute();
    }
  }

  /** Whether leaving now would abandon changes that could be reaching the server. */
  hasUnsentWhileOnline(): boolean {
    return browserOnline() && [...this.entries.values()].some((e) => e.session.unsent > 0 && e.session.getSync().online);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): AppSyncState => this.state;

  /** Whether to show that changes left behind offline are kept on this device. */
  getKept = (): boolean => this.kept;

  dismissKept = (): void => {
    if (!this.kept) return;
    this.kept = false;
    this.notify();
  };

  /** Re-reads what lives outside the sessions (other tabs' counts, the network). */
  refresh = (): void => this.recompute();

  private open(name: string, options?: DocSessionOptions): Entry {
    const session = new DocSession(name, options ?? this.makeOptions());
    const entry: Entry = {
      session,
      holders: 0,
      linger: null,
      unsubscribe: session.subscribe(() => {
        if (session.getStatus().state === 'refused') this.undeliverable.add(name);
        this.recompute();
      }),
    };
    this.entries.set(name, entry);
    return entry;
  }

  /**
   * Destroys the session once `delivered` holds (checked on every change), or after `maxMs`,
   * unless a page takes it back meanwhile.
   */
  private closeWhenDelivered(entry: Entry, maxMs: number, delivered: (s: DocSession) => boolean, done?: () => void): void {
    const { session } = entry;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let unwatch = () => {};
    const close = () => {
      unwatch();
      if (timer) clearTimeout(timer);
      entry.linger = null;
      if (entry.holders === 0) {
        entry.unsubscribe();
        this.entries.delete(session.name);
        session.destroy();
        this.recompute();
      }
      done?.();
    };
    if (delivered(session)) return close();
    unwatch = session.subscribe(() => {
      if (entry.holders > 0 || delivered(session)) close();
    });
    timer = setTimeout(close, maxMs);
    entry.linger = timer;
  }

  private recompute(): void {
    const shown = [...this.entries.values()].filter((e) => e.holders > 0);
    const open = new Set(this.entries.keys());
    const storage = safeLocalStorage();
    let elsewhere = 0;
    // After a store reset the old copies' counts are the reset dialog's business, not on their way.
    if (storage && !isReset(offlineNamespace())) for (const [name, n] of waitingDocuments(storage, offlineNamespace())) if (!open.has(name) && !this.undeliverable.has(name)) elsewhere += n;
    // Background sessions count as "elsewhere" too: the page does not show them.
    for (const e of this.entries.values()) if (e.holders === 0) elsewhere += e.session.getSync().pending;
    const views = shown.map((e) => syncViewOf(e.session.getSync()));
    const view = combineViews(views, elsewhere, browserOnline());
    const documents = shown.map((e) => e.session.name);
    const prev = this.state;
    if (
      prev.view.kind === view.kind && prev.view.pending === view.pending && prev.view.retryAt === view.retryAt &&
      prev.view.reason === view.reason && prev.elsewhere === elsewhere && prev.documents.join() === documents.join()
    ) return;
    this.state = { view, elsewhere, documents };
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** The page's registry. */
export const sessions = new SessionRegistry();
