/**
 * Comments of the open commitment for everything inside the commitment page: opens the
 * comment document's session (live and offline like the text), loads the people one may
 * mention, and hands out one CommentsController that editors and the panel share.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { commentDocName } from '../../shared/protocol/docNames.js';
import type { Identity } from '../identity/identity.js';
import { useDocSession, useSyncStatus } from '../offline/useDocSession.js';
import type { SyncStatus } from '../sync/status.js';
import { commentsApi } from './api.js';
import { CommentsController, type CommentsSnapshot } from './CommentsController.js';

interface CommentsContextValue {
  controller: CommentsController;
  status: SyncStatus;
}

const CommentsContext = createContext<CommentsContextValue | null>(null);

export function CommentsProvider({ commitmentId, identity, doc, children }: { commitmentId: string; identity: Identity; doc: Y.Doc; children: ReactNode }) {
  // Made before the comment session opens, so that editors created on first render get their highlights.
  const [controller] = useState(() => new CommentsController(doc, { id: identity.userId, name: identity.name, affiliation: identity.affiliation }));
  const session = useDocSession(commentDocName(commitmentId));
  const status = useSyncStatus(session);

  useEffect(() => {
    if (!session) return;
    controller.attach(session.doc);
    return () => controller.detach();
  }, [controller, session]);
  useEffect(() => controller.start(), [controller]);
  useEffect(() => {
    const abort = new AbortController();
    commentsApi.people(abort.signal).then(
      ({ people }) => (controller.people = people),
      () => undefined, // Mentions then offer nobody; commenting still works.
    );
    return () => abort.abort();
  }, [controller]);

  return <CommentsContext.Provider value={{ controller, status }}>{children}</CommentsContext.Provider>;
}

/** The controller, or null outside a commitment page (an editor elsewhere has no comments). */
export const useCommentsController = (): CommentsController | null => useContext(CommentsContext)?.controller ?? null;

export function useComments(): CommentsContextValue & { snapshot: CommentsSnapshot } {
  const ctx = useContext(CommentsContext);
  if (!ctx) throw new Error('useComments outside <CommentsProvider>');
  const snapshot = useSyncExternalStore(ctx.controller.subscribe, ctx.controller.getSnapshot);
  return { ...ctx, snapshot };
}
