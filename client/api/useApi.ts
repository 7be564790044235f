/** Loads an API resource into React state: loading → data | error, with reload and abort on unmount. */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './http.js';

export type ApiState<T> =
  | { state: 'loading' }
  | { state: 'error'; error: ApiError }
  | { state: 'ready'; data: T };

/**
 * @param load the call; re-run when `key` changes.
 * @param refreshMs when set, reloads quietly in the background (e.g. who is online).
 */
export function useApi<T>(key: string, load: (signal: AbortSignal) => Promise<T>, refreshMs?: number) {
  const [result, setResult] = useState<ApiState<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setResult({ state: 'loading' });
    const run = (quiet: boolean) =>
      load(controller.signal).then(
        (data) => setResult({ state: 'ready', data }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          // A failed background refresh keeps showing the last good data.
          if (quiet) return;
          setResult({ state: 'error', error: error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error)) });
        },
      );
    void run(false);
    const timer = refreshMs ? setInterval(() => void run(true), refreshMs) : undefined;
    return () => {
      controller.abort();
      if (timer) clearInterval(timer);
    };
    // `load` is intentionally not a dependency: callers pass inline closures keyed by `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt, refreshMs]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return [result, reload] as const;
}
