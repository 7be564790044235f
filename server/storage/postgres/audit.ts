/** PostgreSQL's audit trail (append-only: migration 007's triggers refuse UPDATE, DELETE and TRUNCATE). */
import type pg from 'pg';
import type { AuditEntry, AuditFilter, AuditStore, NewAuditEntry } from '../audit.js';
import { auditFromRow, type AuditRow } from '../auditRows.js';
import { num } from '../rows.js';

export function postgresAudit(pool: pg.Pool): AuditStore {
  return {
    async appendAudit(e: NewAuditEntry): Promise<number> {
      const { rows } = await pool.query(
        `INSERT INTO audit_log (at, actor_id, actor_name, affiliation, action, target, details, address) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [e.at, e.actor.userId, e.actor.name, e.actor.affiliation, e.action, e.target, JSON.stringify(e.details), e.address],
      );
      return num(rows[0].id);
    },

    async listAudit(f: AuditFilter): Promise<AuditEntry[]> {
      const where: string[] = [];
      const args: unknown[] = [];
      const arg = (v: unknown) => `$${args.push(v)}`;
      if (f.actor !== undefined) { const a = arg(f.actor); where.push(`(actor_id = ${a} OR actor_name = ${a})`); }
      if (f.action !== undefined) where.push(`action = ${arg(f.action)}`);
      if (f.target !== undefined) where.push(`target = ${arg(f.target)}`);
      if (f.from !== undefined) where.push(`at >= ${arg(f.from)}`);
      if (f.to !== undefined) where.push(`at < ${arg(f.to)}`);
      if (f.before !== undefined) where.push(`id < ${arg(f.before)}`);
      const { rows } = await pool.query<AuditRow>(`SELECT * FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ${arg(f.limit)}`, args);
      return rows.map(auditFromRow);
    },
  };
}
