/**
 * SQLite's version store: review cycles and snapshots (the database refuses to alter a
 * snapshot: migration 003's triggers), and the logged updates of a seq range.
 */
import type Database from 'better-sqlite3';
import type { Snapshot, VersionStore } from '../versions.js';
import { cycleFromRow, loggedUpdateFromRow, SNAPSHOT_INFO_COLUMNS, snapshotFromRow, snapshotInfoFromRow, type CycleRow, type LoggedUpdateRow, type SnapshotRow } from '../rows.js';

export function sqliteVersions(db: Database.Database): VersionStore {
  const stmt = {
    insertCycle: db.prepare(`INSERT INTO review_cycles (id, plan_id, label, meeting_date, notes, created_by, created_name, created_affil, created_at, snapshot_at, label_en, notes_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    getCycle: db.prepare(`SELECT * FROM review_cycles WHERE id = ?`),
    listCycles: db.prepare(`SELECT * FROM review_cycles WHERE plan_id = ? ORDER BY meeting_date, created_at, id`),
    markCycle: db.prepare(`UPDATE review_cycles SET snapshot_at = ? WHERE id = ? AND snapshot_at IS NULL`),
    insertSnapshot: db.prepare(`INSERT INTO snapshots (id, cycle_id, doc, kind, reason, seq, state, json, hash, taken_at, user_id, user_name, affiliation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    getSnapshot: db.prepare(`SELECT * FROM snapshots WHERE id = ?`),
    updateRange: db.prepare(`SELECT seq, data, user_id, user_name, affiliation, received_at FROM updates WHERE doc = ? AND seq > ? AND seq <= ? ORDER BY seq`),
  };
  const insertSnapshot = (s: Snapshot): void => {
    stmt.insertSnapshot.run(s.id, s.cycleId, s.docName, s.kind, s.reason, s.seq, s.state, s.json, s.hash, s.takenAt, s.takenBy.userId, s.takenBy.name, s.takenBy.affiliation);
  };

  return {
    async createCycle(c) {
      stmt.insertCycle.run(c.id, c.planId, c.label, c.meetingDate, c.notes, c.createdBy.userId, c.createdBy.name, c.createdBy.affiliation, c.createdAt, c.snapshotAt, c.labelEn, c.notesEn);
    },

    async getCycle(id) {
      const row = stmt.getCycle.get(id) as CycleRow | undefined;
      return row ? cycleFromRow(row) : null;
    },

    async listCycles(planId) {
      return (stmt.listCycles.all(planId) as CycleRow[]).map(cycleFromRow);
    },

    async addCycleSnapshots(cycleId, takenAt, snapshots) {
      return db.transaction((): boolean => {
        // The conditional UPDATE is the once-only check: a concurrent second call changes 0 rows.
        if (stmt.markCycle.run(takenAt, cycleId).changes !== 1) return false;
        for (const s of snapshots) insertSnapshot(s);
        return true;
      })();
    },

    async addSnapshot(s) {
      insertSnapshot(s);
    },

    async getSnapshot(id) {
      const r = stmt.getSnapshot.get(id) as SnapshotRow | undefined;
      return r ? snapshotFromRow(r) : null;
    },

    async listSnapshots(filter) {
      const where: string[] = [];
      const args: string[] = [];
      if (filter.cycleId !== undefined) { where.push('cycle_id = ?'); args.push(filter.cycleId); }
      if (filter.docName !== undefined) { where.push('doc = ?'); args.push(filter.docName); }
      const sql = `SELECT ${SNAPSHOT_INFO_COLUMNS} FROM snapshots ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY taken_at DESC, seq DESC, id`;
      return (db.prepare(sql).all(...args) as SnapshotRow[]).map(snapshotInfoFromRow);
    },

    async loadUpdateRange(name, fromSeq, toSeq) {
      return (stmt.updateRange.all(name, fromSeq, toSeq) as LoggedUpdateRow[]).map(loggedUpdateFromRow);
    },
  };
}
