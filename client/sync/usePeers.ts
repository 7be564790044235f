/** The people present in a document, as React state that follows awareness changes. */
import { useMemo, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { readPeers, type Peer } from './presence.js';

export function usePeers(awareness: Awareness): Peer[] {
  const store = useMemo(() => {
    let snapshot = readPeers(awareness);
    return {
      subscribe: (onChange: () => void) => {
        const handler = () => {
          snapshot = readPeers(awareness);
          onChange();
        };
        awareness.on('change', handler);
        return () => awareness.off('change', handler);
      },
      get: () => snapshot,
    };
  }, [awareness]);
  return useSyncExternalStore(store.subscribe, store.get);
}
