/**
 * The pub/sub channel on which a process that changed a commitment's rights tells the others,
 * so their open sockets on it are judged by the new rows at once. Document channels are named
 * `c-…`, `cm-…`, `plan-…` (shared/protocol/docNames.ts), so none can be this one.
 */
export const RIGHTS_CHANNEL = 'control:rights';

/** A commitment's rights reached `version`. */
export interface RightsChanged {
  commitmentId: string;
  version: number;
}

export function encodeRightsChanged(m: RightsChanged): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ c: m.commitmentId, v: m.version }));
}

/** Null for anything that is not a well-formed message of ours (ignored by the receiver). */
export function decodeRightsChanged(message: Uint8Array): RightsChanged | null {
  if (message.byteLength > 512) return null;
  try {
    const m = JSON.parse(new TextDecoder().decode(message)) as { c?: unknown; v?: unknown };
    if (typeof m.c === 'string' && m.c.length <= 200 && Number.isSafeInteger(m.v)) return { commitmentId: m.c, version: m.v as number };
  } catch {
    /* not ours */
  }
  return null;
}
