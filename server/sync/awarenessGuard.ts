/**
 * Awareness comes from the server's session, not from the client: each state's `user` is
 * rewritten with the signed-in name and affiliation, states for client ids another
 * connection owns are dropped, and so are oversized ones (counted in UTF-8 bytes, as they
 * travel and are held) and ids beyond a person's share. A caret that is not a pair of
 * relative positions is stripped, since every other person's editor would throw on it.
 */
import type { Awareness } from 'y-protocols/awareness';
import type { User } from '../../shared/protocol/auth.js';
import { hasBadCursor, readAwarenessEntries, rootsOf, writeAwarenessEntries } from '../../shared/protocol/awarenessState.js';

/** Largest awareness state accepted from a client, in UTF-8 bytes (a caret and a field name need far less). */
export const MAX_AWARENESS_STATE_BYTES = 4096;
/**
 * Client ids one person may announce in a room, over all their sockets (one per Y.Doc and
 * tab; several tabs rarely exceed it). Per person, not per socket: each id's state goes into
 * every join, so sockets must not multiply it.
 */
export const MAX_AWARENESS_IDS_PER_PERSON = 8;

const COLOR = /^#[0-9a-fA-F]{6}$/;
const utf8 = new TextDecoder();

export interface AwarenessCheck {
  /** The update to apply, or null when nothing in it is acceptable. */
  update: Uint8Array | null;
  /** Entries dropped or changed, with why (for a notice to the client). */
  dropped: string[];
}

/** Stable colour per user when the client offers none. */
function colorFor(userId: string): string {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return `hsl(${h % 360} 65% 40%)`;
}

/**
 * The awareness client ids a person holds in a room, whichever socket or process announced
 * them (each state's `user.userId` is the server's, never the client's).
 */
export function awarenessIdsOf(awareness: Awareness, userId: string): number {
  let n = 0;
  awareness.getStates().forEach((state) => {
    if ((state?.user as { userId?: unknown } | undefined)?.userId === userId) n++;
  });
  return n;
}

/**
 * @param ownedCount the client ids this person already holds in the room (awarenessIdsOf)
 * @param docName the document, whose root names are the only ones a caret may name
 */
export function sanitizeAwareness(
  update: Uint8Array,
  user: User,
  ownedBy: (clientId: number) => 'me' | 'other' | 'nobody',
  ownedCount: number,
  docName: string,
): AwarenessCheck {
  const isRoot = rootsOf(docName);
  const entries: Array<{ clientId: number; clock: number; json: string }> = [];
  const dropped: string[] = [];
  let newIds = 0;
  for (const { clientId, clock, json: bytes } of readAwarenessEntries(update)) {
    const owner = ownedBy(clientId);
    // Stock clients echo everyone's states: another person's state is ignored, not reported.
    if (owner === 'other') continue;
    if (owner === 'nobody' && ownedCount + ++newIds > MAX_AWARENESS_IDS_PER_PERSON) {
      dropped.push('too many awareness client ids');
      continue;
    }
    if (bytes.byteLength > MAX_AWARENESS_STATE_BYTES) {
      dropped.push(`state over ${MAX_AWARENESS_STATE_BYTES} bytes`);
      continue;
    }
    const state = JSON.parse(utf8.decode(bytes)) as unknown;
    if (state === null) {
      entries.push({ clientId, clock, json: 'null' });
      continue;
    }
    if (typeof state !== 'object' || Array.isArray(state)) {
      dropped.push('state is not an object');
      continue;
    }
    const s = state as Record<string, unknown>;
    if (hasBadCursor(s, isRoot)) {
      s.cursor = null;
      dropped.push('cursor removed: not a pair of relative positions in this document');
    }
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
  if (entries.length === 0) return { update: null, dropped };
  return { update: writeAwarenessEntries(entries), dropped };
}
