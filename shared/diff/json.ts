/**
 * Key-order-independent JSON comparison: the same node may come from TipTap (`{type, attrs,
 * content}`) or from `renderCommitment` (sorted attrs), and must not show up as a change.
 */

/** JSON text with object keys sorted and undefined properties dropped. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonical(v))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`).join(',')}}`;
}

/** True when two JSON values are equal as data. */
export const sameJSON = (a: unknown, b: unknown): boolean => a === b || canonical(a) === canonical(b);

/** A deep copy that also guarantees the value survives the wire. */
export const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));
