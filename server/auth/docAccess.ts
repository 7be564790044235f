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

/**
 * For a commitment, tells whether a transaction changed what access is read from (the lead or
 * co-implementing agencies); null for documents whose access does not depend on their content.
 */
export function agencyChangeTest(name: string, doc: Y.Doc): ((tr: Y.Transaction) => boolean) | null {
  if (parseDocName(name)?.kind !== 'commitment') return null;
  const coAgencies = coAgenciesMap(doc) as never;
  const meta = metaMap(doc) as never;
  return (tr) => {
    if (tr.changed.has(coAgencies)) return true;
    // Older documents keep their co-agencies in the meta map.
    const keys = tr.changed.get(meta);
    return keys !== undefined && (keys.has('leadAgency') || keys.has('coAgencies'));
  };
}
