/**
 * What an administrator does to accounts — create, reset a password, disable, enable, change
 * a role, list — for the admin command line (server/ops/admin.ts) and any route that needs
 * it. Every change is recorded in the audit trail; disabling an account or giving it a new
 * password deletes its sessions and ends their open sockets (through `endSessions`).
 */
import { randomBytes } from 'node:crypto';
import { type Role, ROLES } from '../../shared/protocol/auth.js';
import type { AuditActor } from '../../shared/protocol/audit.js';
import type { Audit } from '../audit/audit.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/passwords.js';
import type { Account, Affiliation } from '../auth/types.js';
import type { AccountStore } from '../storage/index.js';

/** A mistake in what the administrator asked: the message says what to do instead. */
export class AdminError extends Error {}

export interface AccountAdminDeps {
  store: AccountStore;
  audit: Audit;
  /** Ends the open sockets of a person whose sessions were deleted (this process and the others). */
  endSessions(userId: string): Promise<void>;
}

export interface NewAccount {
  email: string;
  name: string;
  role: Role;
  affiliation: Affiliation;
  commitments?: string[];
  /** Omitted: a one-time password is made and returned. */
  password?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A random password people can type: 20 characters of base64url (120 bits). */
export const oneTimePassword = (): string => randomBytes(15).toString('base64url');

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new AdminError(`The password is too short: use at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (password.length > 1000) throw new AdminError('The password is too long: use at most 1000 characters.');
}

export function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new AdminError(`Unknown role "${value}". Use one of: ${ROLES.join(', ')}.`);
  return value as Role;
}

export class AccountAdmin {
  constructor(private readonly deps: AccountAdminDeps) {}

  private async find(email: string): Promise<Account> {
    const account = await this.deps.store.getUserByEmail(email.trim().toLowerCase());
    if (!account) throw new AdminError(`There is no account with the e-mail address ${email}. List them with: npm run admin -- list-users`);
    const { passwordHash: _secret, ...rest } = account;
    return rest;
  }

  async list(): Promise<Account[]> {
    return this.deps.store.listUsers();
  }

  /** True when no account exists yet (the first start of a store without the demo). */
  async noAccounts(): Promise<boolean> {
    return (await this.deps.store.listUsers()).length === 0;
  }

  async createUser(n: NewAccount, actor: AuditActor): Promise<{ user: Account; password: string; generated: boolean }> {
    const email = n.email.trim().toLowerCase();
    if (!EMAIL.test(email) || email.length > 254) throw new AdminError(`"${n.email}" is not an e-mail address like name@example.gov.tw.`);
    const name = n.name.trim();
    if (!name || name.length > 100) throw new AdminError('Give the person\'s name (1 to 100 characters) with --name.');
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(n.affiliation.id)) throw new AdminError('The affiliation id must be lowercase letters, digits and hyphens, such as ndc.');
    if (!n.affiliation.name.trim()) throw new AdminError('Give the affiliation\'s name with --affiliation-name.');
    if (await this.deps.store.getUserByEmail(email)) throw new AdminError(`An account with the e-mail address ${email} already exists.`);
    const generated = n.password === undefined;
    const password = n.password ?? oneTimePassword();
    checkPassword(password);
    const created = await this.deps.store.createUser({ email, name, passwordHash: await hashPassword(password), role: n.role, affiliation: n.affiliation, commitments: n.commitments ?? [] });
    await this.deps.audit.record({ actor, action: 'account_created', target: email, details: { role: n.role, affiliation: n.affiliation.id } });
    return { user: { ...created, disabledAt: null }, password, generated };
  }

  /** A new password (given or made), and every session of the account ended. */
  async resetPassword(email: string, actor: AuditActor, password?: string): Promise<{ user: Account; password: string; generated: boolean; sessionsEnded: number }> {
    const user = await this.find(email);
    const generated = password === undefined;
    const next = password ?? oneTimePassword();
    checkPassword(next);
    await this.deps.store.updateAccount(user.id, { passwordHash: await hashPassword(next) });
    const sessionsEnded = await this.endAll(user.id);
    await this.deps.audit.record({ actor, action: 'password_reset', target: user.email, details: { sessionsEnded } });
    return { user, password: next, generated, sessionsEnded };
  }

  async disable(email: string, actor: AuditActor): Promise<{ user: Account; sessionsEnded: number }> {
    const user = await this.find(email);
    if (user.disabledAt !== null) return { user, sessionsEnded: await this.endAll(user.id) };
    const disabledAt = Date.now();
    await this.deps.store.updateAccount(user.id, { disabledAt });
    const sessionsEnded = await this.endAll(user.id);
    await this.deps.audit.record({ actor, action: 'account_disabled', target: user.email, details: { sessionsEnded } });
    return { user: { ...user, disabledAt }, sessionsEnded };
  }

  async enable(email: string, actor: AuditActor): Promise<{ user: Account }> {
    const user = await this.find(email);
    if (user.disabledAt === null) return { user };
    await this.deps.store.updateAccount(user.id, { disabledAt: null });
    await this.deps.audit.record({ actor, action: 'account_enabled', target: user.email });
    return { user: { ...user, disabledAt: null } };
  }

  /**
   * A new role. Open sockets were let in with the old one, and a process without Redis cannot
   * be told to re-read it: so the person's sessions end and they sign in again with the new role.
   */
  async setRole(email: string, role: Role, actor: AuditActor): Promise<{ user: Account; from: Role; sessionsEnded: number }> {
    const user = await this.find(email);
    const from = user.role;
    if (from === role) return { user, from, sessionsEnded: 0 };
    await this.deps.store.updateAccount(user.id, { role });
    const sessionsEnded = await this.endAll(user.id);
    await this.deps.audit.record({ actor, action: 'role_changed', target: user.email, details: { from, to: role, sessionsEnded } });
    return { user: { ...user, role }, from, sessionsEnded };
  }

  private async endAll(userId: string): Promise<number> {
    const n = await this.deps.store.deleteUserSessions(userId);
    await this.deps.endSessions(userId);
    return n;
  }
}
