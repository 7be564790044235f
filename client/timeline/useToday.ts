/**
 * Today's day in Taiwan (`YYYY-MM-DD`), where the plan's due dates are: the one "today" the
 * milestone badges and progress read, whatever the browser's zone. One clock for the whole
 * page, checked each minute while anything shows, so a page left open past midnight moves on.
 */
import { useSyncExternalStore } from 'react';
import { taipeiDay } from '../../shared/dates/index.js';

const listeners = new Set<() => void>();
let current = taipeiDay(Date.now());
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    // Nothing was watching: the day may have changed since (React re-reads the snapshot after subscribing).
    current = taipeiDay(Date.now());
    timer = setInterval(() => {
      const day = taipeiDay(Date.now());
      if (day === current) return;
      current = day;
      for (const l of listeners) l();
    }, 60_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const snapshot = () => current;

export function useToday(): string {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
