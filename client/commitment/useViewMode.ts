/** Which content languages the editor shows; remembered per browser (translators live in "both"). */
import { useCallback, useState } from 'react';
import { readStored, writeStored } from '../prefs/storage.js';
import type { ViewMode } from './CommitmentContext.js';

const STORAGE_KEY = 'gongbi.viewMode';
const MODES: readonly ViewMode[] = ['zh', 'en', 'both'];

export function useViewMode(): [ViewMode, (mode: ViewMode) => void] {
  const [mode, setMode] = useState<ViewMode>(() => {
    const stored = readStored(STORAGE_KEY) as ViewMode | null;
    return stored && MODES.includes(stored) ? stored : 'zh';
  });
  const set = useCallback((next: ViewMode) => {
    writeStored(STORAGE_KEY, next);
    setMode(next);
  }, []);
  return [mode, set];
}
