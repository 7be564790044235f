/**
 * Awareness comes from the server's session, not from the client: each state's `user` is
 * rewritten with the signed-in name and affiliation, states for client ids another
 * connection owns are dropped, and so are oversized ones.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { User } from '../../shared/protocol/auth.js';

/** Largest awareness state accepted from a client (a caret and a field name need far less). */
export const MAX_AWARENESS_STATE_BYTES = 4096;
/** Client ids one connection may announce (one per Y.Doc; a few tabs share none). */
export const MAX_AWARENESS_IDS_PER_CONNECTION = 8;

const COLOR = /^#[0-9a-fA-F]{6}$/;

export interface AwarenessCheck {
  /** The update to apply, or null when nothing in it is acceptable. */
  update: Uint8Array | null;
  /** Entries dropped, with why (for a notice to the client). */
  dropped: string[];
}

/** Stable colour per user when the client offers none. */
function colorFor(userId: string): string {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return `hsl(${h % 360} 65% 40%)`;
}

export function sanitizeAwareness(
  update: Uint8Array,
  user: User,
  ownedBy: (clientId: number) => 'me' | 'other' | 'nobody',
  ownedCount: number,
): AwarenessCheck {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: Array<{ clientId: number; clock: number; json: string }> = [];
  const dropped: string[] = [];
  let newIds = 0;
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const raw = decoding.readVarString(decoder);
    const owner = ownedBy(clientId);
    // Stock clients echo everyone's states: another person's state is ignored, not reported.
    if (owner === 'other') continue;
    if (owner === 'nobody' && ownedCount + ++newIds > MAX_AWARENESS_IDS_PER_CONNECTION) {
      dropped.push('too many awareness client ids');
      continue;
    }
    if (raw.length > MAX_AWARENESS_STATE_BYTES) {
      dropped.push(`state over ${MAX_AWARENESS_STATE_BYTES} bytes`);
      continue;
    }
    const state = JSON.parse(raw) as unknown;
    if (state === null) {
      entries.push({ clientId, clock, json: 'null' });
      continue;
    }
    if (typeof state !== 'object' || Array.isArray(state)) {
      dropped.push('state is not an object');
      continue;
    }
    const s = state as Record<string, unknown>;
    const claimed = (s.user && typeof s.user === 'object' ? s.user : {}) as Record<string, unknown>;
    s.user = {
      userId: user.id,
      name: user.name,
      affiliation: user.affiliation.kind,
      affiliationName: user.affiliation.name,
      role: user.role,
      color: typeof claimed.color === 'string' && COLOR.test(claimed.color) ? claimed.color : colorFor(user.id),
      field: typeof claimed.field === 'string' ? claimed.field.slice(0, 100) : null,
    };
    entries.push({ clientId, clock, json: JSON.stringify(s) });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes in awareness update');
  if (entries.length === 0) return { update: null, dropped };
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(e, clientId);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, json);
  }
  return { update: encoding.toUint8Array(e), dropped };
}
