/** One download at a time: busy (with elapsed seconds), done, or failed with the server's message; cancellable. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/http.js';
import { fetchFile, saveFile } from './download.js';

export type DownloadState =
  | { state: 'idle' }
  | { state: 'busy'; what: string; seconds: number }
  | { state: 'done'; name: string }
  | { state: 'error'; status: number; message: string };

export function useDownload() {
  const [status, setStatus] = useState<DownloadState>({ state: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  const stop = useCallback(() => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  }, []);
  useEffect(() => () => {
    controller.current?.abort();
    stop();
  }, [stop]);

  const start = useCallback(
    async (url: string, what: string) => {
      controller.current?.abort();
      const mine = new AbortController();
      controller.current = mine;
      const started = Date.now();
      setStatus({ state: 'busy', what, seconds: 0 });
      stop();
      timer.current = setInterval(() => setStatus((s) => (s.state === 'busy' ? { ...s, seconds: Math.floor((Date.now() - started) / 1000) } : s)), 1000);
      try {
        const { blob, name } = await fetchFile(url, mine.signal);
        saveFile(blob, name);
        setStatus({ state: 'done', name });
      } catch (err) {
        if (mine.signal.aborted) return;
        const e = err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err));
        setStatus({ state: 'error', status: e.status, message: e.message });
      } finally {
        if (controller.current === mine) stop();
      }
    },
    [stop],
  );

  const cancel = useCallback(() => {
    controller.current?.abort();
    stop();
    setStatus({ state: 'idle' });
  }, [stop]);

  return { status, start, cancel };
}
