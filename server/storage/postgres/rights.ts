/**
 * The PostgreSQL side of the rights store (agency directory, commitment rights). A change
 * is one transaction guarded by the rows' version, so two coordinators in two processes
 * cannot both win; the history event is written in the same transaction.
 */
import type pg from 'pg';
import type { DocEvent } from '../docs.js';
import type { RightsRecord, RightsStore } from '../rights.js';
import type { Tx } from './store.js';

type Rights = Omit<RightsRecord, 'version'>;

async function writeCo(c: pg.PoolClient, r: Rights): Promise<void> {
  await c.query(`DELETE FROM commitment_co_agencies WHERE commitment_id = $1`, [r.commitmentId]);
  if (r.coAgencyIds.length === 0) return;
  await c.query(
    `INSERT INTO commitment_co_agencies (commitment_id, agency_id, position) SELECT $1, a, p - 1 FROM unnest($2::text[]) WITH ORDINALITY AS t(a, p)`,
    [r.commitmentId, r.coAgencyIds],
  );
}

export function postgresRights(pool: pg.Pool, tx: Tx): RightsStore {
  return {
    async addAgencies(agencies) {
      if (agencies.length === 0) return 0;
      const res = await pool.query(
        `INSERT INTO agencies (id, name_zh, name_en) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT (id) DO NOTHING`,
        [agencies.map((a) => a.id), agencies.map((a) => a.zh), agencies.map((a) => a.en)],
      );
      return res.rowCount ?? 0;
    },
    async listAgencies() {
      const { rows } = await pool.query(`SELECT id, name_zh, name_en FROM agencies ORDER BY id COLLATE "C"`);
      return rows.map((r) => ({ id: r.id as string, zh: r.name_zh as string, en: r.name_en as string }));
    },
    async renameAgency(a) {
      return ((await pool.query(`UPDATE agencies SET name_zh = $1, name_en = $2 WHERE id = $3`, [a.zh, a.en, a.id])).rowCount ?? 0) > 0;
    },
    async commitmentsNaming(agencyId) {
      const { rows } = await pool.query(
        `SELECT id FROM (SELECT commitment_id AS id FROM commitment_rights WHERE lead_agency_id = $1
           UNION SELECT commitment_id FROM commitment_co_agencies WHERE agency_id = $1) t ORDER BY id COLLATE "C"`,
        [agencyId],
      );
      return rows.map((r) => r.id as string);
    },
    async getRights(commitmentId) {
      const { rows } = await pool.query(
        `SELECT r.lead_agency_id, r.version, COALESCE(array_agg(c.agency_id ORDER BY c.position) FILTER (WHERE c.agency_id IS NOT NULL), '{}') AS co
           FROM commitment_rights r LEFT JOIN commitment_co_agencies c ON c.commitment_id = r.commitment_id
          WHERE r.commitment_id = $1 GROUP BY r.lead_agency_id, r.version`,
        [commitmentId],
      );
      const row = rows[0];
      return row ? { commitmentId, leadAgencyId: row.lead_agency_id as string, coAgencyIds: row.co as string[], version: Number(row.version) } : null;
    },
    async initRights(rights) {
      return tx(async (c) => {
        const res = await c.query(`INSERT INTO commitment_rights (commitment_id, lead_agency_id, version) VALUES ($1, $2, 1) ON CONFLICT (commitment_id) DO NOTHING`, [rights.commitmentId, rights.leadAgencyId]);
        if (res.rowCount === 0) return false;
        await writeCo(c, rights);
        return true;
      });
    },
    async setRights(rights, expectedVersion, e: DocEvent) {
      return tx(async (c) => {
        const res = await c.query(`UPDATE commitment_rights SET lead_agency_id = $1, version = version + 1 WHERE commitment_id = $2 AND version = $3`, [rights.leadAgencyId, rights.commitmentId, expectedVersion]);
        if (res.rowCount === 0) return null;
        await writeCo(c, rights);
        await c.query(
          `INSERT INTO doc_events (doc, type, data, user_id, user_name, affiliation, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [e.name, e.type, JSON.stringify(e.data), e.author.userId, e.author.name, e.author.affiliation, e.at],
        );
        return expectedVersion + 1;
      });
    },
  };
}
