/**
 * Reads a value derived from a Y type as React state, re-reading when the type (or, with
 * `deep`, anything inside it) changes. Equal re-reads keep the previous snapshot, so
 * unrelated edits do not re-render.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

export function useYValue<T>(type: Y.AbstractType<any> | undefined, read: () => T, deep = false, deps: unknown[] = []): T {
  const store = useMemo(() => {
    let snapshot = read();
    let json = JSON.stringify(snapshot);
    const refresh = () => {
      const next = read();
      const nextJson = JSON.stringify(next);
      if (nextJson === json) return false;
      snapshot = next;
      json = nextJson;
      return true;
    };
    return {
      subscribe: (onChange: () => void) => {
        if (!type) return () => {};
        const handler = () => {
          if (refresh()) onChange();
        };
        if (deep) type.observeDeep(handler);
        else type.observe(handler);
        // Catch a change that happened between render and subscribe.
        if (refresh()) onChange();
        return () => (deep ? type.unobserveDeep(handler) : type.unobserve(handler));
      },
      get: () => snapshot,
    };
    // `read` is keyed by `deps`; callers pass inline closures.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [type, deep, ...deps]);
  return useSyncExternalStore(store.subscribe, store.get);
}

/** Re-reads on every transaction of the whole document (cheap derived values only). */
export function useDocValue<T>(doc: Y.Doc, read: () => T, deps: unknown[] = []): T {
  const store = useMemo(() => {
    let snapshot = read();
    let json = JSON.stringify(snapshot);
    return {
      subscribe: (onChange: () => void) => {
        const handler = () => {
          const next = read();
          const nextJson = JSON.stringify(next);
          if (nextJson === json) return;
          snapshot = next;
          json = nextJson;
          onChange();
        };
        doc.on('afterTransaction', handler);
        handler();
        return () => doc.off('afterTransaction', handler);
      },
      get: () => snapshot,
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, ...deps]);
  return useSyncExternalStore(store.subscribe, store.get);
}
