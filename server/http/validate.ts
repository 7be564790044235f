/**
 * Reads and validates a JSON request body, answering 415 unless it is declared JSON and 400
 * with what to fix. Every route reads its body through here, so the rule holds everywhere.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError, badRequest } from '../errors.js';

/**
 * True for `application/json`, with at most a UTF-8 charset. A page of another origin can
 * send text/plain, form or multipart bodies without asking the server first (no CORS
 * preflight); a JSON content type it cannot, so refusing the others closes that door.
 */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => p === '' || /^charset="?utf-?8"?$/.test(p));
}

export const unsupportedMediaType = (got: string | undefined) =>
  new AppError(
    415,
    'unsupported_media_type',
    `請以 Content-Type: application/json 傳送 JSON。 Send the body as JSON with the header Content-Type: application/json (got ${got ? JSON.stringify(got.slice(0, 100)) : 'none'}).`,
  );

/** The parsed JSON body: 415 unless it is declared `application/json`, 400 when it does not parse. `hint` names what to send. */
export async function readJson(c: Context, hint = 'a JSON object'): Promise<unknown> {
  const type = c.req.header('content-type');
  if (!isJsonContentType(type)) throw unsupportedMediaType(type);
  try {
    return await c.req.json();
  } catch {
    throw badRequest(`The request body is not valid JSON. Send ${hint} with Content-Type: application/json.`);
  }
}

export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const raw = await readJson(c);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    throw badRequest(`The request body is invalid: ${problems}`);
  }
  return parsed.data;
}
