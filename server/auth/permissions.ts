/**
 * Who may do what: one pure table, used by every HTTP route and by the sync endpoint, and
 * tested role by role. Access to a commitment follows its current lead and co-implementing
 * agencies, so a reorganisation moves the editing rights with the commitment.
 */
import type { Agency } from '../../shared/schema/index.js';
import type { User } from './types.js';

/**
 * What a connection may do to a document's text: write everything, write the English texts
 * only (translate), or read it (and comment).
 */
export type DocAccess = 'write' | 'translate' | 'read';

export interface CommitmentRef {
  id: string;
  leadAgency: Agency;
  coAgencies: Agency[];
}

export function commitmentAccess(user: User, c: CommitmentRef): DocAccess {
  switch (user.role) {
    case 'coordinator':
      return 'write';
    case 'agency_editor': {
      const agency = user.affiliation.id;
      const involved = c.leadAgency.id === agency || c.coAgencies.some((a) => a.id === agency);
      return user.affiliation.kind === 'agency' && involved ? 'write' : 'read';
    }
    case 'civil_editor':
      return user.commitments.includes(c.id) ? 'write' : 'read';
    case 'translator':
      return 'translate';
    default:
      return 'read';
  }
}

/** Plan documents (domains, order) are the coordinator's. */
export const planAccess = (user: User): DocAccess => (user.role === 'coordinator' ? 'write' : 'read');

/** Plan-level actions of the HTTP API. */
export type PlanAction = 'create_plan' | 'create_commitment' | 'move_agency' | 'invite' | 'manage_users' | 'take_snapshot' | 'publish';

export function canDo(user: User, _action: PlanAction): boolean {
  return user.role === 'coordinator';
}
