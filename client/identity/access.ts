/**
 * What the signed-in person may do to a commitment's text, so the editor can show
 * read-only fields instead of accepting edits the server would refuse.
 * MIRROR of server/auth/permissions.ts `commitmentAccess` (the server stays the authority);
 * it belongs in shared/ so the two cannot drift — requested from the lead.
 */
import type { User } from '../../shared/protocol/auth.js';
import type { Agency, Lang } from '../../shared/schema/index.js';

/** write everything · translate (English texts only) · read (and comment). */
export type DocAccess = 'write' | 'translate' | 'read';

export function commitmentAccess(user: User, c: { id: string; leadAgency: Agency; coAgencies: Agency[] }): DocAccess {
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

/** May this access change a text in `lang` (undefined: a language-neutral value)? */
export const canEdit = (access: DocAccess, lang?: Lang) => access === 'write' || (access === 'translate' && lang === 'en');
