/**
 * The pub/sub channel on which a process that changed a commitment's rights tells the others,
 * so their open sockets on it are judged by the new rights at once. The message carries the
 * rights themselves: the receiver applies them without a database read, before it handles
 * the document update that mirrors them (one publisher, one subscriber: Redis keeps the
 * order). Document channels are named `c-…`, `cm-…`, `plan-…` (shared/protocol/docNames.ts),
 * so none can be this one.
 */
import { z } from 'zod';
import type { CommitmentRef } from '../auth/permissions.js';

export const RIGHTS_CHANNEL = 'control:rights';

/** A commitment's rights reached `version`. */
export interface RightsChanged {
  ref: CommitmentRef;
  version: number;
}

/** Fifty co-implementing agencies with long names fit well within this. */
const MAX_MESSAGE_BYTES = 64 * 1024;
const agency = z.object({ id: z.string().max(63), zh: z.string().max(200), en: z.string().max(200) });
const message = z.object({
  v: z.number().int().nonnegative(),
  ref: z.object({ id: z.string().max(200), leadAgency: agency, coAgencies: z.array(agency).max(50) }),
});

export function encodeRightsChanged(m: RightsChanged): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ v: m.version, ref: m.ref }));
}

/** Null for anything that is not a well-formed message of ours (ignored by the receiver). */
export function decodeRightsChanged(bytes: Uint8Array): RightsChanged | null {
  if (bytes.byteLength > MAX_MESSAGE_BYTES) return null;
  try {
    const parsed = message.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return parsed.success ? { ref: parsed.data.ref, version: parsed.data.v } : null;
  } catch {
    return null;
  }
}
