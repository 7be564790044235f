/** The access a user has to a loaded document, read from the document's own agencies. */
import type * as Y from 'yjs';
import { parseDocName } from '../../shared/protocol/docNames.js';
import { coAgenciesMap, getMeta, metaMap } from '../../shared/schema/index.js';
import { commitmentAccess, planAccess, type DocAccess } from './permissions.js';
import type { User } from './types.js';

export function accessToDoc(user: User, name: string, doc: Y.Doc): DocAccess {
  const kind = parseDocName(name)?.kind;
  if (kind === 'plan') return planAccess(user);
  // Every signed-in role reads every commitment, so every one may write its comment threads;
  // the commitment's own text is another document and keeps its own access.
  if (kind === 'comments') return 'write';
  return commitmentAccess(user, { id: name, leadAgency: getMeta(doc, 'leadAgency'), coAgencies: getMeta(doc, 'coAgencies') });
}

/** True when `tr` changed what commitment access is read from (the lead or co-implementing agencies). */
export function accessInputsChanged(name: string, tr: Y.Transaction): boolean {
  if (parseDocName(name)?.kind !== 'commitment') return false;
  if (tr.changed.has(coAgenciesMap(tr.doc) as never)) return true;
  // Older documents keep their co-agencies in the meta map.
  const keys = tr.changed.get(metaMap(tr.doc) as never);
  return keys !== undefined && (keys.has('leadAgency') || keys.has('coAgencies'));
}
