/**
 * Who the local person is: the signed-in account (name, role, affiliation) plus a caret
 * colour derived from the account id, so it is the same on every device. This module and
 * IdentityProvider are the only places that know where the identity comes from.
 */
import type { AffiliationKind, Role, User } from '../../shared/protocol/auth.js';

export type Affiliation = AffiliationKind;

export interface Identity {
  userId: string;
  name: string;
  role: Role;
  affiliation: AffiliationKind;
  /** Ministry or organisation name. */
  organisation: string;
  /** `#rrggbb`; white text on it passes WCAG AA (caret labels, avatars). */
  color: string;
  user: User;
}

/** Colours with at least 4.5:1 contrast against white text. */
export const PALETTE = ['#1d4ed8', '#b91c1c', '#047857', '#7c3aed', '#b45309', '#be185d', '#0e7490', '#a21caf', '#c2410c', '#0f766e'] as const;

export function colorFor(userId: string): string {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (Math.imul(h, 31) + userId.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}

export function identityOf(user: User): Identity {
  return {
    userId: user.id,
    name: user.name,
    role: user.role,
    affiliation: user.affiliation.kind,
    organisation: user.affiliation.name,
    color: colorFor(user.id),
    user,
  };
}

/** Up to two characters for an avatar: a CJK name's first characters, else Latin initials. */
export function initials(name: string): string {
  const trimmed = name.replace(/[（(].*$/, '').trim() || name.trim();
  if (/[\u3400-\u9fff]/.test(trimmed)) return [...trimmed].slice(0, 2).join('');
  return trimmed
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => [...w][0] ?? '')
    .join('')
    .toUpperCase();
}
