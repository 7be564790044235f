/** Reads and validates a JSON request body, answering 400 with what to fix. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { badRequest } from '../errors.js';

export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw badRequest('The request body is not valid JSON. Send a JSON object with Content-Type: application/json.');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    throw badRequest(`The request body is invalid: ${problems}`);
  }
  return parsed.data;
}
