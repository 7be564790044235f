/**
 * Which content languages the editor shows; remembered per browser once chosen. Before a
 * choice, a translator starts side by side (`both`): in the Chinese-only view nothing is theirs
 * to edit.
 */
import { useCallback, useState } from 'react';
import { readStored, writeStored } from '../prefs/storage.js';
import type { ViewMode } from './CommitmentContext.js';

const STORAGE_KEY = 'gongbi.viewMode';
const MODES: readonly ViewMode[] = ['zh', 'en', 'both'];

export function useViewMode(initial: ViewMode = 'zh'): [ViewMode, (mode: ViewMode) => void] {
  const [mode, setMode] = useState<ViewMode>(() => {
    const stored = readStored(STORAGE_KEY) as ViewMode | null;
    return stored && MODES.includes(stored) ? stored : initial;
  });
  const set = useCallback((next: ViewMode) => {
    writeStored(STORAGE_KEY, next);
    setMode(next);
  }, []);
  return [mode, set];
}
