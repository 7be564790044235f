/**
 * PostgreSQL's version store: review cycles and snapshots (triggers in migration 003 make the
 * database refuse to alter a snapshot), and the logged updates of a seq range.
 */
import type pg from 'pg';
import type { ReviewCycle, Snapshot, SnapshotInfo, VersionStore } from '../versions.js';
import type { LoggedUpdate } from '../docs.js';
import { cycleFromRow, loggedUpdateFromRow, SNAPSHOT_INFO_COLUMNS, snapshotFromRow, snapshotInfoFromRow, type CycleRow, type LoggedUpdateRow, type SnapshotRow } from '../rows.js';
import type { Tx } from './store.js';

async function insertSnapshot(c: pg.PoolClient | pg.Pool, s: Snapshot): Promise<void> {
  await c.query(
    `INSERT INTO snapshots (id, cycle_id, doc, kind, reason, seq, state, json, hash, taken_at, user_id, user_name, affiliation) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [s.id, s.cycleId, s.docName, s.kind, s.reason, s.seq, s.state, s.json, s.hash, s.takenAt, s.takenBy.userId, s.takenBy.name, s.takenBy.affiliation],
  );
}

export function postgresVersions(pool: pg.Pool, tx: Tx): VersionStore {
  return {
    async createCycle(c: ReviewCycle): Promise<void> {
      await pool.query(
        `INSERT INTO review_cycles (id, plan_id, label, meeting_date, notes, created_by, created_name, created_affil, created_at, snapshot_at, label_en, notes_en) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [c.id, c.planId, c.label, c.meetingDate, c.notes, c.createdBy.userId, c.createdBy.name, c.createdBy.affiliation, c.createdAt, c.snapshotAt, c.labelEn, c.notesEn],
      );
    },

    async getCycle(id: string): Promise<ReviewCycle | null> {
      const { rows } = await pool.query<CycleRow>(`SELECT * FROM review_cycles WHERE id = $1`, [id]);
      return rows[0] ? cycleFromRow(rows[0]) : null;
    },

    async listCycles(planId: string): Promise<ReviewCycle[]> {
      const { rows } = await pool.query<CycleRow>(`SELECT * FROM review_cycles WHERE plan_id = $1 ORDER BY meeting_date COLLATE "C", created_at, id COLLATE "C"`, [planId]);
      return rows.map(cycleFromRow);
    },

    async addCycleSnapshots(cycleId: string, takenAt: number, snapshots: Snapshot[]): Promise<boolean> {
      return tx(async (c) => {
        // The conditional UPDATE is the once-only check: a concurrent second call waits for the
        // row lock, re-reads the row and changes 0 rows.
        const marked = await c.query(`UPDATE review_cycles SET snapshot_at = $1 WHERE id = $2 AND snapshot_at IS NULL`, [takenAt, cycleId]);
        if (marked.rowCount !== 1) return false;
        for (const s of snapshots) await insertSnapshot(c, s);
        return true;
      });
    },

    async addSnapshot(s: Snapshot): Promise<void> {
      await insertSnapshot(pool, s);
    },

    async getSnapshot(id: string): Promise<Snapshot | null> {
      const { rows } = await pool.query<SnapshotRow>(`SELECT * FROM snapshots WHERE id = $1`, [id]);
      const r = rows[0];
      return r ? snapshotFromRow(r) : null;
    },

    async listSnapshots(filter: { cycleId?: string; docName?: string }): Promise<SnapshotInfo[]> {
      const where: string[] = [];
      const args: string[] = [];
      if (filter.cycleId !== undefined) { args.push(filter.cycleId); where.push(`cycle_id = $${args.length}`); }
      if (filter.docName !== undefined) { args.push(filter.docName); where.push(`doc = $${args.length}`); }
      const sql = `SELECT ${SNAPSHOT_INFO_COLUMNS} FROM snapshots ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY taken_at DESC, seq DESC, id COLLATE "C"`;
      return (await pool.query<SnapshotRow>(sql, args)).rows.map(snapshotInfoFromRow);
    },

    async loadUpdateRange(name: string, fromSeq: number, toSeq: number): Promise<LoggedUpdate[]> {
      const { rows } = await pool.query<LoggedUpdateRow>(
        `SELECT seq, data, user_id, user_name, affiliation, received_at FROM updates WHERE doc = $1 AND seq > $2 AND seq <= $3 ORDER BY seq`,
        [name, fromSeq, toSeq],
      );
      return rows.map(loggedUpdateFromRow);
    },
  };
}
