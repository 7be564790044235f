/** What every part of the commitment table needs: the Y.Doc, awareness and caret rendering. */
import { createContext, useContext } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { CaretUser } from '../editor/caret.js';
import type { Lang } from '../../shared/schema/index.js';
import type { DocAccess } from '../identity/access.js';

/** Which content languages are on screen: one, or both side by side for translators. */
export type ViewMode = 'zh' | 'en' | 'both';

export interface CommitmentContextValue {
  /** Document name of the commitment (`c-…`), for the API calls of its parts. */
  commitmentId: string;
  doc: Y.Doc;
  awareness: Awareness;
  renderCaret: (user: CaretUser) => HTMLElement;
  viewMode: ViewMode;
  /** What this person may change; the server refuses anything else. */
  access: DocAccess;
}

export const CommitmentContext = createContext<CommitmentContextValue | null>(null);

export function useCommitment(): CommitmentContextValue {
  const ctx = useContext(CommitmentContext);
  if (!ctx) throw new Error('useCommitment outside <CommitmentContext.Provider>');
  return ctx;
}

export const langsOf = (mode: ViewMode): Lang[] => (mode === 'both' ? ['zh', 'en'] : [mode]);

/** Defined in i18n/format (the section editor needs it too); re-exported for the table's parts. */
export { contentLang } from '../i18n/format.js';
