/** React lifecycle of a DocSession: open on mount (or name change), destroy on unmount. */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { DocSession, type DocSessionOptions } from './DocSession.js';
import type { SyncStatus } from './status.js';

export function useDocSession(name: string, options?: DocSessionOptions): DocSession | null {
  const [session, setSession] = useState<DocSession | null>(null);
  useEffect(() => {
    const s = new DocSession(name, options);
    setSession(s);
    return () => {
      setSession(null);
      s.destroy();
    };
    // Options are read once per document: changing them mid-session would need a new doc anyway.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name]);
  return session;
}

const OFFLINE: SyncStatus = { state: 'connecting' };
const noop = () => () => {};

export function useSyncStatus(session: DocSession | null): SyncStatus {
  return useSyncExternalStore(session?.subscribe ?? noop, session?.getStatus ?? (() => OFFLINE));
}

export function useSessionReady(session: DocSession | null): boolean {
  return useSyncExternalStore(session?.subscribe ?? noop, session?.getReady ?? (() => false));
}

export function useRefusal(session: DocSession | null): string | null {
  return useSyncExternalStore(session?.subscribe ?? noop, session?.getRefusal ?? (() => null));
}
