/** Audit rows as both adapters read them back (PostgreSQL's BIGINTs arrive as strings). */
import type { AuditEntry } from './audit.js';

export interface AuditRow { id: number | string; at: number | string; actor_id: string; actor_name: string; affiliation: string; action: string; target: string; details: string; address: string }

export const auditFromRow = (r: AuditRow): AuditEntry => ({
  id: Number(r.id),
  at: Number(r.at),
  actor: { userId: r.actor_id, name: r.actor_name, affiliation: r.affiliation },
  action: r.action,
  target: r.target,
  details: JSON.parse(r.details) as Record<string, unknown>,
  address: r.address,
});
