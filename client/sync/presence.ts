/**
 * Presence over Yjs awareness: each client publishes `user` = { name, color, affiliation,
 * affiliationName, field }, where `field` says which part of the commitment it is in
 * (`title.zh`, `section.problem.en`, `milestone.<id>.text.zh`, `status`…). The server
 * rewrites name and affiliation from the session (server/sync/awarenessGuard.ts), so what
 * others see cannot be forged. TipTap's caret plugin reads the same `user` object.
 */
import type { Awareness } from 'y-protocols/awareness';
import type { Identity } from '../identity/identity.js';

export interface PresenceUser {
  name: string;
  color: string;
  affiliation: Identity['affiliation'];
  affiliationName: string;
  /** The field this person has focus in, or null. */
  field: string | null;
  /** Set by the server from the session; one person may have several tabs open. */
  userId?: string;
}

export interface Peer {
  clientId: number;
  user: PresenceUser;
  isLocal: boolean;
}

export function presenceUser(identity: Identity, field: string | null = null): PresenceUser {
  return { name: identity.name, color: identity.color, affiliation: identity.affiliation, affiliationName: identity.organisation, field, userId: identity.userId };
}

const localUser = (awareness: Awareness): PresenceUser | null =>
  ((awareness.getLocalState() ?? {}) as { user?: PresenceUser }).user ?? null;

/** Publishes who we are, keeping the field we are in. */
export function setLocalIdentity(awareness: Awareness, identity: Identity): void {
  awareness.setLocalStateField('user', presenceUser(identity, localUser(awareness)?.field ?? null));
}

export function setLocalField(awareness: Awareness, field: string | null): void {
  const user = localUser(awareness);
  if (user && user.field !== field) awareness.setLocalStateField('user', { ...user, field });
}

const COLOR = /^#[0-9a-f]{6}$/i;

/** One entry per person: the local tab wins, else the tab that is in a field. */
function dedupeByUser(peers: Peer[]): Peer[] {
  const byUser = new Map<string, Peer>();
  const out: Peer[] = [];
  for (const p of peers) {
    if (!p.user.userId) {
      out.push(p);
      continue;
    }
    const seen = byUser.get(p.user.userId);
    if (!seen || p.isLocal || (!seen.isLocal && !seen.user.field && p.user.field)) byUser.set(p.user.userId, p);
  }
  return [...out, ...byUser.values()];
}

/** Everyone with a published identity, the local person first, then by name. */
export function readPeers(awareness: Awareness): Peer[] {
  const peers: Peer[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const user = (state as { user?: Partial<PresenceUser> } | null)?.user;
    if (!user || typeof user.name !== 'string') return;
    peers.push({
      clientId,
      isLocal: clientId === awareness.clientID,
      user: {
        name: user.name,
        color: typeof user.color === 'string' && COLOR.test(user.color) ? user.color : '#475569',
        affiliation: user.affiliation === 'agency' ? 'agency' : 'civil_society',
        affiliationName: typeof user.affiliationName === 'string' ? user.affiliationName : '',
        field: typeof user.field === 'string' ? user.field : null,
        userId: typeof user.userId === 'string' ? user.userId : undefined,
      },
    });
  });
  return dedupeByUser(peers).sort((a, b) => Number(b.isLocal) - Number(a.isLocal) || a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId);
}
