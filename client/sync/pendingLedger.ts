/** Unacknowledged-change counts that outlive the page: localStorage, one key per user and document, one entry per tab. */

/** A tab rewrites its entry this often while it has changes waiting, to show it is alive. */
export const HEARTBEAT_MS = 5_000;
/** An entry not rewritten for this long belongs to a closed or crashed tab: another may adopt it. */
export const STALE_MS = 15_000;

const PREFIX = 'gongbi.pending.';

interface Entry {
  /** Changes waiting. */
  n: number;
  /** When the owning tab last wrote it. */
  t: number;
}

type Entries = Record<string, Entry>;

/** The subset of Storage the ledger uses (a Map-backed fake in tests). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export const ledgerKey = (namespace: string, docName: string) => `${PREFIX}${namespace}/${docName}`;

function read(storage: KeyValueStore, key: string): Entries {
  try {
    const value = JSON.parse(storage.getItem(key) ?? '{}') as unknown;
    return value && typeof value === 'object' ? (value as Entries) : {};
  } catch {
    return {};
  }
}

function write(storage: KeyValueStore, key: string, entries: Entries): void {
  try {
    if (Object.keys(entries).length === 0) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(entries));
  } catch {
    // Full or disabled storage: the count is a convenience, the edits themselves are in IndexedDB.
  }
}

/**
 * Several tabs on one commitment each count their own changes (the display sums them); a
 * reload keeps the tab's sessionStorage id and so takes its own count back.
 */
export class PendingLedger {
  constructor(
    private readonly storage: KeyValueStore,
    readonly key: string,
    readonly tabId: string,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Takes over this tab's own earlier entry (the page was reloaded) and every stale entry of
   * another tab, removing them; returns how many changes they held.
   */
  adopt(): number {
    const entries = read(this.storage, this.key);
    let taken = 0;
    for (const [tab, entry] of Object.entries(entries)) {
      if (tab === this.tabId || this.now() - entry.t > STALE_MS) {
        taken += Math.max(0, entry.n | 0);
        delete entries[tab];
      }
    }
    if (taken > 0) write(this.storage, this.key, entries);
    return taken;
  }

  /** Records this tab's count; zero removes its entry. */
  write(count: number): void {
    const entries = read(this.storage, this.key);
    if (count > 0) entries[this.tabId] = { n: count, t: this.now() };
    else if (this.tabId in entries) delete entries[this.tabId];
    else return;
    write(this.storage, this.key, entries);
  }

  /** Changes other live tabs of this browser have waiting on the same document. */
  others(): number {
    let sum = 0;
    for (const [tab, entry] of Object.entries(read(this.storage, this.key))) {
      if (tab !== this.tabId && this.now() - entry.t <= STALE_MS) sum += Math.max(0, entry.n | 0);
    }
    return sum;
  }

  /** True when another tab's entry has gone stale and can be adopted. */
  hasStale(): boolean {
    return Object.entries(read(this.storage, this.key)).some(([tab, e]) => tab !== this.tabId && this.now() - e.t > STALE_MS);
  }
}

/** Documents of `namespace` with changes waiting in any tab's entry, and how many. */
export function waitingDocuments(storage: KeyValueStore, namespace: string): Map<string, number> {
  const prefix = ledgerKey(namespace, '');
  const out = new Map<string, number>();
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (!key?.startsWith(prefix)) continue;
    const n = Object.values(read(storage, key)).reduce((sum, e) => sum + Math.max(0, e.n | 0), 0);
    if (n > 0) out.set(key.slice(prefix.length), n);
  }
  return out;
}

/** A random id for this tab, kept in sessionStorage so that a reload keeps it. */
export function tabId(session: Pick<Storage, 'getItem' | 'setItem'> | null = safeSessionStorage()): string {
  const make = () => Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
  if (!session) return (fallbackTabId ??= make());
  try {
    let id = session.getItem('gongbi.tabId');
    if (!id) session.setItem('gongbi.tabId', (id = make()));
    return id;
  } catch {
    return (fallbackTabId ??= make());
  }
}

let fallbackTabId: string | undefined;

export function safeLocalStorage(): KeyValueStore | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function safeSessionStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}
