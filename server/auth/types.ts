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

