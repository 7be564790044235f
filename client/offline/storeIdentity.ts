/**
 * Which server store this browser's local copies belong to. `GET /api/health`
 * answers the store's `storeId`: kept by backups and restores, new for a store created anew.
 * A store created anew holds the same text under a different Yjs history, so merging an old
 * IndexedDB copy into it would duplicate every text: such copies are held back and the
 * person chooses (see StoreResetDialog).
 */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { renderCommitment, type CommitmentJSON } from '../../shared/schema/index.js';
import { parseDocName } from '../../shared/protocol/docNames.js';
import { ledgerKey, safeLocalStorage, waitingDocuments } from '../sync/pendingLedger.js';

const STORE_KEY = 'gongbi.storeId.';
const DOCS_KEY = 'gongbi.localDocs.';
/** Offline or a dead server: the check gives up (the local copy still opens). */
const HEALTH_TIMEOUT_MS = 3_000;
/** Every session asks before connecting: one answer serves the burst (never a reconnection after going offline). */
const REUSE_MS = 1_000;

export type StoreCheck = 'same' | 'reset' | 'unknown';

export interface LocalCopy {
  name: string;
  /** Changes not acknowledged by the (old) server. */
  pending: number;
}

export interface StoreReset {
  namespace: string;
  /** The store the local copies came from, and the server's store now. */
  previousId: string;
  currentId: string;
  copies: LocalCopy[];
}

export const dbName = (namespace: string, doc: string) => `gongbi/${namespace}/${doc}`;

function readJson<T>(key: string, fallback: T): T {
  try {
    return (JSON.parse(safeLocalStorage()?.getItem(key) ?? 'null') as T) ?? fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: string | null): void {
  const storage = safeLocalStorage();
  try {
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, value);
  } catch {
    // Disabled storage: nothing is remembered, and nothing is kept locally for long either.
  }
}

export const rememberedStoreId = (namespace: string): string | null => safeLocalStorage()?.getItem(STORE_KEY + namespace) ?? null;
const rememberStoreId = (namespace: string, id: string) => write(STORE_KEY + namespace, id);

/** The last store id the server answered (remembered with the first local copy). */
let lastSeenId: string | null = null;

/** A document is being stored locally: remember its name and, for the first one, the store. */
export function recordLocalCopy(namespace: string, doc: string): void {
  const names = readJson<string[]>(DOCS_KEY + namespace, []);
  if (!names.includes(doc)) write(DOCS_KEY + namespace, JSON.stringify([...names, doc]));
  if (lastSeenId && !rememberedStoreId(namespace)) rememberStoreId(namespace, lastSeenId);
}

/** The names of the user's local copies: the recorded list, and what IndexedDB itself lists. */
async function localCopyNames(namespace: string): Promise<string[]> {
  const names = new Set(readJson<string[]>(DOCS_KEY + namespace, []));
  const prefix = dbName(namespace, '');
  try {
    for (const db of (await indexedDB.databases?.()) ?? []) if (db.name?.startsWith(prefix)) names.add(db.name.slice(prefix.length));
  } catch {
    // Older browsers cannot list databases: the recorded list is all there is.
  }
  return [...names].filter((n) => parseDocName(n)).sort();
}

async function fetchStoreId(): Promise<string | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), HEALTH_TIMEOUT_MS);
  try {
    const response = await fetch('/api/health', { headers: { accept: 'application/json' }, cache: 'no-store', signal: controller.signal });
    const body = (await response.json()) as { storeId?: unknown };
    return typeof body.storeId === 'string' && body.storeId ? body.storeId : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

// ---- the reset, once found (the dialog subscribes) ---------------------------------------

let reset: StoreReset | null = null;
const listeners = new Set<() => void>();

export const storeReset = {
  get: (): StoreReset | null => reset,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** Whether this page found the local copies of `namespace` to belong to another store. */
export const isReset = (namespace: string): boolean => reset?.namespace === namespace;

// ---- the check ----------------------------------------------------------------------------

let inFlight: { namespace: string; settledAt: number | null; result: Promise<StoreCheck> } | null = null;
if (typeof window !== 'undefined') window.addEventListener('offline', () => (inFlight = null));

/**
 * Compares the server's store with the one this user's local copies came from. `unknown`: the
 * server did not say (offline, down). Concurrent and immediately repeated calls share one request.
 */
export function checkStore(namespace: string): Promise<StoreCheck> {
  if (isReset(namespace)) return Promise.resolve('reset');
  if (inFlight?.namespace === namespace && (inFlight.settledAt === null || Date.now() - inFlight.settledAt < REUSE_MS)) return inFlight.result;
  const entry: NonNullable<typeof inFlight> = { namespace, settledAt: null, result: runCheck(namespace) };
  void entry.result.finally(() => (entry.settledAt = Date.now()));
  inFlight = entry;
  return entry.result;
}

async function runCheck(namespace: string): Promise<StoreCheck> {
  const current = await fetchStoreId();
  if (!current) return 'unknown';
  lastSeenId = current;
  const previous = rememberedStoreId(namespace);
  if (previous === current) return 'same';
  const names = await localCopyNames(namespace);
  if (!previous || names.length === 0) {
    // Nothing local yet (or copies from before stores had an identity): they belong here.
    rememberStoreId(namespace, current);
    return 'same';
  }
  if (isReset(namespace)) return 'reset';
  const waiting = safeLocalStorage() ? waitingDocuments(safeLocalStorage()!, namespace) : new Map<string, number>();
  reset = { namespace, previousId: previous, currentId: current, copies: names.map((name) => ({ name, pending: waiting.get(name) ?? 0 })) };
  for (const listener of [...listeners]) listener();
  return 'reset';
}

// ---- the person's choices -----------------------------------------------------------------

/** Reads one local copy into a fresh document (the stored copy is left as it is). */
async function readLocalCopy(namespace: string, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(dbName(namespace, name), doc);
  await persistence.whenSynced;
  await persistence.destroy();
  return doc;
}

export interface LocalCopyExport {
  exportedAt: string;
  previousStoreId: string;
  currentStoreId: string;
  documents: Array<LocalCopy & { commitment: CommitmentJSON }>;
}

/** The readable text of every local commitment copy (the plan's and the comments' are skipped). */
export async function exportLocalCopies(r: StoreReset): Promise<LocalCopyExport> {
  const documents: LocalCopyExport['documents'] = [];
  for (const copy of r.copies) {
    if (parseDocName(copy.name)?.kind !== 'commitment') continue;
    const doc = await readLocalCopy(r.namespace, copy.name);
    try {
      if (doc.store.clients.size > 0) documents.push({ ...copy, commitment: renderCommitment(doc) });
    } finally {
      doc.destroy();
    }
  }
  return { exportedAt: new Date().toISOString(), previousStoreId: r.previousId, currentStoreId: r.currentId, documents };
}

/** Titles of the local commitment copies, for the dialog's list. */
export async function localTitles(r: StoreReset): Promise<Map<string, CommitmentJSON['title']>> {
  const out = new Map<string, CommitmentJSON['title']>();
  for (const copy of r.copies) {
    if (parseDocName(copy.name)?.kind !== 'commitment') continue;
    const doc = await readLocalCopy(r.namespace, copy.name).catch(() => null);
    if (!doc) continue;
    if (doc.store.clients.size > 0) out.set(copy.name, renderCommitment(doc).title);
    doc.destroy();
  }
  return out;
}

const DELETE_TIMEOUT_MS = 8_000;

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`cannot delete ${name}`));
  });
}

/**
 * Deletes the user's local copies and their waiting counts, then adopts the server's store.
 * The new id is remembered only once every copy is gone: a copy left behind must not be taken
 * for one of the new store's. Rejects when another tab keeps a copy open.
 */
export async function discardLocalCopies(r: StoreReset, closeOpenCopies: () => Promise<void>): Promise<void> {
  await closeOpenCopies();
  const names = new Set([...r.copies.map((c) => c.name), ...(await localCopyNames(r.namespace))]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('blocked')), DELETE_TIMEOUT_MS)));
  try {
    await Promise.race([Promise.all([...names].map((n) => deleteDatabase(dbName(r.namespace, n)))), timeout]);
  } finally {
    clearTimeout(timer);
  }
  for (const name of names) write(ledgerKey(r.namespace, name), null);
  write(DOCS_KEY + r.namespace, null);
  rememberStoreId(r.namespace, r.currentId);
}

/** Offers `data` as a JSON file download. */
export function downloadJson(fileName: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
