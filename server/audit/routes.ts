/** The audit trail for coordinators: `GET /api/audit` (JSON, filtered, paged) and `GET /api/audit.csv`. */
import { Hono } from 'hono';
import { auditQuery, type AuditListResponse } from '../../shared/protocol/audit.js';
import { type Audit, entryView } from './audit.js';
import { auditCsv } from './csv.js';
import { type AuthEnv, forbidden, requireUser } from '../auth/middleware.js';
import { canDo } from '../auth/permissions.js';
import { badRequest } from '../errors.js';

/** The CSV export's most entries (the whole trail of a plan's three years fits many times). */
const CSV_MAX = 100_000;

export function auditRoutes(deps: { audit: Audit }): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();

  api.use('/audit*', async (c, next) => {
    if (!canDo(requireUser(c), 'read_audit')) throw forbidden('read the audit trail');
    await next();
  });

  const query = (raw: Record<string, string>, limit?: number) => {
    const parsed = auditQuery.safeParse(limit === undefined ? raw : { ...raw, limit: undefined });
    if (!parsed.success) throw badRequest(`Bad query parameters: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return limit === undefined ? parsed.data : { ...parsed.data, limit };
  };

  api.get('/audit', async (c) => {
    const { entries, next } = await deps.audit.list(query(c.req.query()));
    const body: AuditListResponse = { entries: entries.map(entryView), next };
    return c.json(body);
  });

  api.get('/audit.csv', async (c) => {
    const { entries } = await deps.audit.list(query(c.req.query(), CSV_MAX));
    c.header('Content-Disposition', `attachment; filename="gongbi-audit-${new Date().toISOString().slice(0, 10)}.csv"`);
    return c.body(auditCsv(entries), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });

  return api;
}
