/** The content hash of a snapshot: SHA-256 of a canonical JSON text. Changing this format invalidates every stored hash. */
import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted (by UTF-16 code unit) and undefined properties dropped, so the
 * same rendering always gives the same text whatever order its keys were built in.
 * @example canonicalJSON({ b: 1, a: [2, { d: 3, c: 4 }] }) // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJSON(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJSON(v))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJSON(record[k])}`).join(',')}}`;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
