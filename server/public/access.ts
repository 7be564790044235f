/** Who may answer for a commitment: the coordinator and the writers of that commitment. */
import type { User } from '../../shared/protocol/auth.js';
import { accessToDoc } from '../auth/docAccess.js';
import type { Rooms } from '../sync/rooms.js';

/** True when the user may write the commitment (read from its live agencies), false also when it does not exist. */
export async function writesCommitment(rooms: Rooms, user: User, commitmentId: string): Promise<boolean> {
  if (user.role === 'coordinator') return true;
  return (await rooms.read(commitmentId, (doc) => accessToDoc(user, commitmentId, doc) === 'write')) ?? false;
}

/** Roles that take part in moderation at all: translators and viewers write no commitment. */
export const mayModerateSome = (user: User): boolean => ['coordinator', 'agency_editor', 'civil_editor'].includes(user.role);
