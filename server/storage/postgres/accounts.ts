/** PostgreSQL's account store: accounts and memberships, sessions, password resets, invitations. */
import type pg from 'pg';
import { randomUUID } from 'node:crypto';
import type { Account, AccountPatch, AccountStore, Invitation, NewUser } from '../accounts.js';
import type { User } from '../../../shared/protocol/auth.js';
import { accountFromRow, invitationFromRow, invitationValues, num, type InvitationRow, type UserRow } from '../rows.js';
import type { Tx } from './store.js';

/** A user row with its memberships aggregated, ordered by commitment id (as SQLite orders them). */
type UserWithCommitments = UserRow & { commitments: string[] };
const USER_SELECT = `SELECT u.*, COALESCE(array_agg(m.commitment_id ORDER BY m.commitment_id COLLATE "C") FILTER (WHERE m.commitment_id IS NOT NULL), '{}') AS commitments
  FROM users u LEFT JOIN memberships m ON m.user_id = u.id`;

const userFrom = (row: UserWithCommitments | undefined): Account | null => (row ? accountFromRow(row, row.commitments) : null);

export function postgresAccounts(pool: pg.Pool, tx: Tx): AccountStore {
  return {
    async createUser(u: NewUser): Promise<User> {
      const id = 'u-' + randomUUID();
      await tx(async (c) => {
        await c.query(
          `INSERT INTO users (id, email, name, password_hash, role, affiliation_kind, affiliation_id, affiliation_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [id, u.email.toLowerCase(), u.name, u.passwordHash, u.role, u.affiliation.kind, u.affiliation.id, u.affiliation.name, new Date().toISOString()],
        );
        if (u.commitments?.length) await c.query(`INSERT INTO memberships (user_id, commitment_id) SELECT $1, unnest($2::text[])`, [id, u.commitments]);
      });
      return (await this.getUserById(id))!;
    },

    async getUserById(id: string): Promise<User | null> {
      const { rows } = await pool.query<UserWithCommitments>(`${USER_SELECT} WHERE u.id = $1 GROUP BY u.id`, [id]);
      return userFrom(rows[0]);
    },

    async getUserByEmail(email: string): Promise<(Account & { passwordHash: string }) | null> {
      const { rows } = await pool.query<UserWithCommitments>(`${USER_SELECT} WHERE u.email = $1 GROUP BY u.id`, [email.toLowerCase()]);
      const user = userFrom(rows[0]);
      return user ? { ...user, passwordHash: rows[0]!.password_hash } : null;
    },

    async listUsers(): Promise<Account[]> {
      const { rows } = await pool.query<UserWithCommitments>(`${USER_SELECT} GROUP BY u.id ORDER BY u.email COLLATE "C"`);
      return rows.map((r) => userFrom(r)!);
    },

    async updateAccount(userId: string, patch: AccountPatch): Promise<boolean> {
      const sets: string[] = [];
      const args: unknown[] = [];
      if (patch.passwordHash !== undefined) { args.push(patch.passwordHash); sets.push(`password_hash = $${args.length}`); }
      if (patch.role !== undefined) { args.push(patch.role); sets.push(`role = $${args.length}`); }
      if (patch.disabledAt !== undefined) { args.push(patch.disabledAt); sets.push(`disabled_at = $${args.length}`); }
      if (sets.length === 0) return (await this.getUserById(userId)) !== null;
      args.push(userId);
      const res = await pool.query(`UPDATE users SET ${sets.join(', ')} WHERE id = $${args.length}`, args);
      return res.rowCount === 1;
    },

    async deleteUserSessions(userId: string): Promise<number> {
      return (await pool.query(`DELETE FROM sessions WHERE user_id = $1`, [userId])).rowCount ?? 0;
    },

    async deleteUserSessionsExcept(userId: string, keepTokenHash: string): Promise<string[]> {
      const { rows } = await pool.query<{ token_hash: string }>(`DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2 RETURNING token_hash`, [userId, keepTokenHash]);
      return rows.map((r) => r.token_hash);
    },

    async createPasswordReset(tokenHash: string, userId: string, createdAt: number, expiresAt: number): Promise<void> {
      await pool.query(`INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`, [tokenHash, userId, createdAt, expiresAt]);
    },

    async usePasswordReset(tokenHash: string, now: number): Promise<string | null> {
      const { rows } = await pool.query<{ user_id: string }>(
        `UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id`,
        [now, tokenHash],
      );
      return rows[0]?.user_id ?? null;
    },

    async setMemberships(userId: string, commitmentIds: string[]): Promise<void> {
      await tx(async (c) => {
        await c.query(`DELETE FROM memberships WHERE user_id = $1`, [userId]);
        if (commitmentIds.length) await c.query(`INSERT INTO memberships (user_id, commitment_id) SELECT $1, unnest($2::text[])`, [userId, commitmentIds]);
      });
    },

    async createSession(tokenHash: string, userId: string, expiresAt: number): Promise<void> {
      await pool.query(`INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`, [tokenHash, userId, Date.now(), expiresAt]);
    },

    async getSessionUser(tokenHash: string, now: number): Promise<User | null> {
      return (await this.getSession(tokenHash, now))?.user ?? null;
    },

    async getSession(tokenHash: string, now: number): Promise<{ user: User; expiresAt: number } | null> {
      const { rows } = await pool.query<UserWithCommitments & { session_expires_at: string }>(
        `WITH s AS (SELECT user_id, expires_at FROM sessions WHERE token_hash = $1 AND expires_at > $2)
         SELECT q.*, (SELECT expires_at FROM s) AS session_expires_at FROM (${USER_SELECT} WHERE u.id = (SELECT user_id FROM s) AND u.disabled_at IS NULL GROUP BY u.id) q`,
        [tokenHash, now],
      );
      const user = userFrom(rows[0]);
      return user ? { user, expiresAt: num(rows[0]!.session_expires_at) } : null;
    },

    async liveSessions(tokenHashes: readonly string[], now: number): Promise<Set<string>> {
      if (tokenHashes.length === 0) return new Set();
      const { rows } = await pool.query<{ token_hash: string }>(`SELECT s.token_hash FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.expires_at > $1 AND u.disabled_at IS NULL AND s.token_hash = ANY($2::text[])`, [now, tokenHashes]);
      return new Set(rows.map((r) => r.token_hash));
    },

    async deleteSession(tokenHash: string): Promise<void> {
      await pool.query(`DELETE FROM sessions WHERE token_hash = $1`, [tokenHash]);
    },

    async createInvitation(tokenHash: string, i: Invitation): Promise<void> {
      await pool.query(
        `INSERT INTO invitations (token_hash, email, role, affiliation_kind, affiliation_id, affiliation_name, commitments, created_by, created_at, expires_at, used_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [tokenHash, ...invitationValues(i)],
      );
    },

    async getInvitation(tokenHash: string): Promise<Invitation | null> {
      const { rows } = await pool.query<InvitationRow>(`SELECT * FROM invitations WHERE token_hash = $1`, [tokenHash]);
      return rows[0] ? invitationFromRow(rows[0]) : null;
    },

    async useInvitation(tokenHash: string, now: number): Promise<boolean> {
      const res = await pool.query(`UPDATE invitations SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL`, [now, tokenHash]);
      return res.rowCount === 1;
    },
  };
}
