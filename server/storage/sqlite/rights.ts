/**
 * The SQLite side of the rights store (agency directory, commitment rights), kept apart from
 * the document log so the adapter stays readable. Every change is one transaction.
 */
import type Database from 'better-sqlite3';
import type { DocEvent } from '../docs.js';
import type { AgencyRecord, RightsRecord, RightsStore } from '../rights.js';

type Rights = Omit<RightsRecord, 'version'>;

export function sqliteRights(db: Database.Database): RightsStore {
  const insertAgency = db.prepare(`INSERT INTO agencies (id, name_zh, name_en) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING`);
  const head = db.prepare(`SELECT lead_agency_id, version FROM commitment_rights WHERE commitment_id = ?`);
  const coOf = db.prepare(`SELECT agency_id FROM commitment_co_agencies WHERE commitment_id = ? ORDER BY position`).pluck();
  const insertHead = db.prepare(`INSERT INTO commitment_rights (commitment_id, lead_agency_id, version) VALUES (?, ?, 1) ON CONFLICT (commitment_id) DO NOTHING`);
  const bump = db.prepare(`UPDATE commitment_rights SET lead_agency_id = ?, version = version + 1 WHERE commitment_id = ? AND version = ?`);
  const clearCo = db.prepare(`DELETE FROM commitment_co_agencies WHERE commitment_id = ?`);
  const insertCo = db.prepare(`INSERT INTO commitment_co_agencies (commitment_id, agency_id, position) VALUES (?, ?, ?)`);
  const insertEvent = db.prepare(`INSERT INTO doc_events (doc, type, data, user_id, user_name, affiliation, at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const writeCo = (r: Rights) => {
    clearCo.run(r.commitmentId);
    r.coAgencyIds.forEach((id, i) => insertCo.run(r.commitmentId, id, i));
  };
  const add = db.transaction((agencies: AgencyRecord[]) => agencies.reduce((n, a) => n + insertAgency.run(a.id, a.zh, a.en).changes, 0));
  const init = db.transaction((r: Rights) => {
    if (insertHead.run(r.commitmentId, r.leadAgencyId).changes === 0) return false;
    writeCo(r);
    return true;
  });
  const set = db.transaction((r: Rights, expected: number, e: DocEvent) => {
    if (bump.run(r.leadAgencyId, r.commitmentId, expected).changes === 0) return null;
    writeCo(r);
    insertEvent.run(e.name, e.type, JSON.stringify(e.data), e.author.userId, e.author.name, e.author.affiliation, e.at);
    return expected + 1;
  });
  return {
    async addAgencies(agencies) {
      return add(agencies);
    },
    async listAgencies() {
      return (db.prepare(`SELECT id, name_zh, name_en FROM agencies ORDER BY id`).all() as Array<{ id: string; name_zh: string; name_en: string }>).map((r) => ({ id: r.id, zh: r.name_zh, en: r.name_en }));
    },
    async renameAgency(a) {
      return db.prepare(`UPDATE agencies SET name_zh = ?, name_en = ? WHERE id = ?`).run(a.zh, a.en, a.id).changes > 0;
    },
    async commitmentsNaming(agencyId) {
      return db
        .prepare(`SELECT commitment_id FROM commitment_rights WHERE lead_agency_id = ? UNION SELECT commitment_id FROM commitment_co_agencies WHERE agency_id = ? ORDER BY 1`)
        .pluck()
        .all(agencyId, agencyId) as string[];
    },
    async getRights(commitmentId) {
      const row = head.get(commitmentId) as { lead_agency_id: string; version: number } | undefined;
      if (!row) return null;
      return { commitmentId, leadAgencyId: row.lead_agency_id, coAgencyIds: coOf.all(commitmentId) as string[], version: row.version };
    },
    async initRights(rights) {
      return init(rights);
    },
    async setRights(rights, expectedVersion, event) {
      return set(rights, expectedVersion, event);
    },
  };
}
