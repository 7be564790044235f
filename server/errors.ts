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
 * True for errors that mean a dependency is away (connection refused or reset, PostgreSQL's
 * connection and shutdown classes, a closed SQLite handle): answered 503, not 500.
 */
export function isUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(code)) return true;
  if (/^(08|57P)/.test(code)) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|The database connection is not open|Client has encountered a connection error/.test(message);
}
