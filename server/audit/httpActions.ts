/**
 * Which API requests the audit trail records, in one table: a request that succeeded (2xx)
 * with a signed-in person and matches a row is recorded after its handler ran. Routes stay as
 * they are; the facts come from the path, the query, the validated JSON body (Hono keeps the
 * parsed body, so reading it again costs nothing) and the JSON answer. Sign-in, sign-out and
 * invitations are recorded by the auth routes themselves (they know who failed or who was made).
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AuditAction } from '../../shared/protocol/audit.js';
import type { AuthEnv } from '../auth/middleware.js';
import type { Logger } from '../log.js';
import type { Audit } from './audit.js';

type Json = Record<string, unknown>;

interface AuditedRoute {
  method: string;
  path: RegExp;
  action: AuditAction;
  target(m: RegExpExecArray, answer: Json): string;
  details?(facts: { m: RegExpExecArray; body: Json; query: Record<string, string>; answer: Json }): Json;
}

const pick = (o: Json, keys: string[]): Json => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});

export const AUDITED_ROUTES: AuditedRoute[] = [
  {
    method: 'POST', path: /^\/api\/commitments\/([^/]+)\/lead-agency$/, action: 'lead_agency_moved',
    target: (m) => m[1]!,
    details: ({ body }) => ({ to: pick(obj(body.leadAgency), ['id', 'zh', 'en']), ...pick(body, ['note']) }),
  },
  {
    method: 'PUT', path: /^\/api\/commitments\/([^/]+)\/lead-agency$/, action: 'lead_agency_moved',
    target: (m) => m[1]!,
    details: ({ body }) => pick(body, ['agencyId', 'note']),
  },
  {
    method: 'PUT', path: /^\/api\/commitments\/([^/]+)\/co-agencies$/, action: 'rights_changed',
    target: (m) => m[1]!,
    details: ({ body }) => ({ coAgencies: body.agencyIds ?? null, ...pick(body, ['note']) }),
  },
  {
    method: 'POST', path: /^\/api\/commitments\/([^/]+)\/co-agencies$/, action: 'rights_changed',
    target: (m) => m[1]!,
    details: ({ body }) => ({ added: body.agencyId ?? null, ...pick(body, ['note']) }),
  },
  {
    method: 'DELETE', path: /^\/api\/commitments\/([^/]+)\/co-agencies\/([^/]+)$/, action: 'rights_changed',
    target: (m) => m[1]!,
    details: ({ m, query }) => ({ removed: m[2], ...pick(query, ['note']) }),
  },
  {
    method: 'POST', path: /^\/api\/agencies$/, action: 'rights_changed',
    target: (_m, answer) => String(obj(answer.agency).id ?? ''),
    details: ({ body }) => ({ agencyAdded: pick(body, ['id', 'zh', 'en']) }),
  },
  {
    method: 'PUT', path: /^\/api\/agencies\/([^/]+)$/, action: 'rights_changed',
    target: (m) => m[1]!,
    details: ({ body }) => ({ agencyRenamed: pick(body, ['zh', 'en']) }),
  },
  {
    method: 'POST', path: /^\/api\/plans\/([^/]+)\/cycles$/, action: 'cycle_created',
    target: (_m, answer) => String(obj(answer.cycle).id ?? ''),
    details: ({ m, body }) => ({ planId: m[1], ...pick(body, ['label', 'meetingDate']) }),
  },
  {
    method: 'POST', path: /^\/api\/cycles\/([^/]+)\/snapshot$/, action: 'snapshot_taken',
    target: (m) => m[1]!,
    details: ({ answer }) => ({ documents: Array.isArray(answer.snapshots) ? answer.snapshots.length : 0 }),
  },
  {
    method: 'POST', path: /^\/api\/commitments\/([^/]+)\/restore-section$/, action: 'section_restored',
    target: (m) => m[1]!,
    details: ({ body }) => pick(body, ['section', 'field', 'from', 'lang']),
  },
  {
    // The body is the file (not recorded); the answer says what was created and updated.
    method: 'POST', path: /^\/api\/plans\/([^/]+)\/import$/, action: 'imported',
    target: (m) => m[1]!,
    details: ({ query, answer }) => ({
      ...pick(query, ['commitment', 'domain']),
      results: (Array.isArray(answer.results) ? answer.results : []).map((r) => pick(obj(r), ['number', 'action', 'commitmentId', 'checkpointId'])),
    }),
  },
  {
    method: 'POST', path: /^\/api\/cycles\/([^/]+)\/publish$/, action: 'published',
    target: (m) => m[1]!,
    details: ({ answer }) => pick(obj(answer.publication), ['planId']),
  },
  {
    method: 'GET', path: /^\/api\/plans\/([^/]+)\/export\.([a-z0-9.-]+)$/, action: 'exported',
    target: (m) => m[1]!,
    details: ({ m, query }) => ({ format: m[2], version: query.version ?? 'live', ...pick(query, ['lang', 'domain', 'commitment']) }),
  },
  {
    method: 'GET', path: /^\/api\/plans\/([^/]+)\/redline\.([a-z0-9.-]+)$/, action: 'exported',
    target: (m) => m[1]!,
    details: ({ m, query }) => ({ format: `redline.${m[2]}`, from: query.from ?? 'previous', to: query.to ?? 'live', ...pick(query, ['lang', 'commitment']) }),
  },
  {
    method: 'POST', path: /^\/api\/public-comments\/([^/]+)\/moderate$/, action: 'comment_moderated',
    target: (m) => m[1]!,
    details: ({ body }) => pick(body, ['decision']),
  },
  { method: 'POST', path: /^\/api\/public-comments\/([^/]+)\/response$/, action: 'comment_answered', target: (m) => m[1]! },
  {
    method: 'POST', path: /^\/api\/commitments\/([^/]+)\/links$/, action: 'link_added',
    target: (m) => m[1]!,
    details: ({ body }) => pick(body, ['to']),
  },
  {
    method: 'DELETE', path: /^\/api\/commitments\/([^/]+)\/links\/([^/]+)$/, action: 'link_removed',
    target: (m) => m[1]!,
    details: ({ m }) => ({ to: m[2] }),
  },
];

/** The client's address as the socket saw it (the proxy's, behind nginx: see the README). */
export function requestAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? '';
}

async function jsonOf(read: () => Promise<unknown>): Promise<Json> {
  try {
    return obj(await read());
  } catch {
    return {};
  }
}

/** Records the requests of `AUDITED_ROUTES` once they have succeeded. */
export function auditTrail(audit: Audit, logger: Logger): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    await next();
    const status = c.res.status;
    const user = c.get('user');
    if (status < 200 || status >= 300 || !user) return;
    const path = c.req.path;
    const route = AUDITED_ROUTES.find((r) => r.method === c.req.method && r.path.test(path));
    if (!route) return;
    const m = route.path.exec(path)!;
    const isJson = (c.res.headers.get('content-type') ?? '').startsWith('application/json');
    const answer = isJson ? await jsonOf(() => c.res.clone().json()) : {};
    const body = c.req.method === 'GET' || c.req.method === 'DELETE' ? {} : await jsonOf(() => c.req.json());
    try {
      await audit.record({
        actor: user,
        action: route.action,
        target: route.target(m, answer),
        details: route.details?.({ m, body, query: c.req.query(), answer }),
        address: requestAddress(c),
      });
    } catch (err) {
      // The action itself is done and answered; an unwritable trail must be seen at once.
      logger.error('could not write an audit entry', { action: route.action, path, userId: user.id, error: String(err) });
    }
  };
}
