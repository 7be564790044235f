/**
 * One error type for the HTTP API: a status, a stable code for programs and a message a
 * person can act on. `app.onError` turns it into `{ error: { code, message } }`.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} does not exist. Check the id, or list what exists first.`);
export const badRequest = (message: string) => new AppError(400, 'bad_request', message);
export const conflict = (message: string) => new AppError(409, 'conflict', message);

/**
 * PostgreSQL SQLSTATEs that mean the database cannot serve now, not that the request is
 * wrong: connection exceptions (08), insufficient resources (53: too many connections, disk
 * full), object not in prerequisite state (55000, e.g. "cannot connect now" while it starts or
 * is being restored; 55006 object in use; 55P03 lock not available), operator intervention
 * (57: shutdown, crash, statement timeout 57014), system errors (58: I/O), and a read-only
 * transaction (25006: a standby after a failover).
 */
const UNAVAILABLE_SQLSTATE = /^(08|53|55000$|55006$|55P03$|57|58|25006$)/;

/** SQLite result codes for a store that cannot be written now (locked, full, read-only, I/O). */
const UNAVAILABLE_SQLITE = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|READONLY|CANTOPEN)/;

/** Node, pg and ioredis messages of a dependency that went away or did not answer in time. */
const UNAVAILABLE_MESSAGE = new RegExp(
  [
    'Connection terminated',
    'The database connection is not open',
    'Client has encountered a connection error',
    'timeout exceeded when trying to connect',
    'Query read timeout',
    'Command timed out',
    'Connection is closed',
    'Stream isn\'t writeable',
    'Reached the max retries per request limit',
    'did not answer within',
  ].join('|'),
);

/**
 * True for errors that mean a dependency is away or silent (connection refused, reset or
 * timed out, the SQLSTATEs and SQLite codes above, a closed handle): answered 503, not 500,
 * and logged without a stack trace (it is not a bug).
 */
export function isUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code)) return true;
  if (/^[0-9A-Z]{5}$/.test(code) && UNAVAILABLE_SQLSTATE.test(code)) return true;
  if (UNAVAILABLE_SQLITE.test(code)) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return UNAVAILABLE_MESSAGE.test(message);
}

/** True when the store refused a row because a unique key (an e-mail address, an id) is taken. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
