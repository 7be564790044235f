/** React lifecycle of a DocSession: taken from the page's registry on mount (or name change), given back on unmount. */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { DocSession, DocSessionOptions } from '../sync/DocSession.js';
import type { SyncStatus } from '../sync/status.js';
import { sessions } from './sessions.js';
import type { SyncSnapshot } from '../sync/syncView.js';

/**
 * Without options the session keeps an IndexedDB copy and a persisted waiting count (see
 * client/offline/), and is shared with any other part of the page that opens the same document.
 */
export function useDocSession(name: string, options?: DocSessionOptions): DocSession | null {
  const [session, setSession] = useState<DocSession | null>(null);
  useEffect(() => {
    const s = sessions.acquire(name, options);
    setSession(s);
    return () => {
      setSession(null);
      sessions.release(s);
    };
    // Options are read once per document: changing them mid-session would need a new doc anyway.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name]);
  return session;
}

const CONNECTING: SyncStatus = { state: 'connecting' };
const OFFLINE: SyncStatus = { state: 'offline' };
const noop = () => () => {};
/** Before a session exists: what the browser says of its network, so the page agrees with the header. */
const noSession = () => (typeof navigator !== 'undefined' && navigator.onLine === false ? OFFLINE : CONNECTING);

export function useSyncStatus(session: DocSession | null): SyncStatus {
  return useSyncExternalStore(session?.subscribe ?? noop, session?.getStatus ?? noSession);
}

export function useSessionReady(session: DocSession | null): boolean {
  return useSyncExternalStore(session?.subscribe ?? noop, session?.getReady ?? (() => false));
}

export function useRefusal(session: DocSession | null): string | null {
  return useSyncExternalStore(session?.subscribe ?? noop, session?.getRefusal ?? (() => null));
}

const NO_SYNC: SyncSnapshot = { connection: 'connecting', online: true, pending: 0, confirmed: false, retryAt: null, everConnected: false };

/** Connection, waiting changes and retry time of one document (for its sync indicator). */
export function useSyncSnapshot(session: DocSession | null): SyncSnapshot {
  return useSyncExternalStore(session?.subscribe ?? noop, session?.getSync ?? (() => NO_SYNC));
}
