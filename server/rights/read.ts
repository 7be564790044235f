/**
 * Reads a commitment's rights from the rows, with agency names from the directory; an older
 * document's values are migrated into rows first. The one way access is read, with or
 * without the rights service's cache (checks made over HTTP read afresh each time).
 */
import type { CommitmentRef, DocAccess } from '../auth/permissions.js';
import { accessToDoc } from '../auth/docAccess.js';
import type { User } from '../../shared/protocol/auth.js';
import type { Agency } from '../../shared/schema/index.js';
import { parseDocName } from '../../shared/protocol/docNames.js';
import { migrateDocumentRights, type RightsDeps } from './migrateRights.js';

export interface ReadRights {
  ref: CommitmentRef;
  version: number;
}

/** Null when the commitment has no rows and its document names no lead agency. */
export async function readRights(deps: RightsDeps, commitmentId: string): Promise<ReadRights | null> {
  let rows = await deps.store.getRights(commitmentId);
  if (!rows && (await migrateDocumentRights(deps, commitmentId))) rows = await deps.store.getRights(commitmentId);
  if (!rows) return null;
  const dir = new Map((await deps.store.listAgencies()).map((a) => [a.id, a]));
  const name = (id: string): Agency => dir.get(id) ?? { id, zh: id, en: '' };
  return { ref: { id: commitmentId, leadAgency: name(rows.leadAgencyId), coAgencies: rows.coAgencyIds.map(name) }, version: rows.version };
}

/** The user's access to a document, a commitment's read from its rights rows. */
export async function readAccess(deps: RightsDeps, user: User, name: string): Promise<DocAccess> {
  const rights = parseDocName(name)?.kind === 'commitment' ? await readRights(deps, name) : null;
  return accessToDoc(user, name, rights?.ref ?? null);
}
