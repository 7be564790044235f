/** Lays the commitment table out beside its comments panel, inside the comments' provider. */
import type { ReactNode } from 'react';
import type * as Y from 'yjs';
import type { Identity } from '../identity/identity.js';
import { CommentsProvider } from './CommentsContext.js';
import { CommentsPanel } from './CommentsPanel.js';

export function WithComments({ commitmentId, identity, doc, children }: { commitmentId: string; identity: Identity; doc: Y.Doc; children: ReactNode }) {
  return (
    <CommentsProvider commitmentId={commitmentId} identity={identity} doc={doc}>
      <div className="with-comments">
        <div className="with-comments-main">{children}</div>
        <CommentsPanel />
      </div>
    </CommentsProvider>
  );
}
