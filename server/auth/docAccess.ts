/**
 * The access a user has to a document. A commitment's is read from its rights rows (server
 * state, see server/rights/), never from the document, whose writers could change it.
 */
import { parseDocName } from '../../shared/protocol/docNames.js';
import { commitmentAccess, planAccess, type CommitmentRef, type DocAccess } from './permissions.js';
import type { User } from './types.js';

/**
 * @param rights the commitment's rights as the rows hold them; null when it has none (no
 * agency may write it) or the document is not a commitment.
 */
export function accessToDoc(user: User, name: string, rights: CommitmentRef | null): DocAccess {
  const kind = parseDocName(name)?.kind;
  if (kind === 'plan') return planAccess(user);
  // Every signed-in role reads every commitment, so every one may write its comment threads;
  // the commitment's own text is another document and keeps its own access.
  if (kind === 'comments') return 'write';
  // No agency holds rights on a commitment without rows; the other roles' access does not depend on agencies.
  if (!rights) return user.role === 'agency_editor' ? 'read' : commitmentAccess(user, { id: name, leadAgency: { id: '', zh: '', en: '' }, coAgencies: [] });
  return commitmentAccess(user, { ...rights, id: name });
}
