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

/**
 * Deepest nesting a request body may have. The deepest real body (a rich-text section:
 * doc → list → item → paragraph → text → marks) is about ten levels; recursive validators
 * and renderers would overflow the stack on the ~40,000 levels a 1 MiB body can hold.
 */
export const MAX_BODY_DEPTH = 64;

/** How deeply `value` nests, counted without recursion, stopping once past `limit`. */
function depthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** The parsed JSON body: 415 unless it is declared `application/json`, 400 when it does not parse. `hint` names what to send. */
export async function readJson(c: Context, hint = 'a JSON object'): Promise<unknown> {
  const type = c.req.header('content-type');
  if (!isJsonContentType(type)) throw unsupportedMediaType(type);
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw badRequest(`The request body is not valid JSON. Send ${hint} with Content-Type: application/json.`);
  }
  if (depthExceeds(body, MAX_BODY_DEPTH)) throw badRequest(`The request body nests more than ${MAX_BODY_DEPTH} levels deep; no request needs that many. Send ${hint}.`);
  return body;
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
