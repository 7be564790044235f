/**
 * The permission table for documents, shared so the browser shows read-only fields exactly
 * where the server would refuse an edit. The server is the authority and enforces it; access
 * to a commitment follows its current lead and co-implementing agencies, so a reorganisation
 * moves the editing rights with the commitment.
 */
import type { Agency, Lang } from '../schema/index.js';
import type { User } from './auth.js';

/** write everything · translate (English texts only) · read (and comment). */
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

/** May this access change a text in `lang` (undefined: a language-neutral value)? */
export const canEdit = (access: DocAccess, lang?: Lang) => access === 'write' || (access === 'translate' && lang === 'en');
