/** The access a user has to a loaded document, read from the document's own agencies. */
import type * as Y from 'yjs';
import { parseDocName } from '../../shared/protocol/docNames.js';
import { getMeta } from '../../shared/schema/index.js';
import { commitmentAccess, planAccess, type DocAccess } from './permissions.js';
import type { User } from './types.js';

export function accessToDoc(user: User, name: string, doc: Y.Doc): DocAccess {
  if (parseDocName(name)?.kind === 'plan') return planAccess(user);
  return commitmentAccess(user, { id: name, leadAgency: getMeta(doc, 'leadAgency'), coAgencies: getMeta(doc, 'coAgencies') });
}
