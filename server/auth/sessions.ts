/**
 * Sign-in, sessions and invitations. A session is a random token: the browser holds it in an
 * httpOnly cookie, scripts send it as a bearer token (HTTP) or `?token=` (WebSocket only).
 */
import { isUniqueViolation } from '../errors.js';
import type { AccountStore } from '../storage/index.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { hashToken, newToken } from './tokens.js';
import type { Account, Invitation, User } from './types.js';

export const SESSION_COOKIE = 'gongbi_session';

export interface SessionOptions {
  sessionTtlMs: number;
  invitationTtlMs: number;
}

/** A request's valid session: whose it is, its stored hash (never the token) and when it expires. */
export interface SessionInfo {
  user: User;
  tokenHash: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** Told when a session ends before its time (sign-out), so what it opened can be closed. */
export type SessionEndListener = (tokenHash: string) => void;

// Verifying against a real hash when the account does not exist keeps the answer time the
// same, so sign-in does not reveal which e-mail addresses have accounts.
let decoyHash: Promise<string> | null = null;

export class Sessions {
  private readonly endListeners = new Set<SessionEndListener>();
  /** The accept in progress per e-mail address: accepts for one address run one at a time. */
  private readonly accepting = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: AccountStore,
    private readonly options: SessionOptions,
  ) {}

  /**
   * Returns a new session token and the user, or why not: a wrong e-mail or password, or an
   * account an administrator disabled (said only to whoever knows its password).
   */
  async signIn(email: string, password: string): Promise<{ token: string; user: User; expiresAt: number } | { problem: 'bad_credentials' | 'disabled' }> {
    const account = await this.store.getUserByEmail(email);
    decoyHash ??= hashPassword('decoy password for timing');
    const ok = await verifyPassword(account?.passwordHash ?? (await decoyHash), password);
    if (!account || !ok) return { problem: 'bad_credentials' };
    if (account.disabledAt !== null) return { problem: 'disabled' };
    const { passwordHash: _omit, disabledAt: _enabled, ...user } = account;
    return { ...(await this.startSession(user.id)), user };
  }

  /**
   * Sets a signed-in person's new password after checking the current one, and ends every
   * other session of theirs (the one in use stays). False when the current password is wrong.
   */
  async changePassword(user: User, keepTokenHash: string, current: string, next: string): Promise<{ ok: boolean; ended: string[] }> {
    const account = await this.store.getUserByEmail(user.email);
    if (!account || !(await verifyPassword(account.passwordHash, current))) return { ok: false, ended: [] };
    await this.store.updateAccount(user.id, { passwordHash: await hashPassword(next) });
    return { ok: true, ended: await this.store.deleteUserSessionsExcept(user.id, keepTokenHash) };
  }

  /** Every account (no password hashes; disabled ones too), for the coordinator's list of users. */
  listUsers(): Promise<Account[]> {
    return this.store.listUsers();
  }

  async startSession(userId: string): Promise<{ token: string; expiresAt: number }> {
    const token = newToken();
    const expiresAt = Date.now() + this.options.sessionTtlMs;
    await this.store.createSession(hashToken(token), userId, expiresAt);
    return { token, expiresAt };
  }

  userFor(token: string | undefined | null): Promise<User | null> {
    if (!token || token.length > 200) return Promise.resolve(null);
    return this.store.getSessionUser(hashToken(token), Date.now());
  }

  /** The token's session when it is valid, with its expiry (null when unknown or expired). */
  async sessionFor(token: string | undefined | null): Promise<SessionInfo | null> {
    if (!token || token.length > 200) return null;
    const tokenHash = hashToken(token);
    const found = await this.store.getSession(tokenHash, Date.now());
    return found ? { ...found, tokenHash } : null;
  }

  /** Ends the session; listeners then close what it still has open (sync sockets). */
  async signOut(token: string): Promise<void> {
    const tokenHash = hashToken(token);
    await this.store.deleteSession(tokenHash);
    for (const listener of this.endListeners) listener(tokenHash);
  }

  /** Calls `listener` with the hash of every session signed out here. Returns the remover. */
  onEnd(listener: SessionEndListener): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  async invite(invitation: Omit<Invitation, 'createdAt' | 'expiresAt' | 'usedAt'>): Promise<{ token: string; expiresAt: number }> {
    const token = newToken();
    const createdAt = Date.now();
    const expiresAt = createdAt + this.options.invitationTtlMs;
    await this.store.createInvitation(hashToken(token), { ...invitation, createdAt, expiresAt, usedAt: null });
    return { token, expiresAt };
  }

  /** The invitation when it can still be accepted; otherwise why not. */
  async checkInvitation(token: string): Promise<{ invitation: Invitation } | { problem: 'unknown' | 'used' | 'expired' }> {
    const invitation = await this.store.getInvitation(hashToken(token));
    if (!invitation) return { problem: 'unknown' };
    if (invitation.usedAt !== null) return { problem: 'used' };
    if (invitation.expiresAt <= Date.now()) return { problem: 'expired' };
    return { invitation };
  }

  /**
   * Creates the account of an invitation (once) and signs it in. Two invitations for one
   * address accepted at once give one account and "exists" (not a failure, and the second
   * invitation is not used up): accepts for one address take turns, and a store that finds
   * the address taken anyway (another process won the race) is answered the same way.
   */
  async acceptInvitation(token: string, name: string, password: string): Promise<{ token: string; user: User; expiresAt: number } | { problem: 'unknown' | 'used' | 'expired' | 'exists' }> {
    const checked = await this.checkInvitation(token);
    if ('problem' in checked) return checked;
    const { invitation } = checked;
    // The slow hash is computed before the turn, so a turn lasts a few queries.
    const passwordHash = await hashPassword(password);
    return this.inTurn(invitation.email.toLowerCase(), async () => {
      if (await this.store.getUserByEmail(invitation.email)) return { problem: 'exists' as const };
      if (!(await this.store.useInvitation(hashToken(token), Date.now()))) return { problem: 'used' as const };
      let user: User;
      try {
        user = await this.store.createUser({
          email: invitation.email,
          name,
          passwordHash,
          role: invitation.role,
          affiliation: invitation.affiliation,
          commitments: invitation.commitments,
        });
      } catch (err) {
        if (isUniqueViolation(err)) return { problem: 'exists' as const };
        throw err;
      }
      return { ...(await this.startSession(user.id)), user };
    });
  }

  /** Runs `fn` after every earlier call for the same `key` has settled. */
  private async inTurn<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const before = this.accepting.get(key) ?? Promise.resolve();
    const mine = before.catch(() => {}).then(fn);
    this.accepting.set(key, mine);
    try {
      return await mine;
    } finally {
      if (this.accepting.get(key) === mine) this.accepting.delete(key);
    }
  }
}
