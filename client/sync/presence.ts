/**
 * Presence over Yjs awareness: each client publishes `user` = { name, color, affiliation,
 * organisation, field }, where `field` says which part of the commitment it is in
 * (`title.zh`, `section.problem.en`, `milestone.<id>.text.zh`, `status`…). TipTap's caret
 * plugin reads the same `user` object, so carets and the avatar list agree.
 */
import type { Awareness } from 'y-protocols/awareness';
import type { Identity } from '../identity/identity.js';

export interface PresenceUser {
  name: string;
  color: string;
  affiliation: Identity['affiliation'];
  organisation: string;
  /** The field this person has focus in, or null. */
  field: string | null;
}

export interface Peer {
  clientId: number;
  user: PresenceUser;
  isLocal: boolean;
}

export function presenceUser(identity: Identity, field: string | null = null): PresenceUser {
  return { name: identity.name, color: identity.color, affiliation: identity.affiliation, organisation: identity.organisation, field };
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

function isPresenceUser(v: unknown): v is PresenceUser {
  return !!v && typeof v === 'object' && typeof (v as PresenceUser).name === 'string';
}

/** Everyone with a published identity, the local person first, then by name. */
export function readPeers(awareness: Awareness): Peer[] {
  const peers: Peer[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const user = (state as { user?: unknown }).user;
    if (!isPresenceUser(user)) return;
    peers.push({
      clientId,
      isLocal: clientId === awareness.clientID,
      user: { ...user, color: /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#475569', field: user.field ?? null },
    });
  });
  return peers.sort((a, b) => Number(b.isLocal) - Number(a.isLocal) || a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId);
}
