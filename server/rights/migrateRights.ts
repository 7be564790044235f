/**
 * Documents written before the agency directory keep their lead and co-implementing agencies
 * inside the Y.Doc only. These copy them into the rights rows once (the document's values are
 * taken as they stood), adding their agencies to the directory, so that access is read from
 * the rows from then on. Run for every document at start-up, and for one document whenever
 * its rows are found missing (a store migrated while the server was running).
 */
import { getMeta } from '../../shared/schema/index.js';
import type { AgencyRecord, Store } from '../storage/index.js';
import type { Rooms } from '../sync/rooms.js';

export interface RightsDeps {
  store: Store;
  rooms: Rooms;
}

/** Copies one commitment's agencies from its document into rows; false when it has none to copy. */
export async function migrateDocumentRights(deps: RightsDeps, commitmentId: string): Promise<boolean> {
  const found = await deps.rooms.read(commitmentId, (doc) => ({ lead: getMeta(doc, 'leadAgency'), co: getMeta(doc, 'coAgencies') }));
  // A document with no lead agency at all (never filled in) gets no rows: only the coordinator writes it.
  if (!found || !found.lead.id) return false;
  const co = found.co.filter((a) => a.id && a.id !== found.lead.id);
  const agencies: AgencyRecord[] = [found.lead, ...co].map((a) => ({ id: a.id, zh: a.zh || a.id, en: a.en }));
  await deps.store.addAgencies(agencies);
  await deps.store.initRights({ commitmentId, leadAgencyId: found.lead.id, coAgencyIds: [...new Set(co.map((a) => a.id))] });
  return true;
}

/** Migrates every commitment that has no rights rows yet; returns how many it migrated. */
export async function migrateAllRights(deps: RightsDeps): Promise<number> {
  let n = 0;
  for (const d of await deps.store.listDocuments({ kind: 'commitment' })) {
    if (await deps.store.getRights(d.name)) continue;
    if (await migrateDocumentRights(deps, d.name)) n++;
  }
  return n;
}
