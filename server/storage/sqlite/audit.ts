/** SQLite's audit trail (append-only: migration 007's triggers refuse UPDATE and DELETE). */
import type Database from 'better-sqlite3';
import type { AuditStore } from '../audit.js';
import { auditFromRow, type AuditRow } from '../auditRows.js';

export function sqliteAudit(db: Database.Database): AuditStore {
  return {
    async appendAudit(e) {
      const r = db
        .prepare(`INSERT INTO audit_log (at, actor_id, actor_name, affiliation, action, target, details, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(e.at, e.actor.userId, e.actor.name, e.actor.affiliation, e.action, e.target, JSON.stringify(e.details), e.address);
      return Number(r.lastInsertRowid);
    },

    async listAudit(f) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (f.actor !== undefined) { where.push('(actor_id = ? OR actor_name = ?)'); args.push(f.actor, f.actor); }
      if (f.action !== undefined) { where.push('action = ?'); args.push(f.action); }
      if (f.target !== undefined) { where.push('target = ?'); args.push(f.target); }
      if (f.from !== undefined) { where.push('at >= ?'); args.push(f.from); }
      if (f.to !== undefined) { where.push('at < ?'); args.push(f.to); }
      if (f.before !== undefined) { where.push('id < ?'); args.push(f.before); }
      const rows = db
        .prepare(`SELECT * FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ?`)
        .all(...args, f.limit) as AuditRow[];
      return rows.map(auditFromRow);
    },
  };
}
