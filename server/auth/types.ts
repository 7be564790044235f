/** Account records the store keeps, beyond what the API shows (shared/protocol/auth.ts). */
import type { Affiliation, Role, User } from '../../shared/protocol/auth.js';

export { ROLES, AFFILIATION_KINDS } from '../../shared/protocol/auth.js';
export type { Affiliation, AffiliationKind, Role, User } from '../../shared/protocol/auth.js';

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  affiliation: Affiliation;
  commitments?: string[];
}

/** A user as the store keeps it: an administrator may have disabled the account. */
export interface Account extends User {
  /** Epoch ms when it was disabled, or null while it may sign in. */
  disabledAt: number | null;
}

/** What an administrator changes on an account. */
export interface AccountPatch {
  passwordHash?: string;
  role?: Role;
  disabledAt?: number | null;
}

export interface Invitation {
  email: string;
  role: Role;
  affiliation: Affiliation;
  commitments: string[];
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

