/**
 * Comment documents (`cm-<slug>`): the threads of one commitment in a Y.Doc of their own, so
 * that every reader may write threads without being able to write the commitment's text. A
 * comment document exists exactly when its commitment does; its row is made on first use.
 */
import { commitmentOfCommentDoc } from '../../shared/protocol/docNames.js';
import type { DocStore } from '../storage/index.js';

/**
 * True when the document `name` exists. For a comment document: when its commitment exists,
 * creating the comment document's row (same plan) the first time it is asked for.
 * @example if (!(await documentExists(store, 'cm-01-open-data-reuse'))) close(4404);
 */
export async function documentExists(store: DocStore, name: string): Promise<boolean> {
  if (await store.getDocument(name)) return true;
  const commitmentId = commitmentOfCommentDoc(name);
  if (!commitmentId) return false;
  const commitment = await store.getDocument(commitmentId);
  if (!commitment || commitment.kind !== 'commitment') return false;
  await store.createDocument(name, 'comments', commitment.planId);
  return true;
}

