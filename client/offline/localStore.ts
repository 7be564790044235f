/** The IndexedDB copy of each opened document (y-indexeddb), kept per user, and the user namespace the offline layer keys by. */
import type * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { LocalStore } from '../sync/DocSession.js';

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

export function indexedDbStore(name: string, doc: Y.Doc): LocalStore {
  const persistence = new IndexeddbPersistence(`gongbi/${namespace}/${name}`, doc);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, LOAD_TIMEOUT_MS)));
  return {
    whenLoaded: Promise.race([persistence.whenSynced.then(() => undefined), timeout]).finally(() => clearTimeout(timer)),
    origin: persistence,
    destroy: () => void persistence.destroy(),
  };
}
