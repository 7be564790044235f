/** The IndexedDB copy of each opened document (y-indexeddb), kept per user, and the user namespace the offline layer keys by. */
import type * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { LocalStore } from '../sync/DocSession.js';
import { checkStore, dbName, isReset, recordLocalCopy } from './storeIdentity.js';

/** A broken or blocked IndexedDB must not keep the document from opening online. */
const LOAD_TIMEOUT_MS = 4_000;

let namespace = 'anonymous';

/** Set by the app shell from the signed-in account, before any document opens. */
export function setOfflineNamespace(userId: string | null): void {
  namespace = userId ?? 'anonymous';
}

export function offlineNamespace(): string {
  return namespace;
}

export const hasIndexedDb = (): boolean => typeof indexedDB !== 'undefined';

/** The copies open in this page, closed before a discard deletes their databases. */
const open = new Set<IndexeddbPersistence>();

export async function closeLocalCopies(): Promise<void> {
  await Promise.all([...open].map((p) => p.destroy()));
  open.clear();
}

/**
 * The copy is loaded only once the server's store is known to be the one it came from (or
 * cannot be asked: offline). From a store that was reset, the document opens from the server
 * alone and the old copy is left untouched for the person to keep or discard; a copy already
 * loaded is never sent to such a store (`mayConnect`).
 */
export function indexedDbStore(name: string, doc: Y.Doc): LocalStore {
  const ns = namespace;
  let persistence: IndexeddbPersistence | null = null;
  let destroyed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, LOAD_TIMEOUT_MS)));
  const load = checkStore(ns).then((check) => {
    if (destroyed || check === 'reset') return;
    recordLocalCopy(ns, name);
    persistence = new IndexeddbPersistence(dbName(ns, name), doc);
    open.add(persistence);
    return persistence.whenSynced.then(() => undefined);
  });
  return {
    whenLoaded: Promise.race([load, timeout]).finally(() => clearTimeout(timer)),
    get origin() {
      return persistence;
    },
    get isolated() {
      return persistence === null && isReset(ns);
    },
    mayConnect: async () => {
      if (persistence === null) return 'go';
      const check = await checkStore(ns);
      return check === 'same' ? 'go' : check === 'reset' ? 'never' : 'later';
    },
    destroy: () => {
      destroyed = true;
      if (persistence) {
        open.delete(persistence);
        void persistence.destroy();
      }
    },
  };
}
