/** Who may answer for a commitment: the coordinator and the writers of that commitment. */
import type { User } from '../../shared/protocol/auth.js';
import { readAccess } from './read.js';
import type { Store } from '../storage/index.js';
import type { Rooms } from '../sync/rooms.js';

/** True when the user may write the commitment (read from its rights rows), false also when it does not exist. */
export async function writesCommitment(deps: { store: Store; rooms: Rooms }, user: User, commitmentId: string): Promise<boolean> {
  if (user.role === 'coordinator') return true;
  const record = await deps.store.getDocument(commitmentId);
  if (!record || record.kind !== 'commitment') return false;
  return (await readAccess(deps, user, commitmentId)) === 'write';
}

/** Roles that take part in moderation at all: translators and viewers write no commitment. */
export const mayModerateSome = (user: User): boolean => ['coordinator', 'agency_editor', 'civil_editor'].includes(user.role);
