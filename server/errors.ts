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
