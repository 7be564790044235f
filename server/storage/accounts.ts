/**
 * The account store's contract: accounts, sessions, password resets, invitations and
 * memberships, with the rows it keeps beyond what the API shows (shared/protocol/auth.ts).
 * Tokens are stored only as hashes. server/auth and server/accounts build on it.
 */
import type { Affiliation, Role, User } from '../../shared/protocol/auth.js';

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

/** Accounts, sessions, invitations and memberships. Tokens are stored only as hashes. */
export interface AccountStore {
  createUser(user: NewUser): Promise<User>;
  getUserById(id: string): Promise<User | null>;
  /** The account with its password hash, disabled or not (sign-in refuses a disabled one). */
  getUserByEmail(email: string): Promise<(Account & { passwordHash: string }) | null>;
  listUsers(): Promise<Account[]>;
  /** Changes the fields given; false when there is no such account. */
  updateAccount(userId: string, patch: AccountPatch): Promise<boolean>;
  /** Deletes every session of the person (a disabled account, a new password); returns how many. */
  deleteUserSessions(userId: string): Promise<number>;
  /** Deletes the person's sessions but `keepTokenHash`; returns the hashes deleted (their sockets are then closed). */
  deleteUserSessionsExcept(userId: string, keepTokenHash: string): Promise<string[]>;
  /** Stores a password-reset link's token hash (single use, until `expiresAt`). */
  createPasswordReset(tokenHash: string, userId: string, createdAt: number, expiresAt: number): Promise<void>;
  /** Uses the link once: its account's id, or null when unknown, used or expired (checked atomically). */
  usePasswordReset(tokenHash: string, now: number): Promise<string | null>;
  setMemberships(userId: string, commitmentIds: string[]): Promise<void>;
  createSession(tokenHash: string, userId: string, expiresAt: number): Promise<void>;
  /** The session's user, or null when unknown, expired or its account is disabled. */
  getSessionUser(tokenHash: string, now: number): Promise<User | null>;
  /** The session's user and when it expires (epoch ms), or null when unknown or expired. */
  getSession(tokenHash: string, now: number): Promise<{ user: User; expiresAt: number } | null>;
  /** Which of these sessions still exist, have not expired and belong to an enabled account (any number of hashes). */
  liveSessions(tokenHashes: readonly string[], now: number): Promise<Set<string>>;
  deleteSession(tokenHash: string): Promise<void>;
  createInvitation(tokenHash: string, invitation: Invitation): Promise<void>;
  getInvitation(tokenHash: string): Promise<Invitation | null>;
  /** Marks it used; false when it was already used (single use, checked atomically). */
  useInvitation(tokenHash: string, now: number): Promise<boolean>;
}
