/**
 * Who the local person is, until sign-in exists: a display name, an affiliation and a colour,
 * chosen in the "who are you" form and kept in localStorage. This is the only module that
 * knows where the identity comes from, so server-side identity can replace it later.
 */
import { readStored, writeStored } from '../ui/storage.js';

export const AFFILIATIONS = ['agency', 'civil_society'] as const;
export type Affiliation = (typeof AFFILIATIONS)[number];

export interface Identity {
  name: string;
  affiliation: Affiliation;
  /** Ministry or organisation, shown next to the name when given. */
  organisation: string;
  /** `#rrggbb`; white text on it passes WCAG AA (caret labels, avatars). */
  color: string;
}

/** Colours with at least 4.5:1 contrast against white text. */
export const PALETTE = ['#1d4ed8', '#b91c1c', '#047857', '#7c3aed', '#b45309', '#be185d', '#0e7490', '#a21caf', '#c2410c', '#0f766e'] as const;

const STORAGE_KEY = 'gongbi.identity';

export const randomColor = (): string => PALETTE[Math.floor(Math.random() * PALETTE.length)]!;

/** The stored identity, or null when the person has not introduced themselves yet. */
export function loadIdentity(): Identity | null {
  const raw = readStored(STORAGE_KEY);
  if (!raw) return null;
  try {
    return parseIdentity(JSON.parse(raw));
  } catch {
    return null;
  }
}

/** Validates untrusted JSON (localStorage can hold anything, e.g. an older format). */
export function parseIdentity(value: unknown): Identity | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const name = typeof v.name === 'string' ? v.name.trim().slice(0, 60) : '';
  if (!name) return null;
  const affiliation = (AFFILIATIONS as readonly unknown[]).includes(v.affiliation) ? (v.affiliation as Affiliation) : 'civil_society';
  const color = typeof v.color === 'string' && /^#[0-9a-f]{6}$/i.test(v.color) ? v.color : randomColor();
  const organisation = typeof v.organisation === 'string' ? v.organisation.trim().slice(0, 100) : '';
  return { name, affiliation, organisation, color };
}

export function saveIdentity(identity: Identity): void {
  writeStored(STORAGE_KEY, JSON.stringify(identity));
}

/** Up to two characters for an avatar: a CJK name's given name, else Latin initials. */
export function initials(name: string): string {
  const trimmed = name.trim();
  if (/[\u3400-\u9fff]/.test(trimmed)) return [...trimmed].slice(-2).join('');
  return trimmed
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => [...w][0] ?? '')
    .join('')
    .toUpperCase();
}
