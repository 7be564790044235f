/** SQLite's account store: accounts and memberships, sessions, password resets, invitations. */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Account, AccountStore } from '../accounts.js';
import { accountFromRow, invitationFromRow, invitationValues, type InvitationRow, type UserRow } from '../rows.js';

export function sqliteAccounts(db: Database.Database): AccountStore {
  const userFrom = (row: UserRow | undefined): Account | null => {
    if (!row) return null;
    const commitments = (db.prepare(`SELECT commitment_id FROM memberships WHERE user_id = ? ORDER BY commitment_id`).pluck().all(row.id) as string[]);
    return accountFromRow(row, commitments);
  };

  return {
    async createUser(u) {
      const id = 'u-' + randomUUID();
      db.transaction(() => {
        db
          .prepare(`INSERT INTO users (id, email, name, password_hash, role, affiliation_kind, affiliation_id, affiliation_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(id, u.email.toLowerCase(), u.name, u.passwordHash, u.role, u.affiliation.kind, u.affiliation.id, u.affiliation.name, new Date().toISOString());
        for (const c of u.commitments ?? []) db.prepare(`INSERT INTO memberships (user_id, commitment_id) VALUES (?, ?)`).run(id, c);
      })();
      return (await this.getUserById(id))!;
    },

    async getUserById(id) {
      return userFrom(db.prepare(`SELECT * FROM users WHERE id = ?`).get(id) as UserRow | undefined);
    },

    async getUserByEmail(email) {
      const row = db.prepare(`SELECT * FROM users WHERE email = ?`).get(email.toLowerCase()) as UserRow | undefined;
      const user = userFrom(row);
      return user && row ? { ...user, passwordHash: row.password_hash } : null;
    },

    async listUsers() {
      return (db.prepare(`SELECT * FROM users ORDER BY email`).all() as UserRow[]).map((r) => userFrom(r)!);
    },

    async updateAccount(userId, patch) {
      const sets: string[] = [];
      const args: unknown[] = [];
      if (patch.passwordHash !== undefined) { sets.push('password_hash = ?'); args.push(patch.passwordHash); }
      if (patch.role !== undefined) { sets.push('role = ?'); args.push(patch.role); }
      if (patch.disabledAt !== undefined) { sets.push('disabled_at = ?'); args.push(patch.disabledAt); }
      if (sets.length === 0) return (await this.getUserById(userId)) !== null;
      return db.prepare(`UPDATE users SET ${sets.join(', ')} WHERE id = ?`).run(...args, userId).changes === 1;
    },

    async deleteUserSessions(userId) {
      return db.prepare(`DELETE FROM sessions WHERE user_id = ?`).run(userId).changes;
    },

    async deleteUserSessionsExcept(userId, keepTokenHash) {
      return db.prepare(`DELETE FROM sessions WHERE user_id = ? AND token_hash <> ? RETURNING token_hash`).pluck().all(userId, keepTokenHash) as string[];
    },

    async createPasswordReset(tokenHash, userId, createdAt, expiresAt) {
      db.prepare(`INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`).run(tokenHash, userId, createdAt, expiresAt);
    },

    async usePasswordReset(tokenHash, now) {
      const row = db
        .prepare(`UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id`)
        .get(now, tokenHash, now) as { user_id: string } | undefined;
      return row?.user_id ?? null;
    },

    async setMemberships(userId, commitmentIds) {
      db.transaction(() => {
        db.prepare(`DELETE FROM memberships WHERE user_id = ?`).run(userId);
        for (const c of commitmentIds) db.prepare(`INSERT INTO memberships (user_id, commitment_id) VALUES (?, ?)`).run(userId, c);
      })();
    },

    async createSession(tokenHash, userId, expiresAt) {
      db.prepare(`INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`).run(tokenHash, userId, Date.now(), expiresAt);
    },

    async getSessionUser(tokenHash, now) {
      return (await this.getSession(tokenHash, now))?.user ?? null;
    },

    async getSession(tokenHash, now) {
      const row = db
        .prepare(`SELECT u.*, s.expires_at AS session_expires_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL`)
        .get(tokenHash, now) as (UserRow & { session_expires_at: number }) | undefined;
      const user = userFrom(row);
      return user && row ? { user, expiresAt: row.session_expires_at } : null;
    },

    async liveSessions(tokenHashes, now) {
      const live = new Set<string>();
      // Well under SQLite's limit of bound parameters per statement.
      for (let i = 0; i < tokenHashes.length; i += 500) {
        const chunk = tokenHashes.slice(i, i + 500);
        const rows = db.prepare(`SELECT s.token_hash FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.expires_at > ? AND u.disabled_at IS NULL AND s.token_hash IN (${chunk.map(() => '?').join(',')})`).pluck().all(now, ...chunk) as string[];
        for (const h of rows) live.add(h);
      }
      return live;
    },

    async deleteSession(tokenHash) {
      db.prepare(`DELETE FROM sessions WHERE token_hash = ?`).run(tokenHash);
    },

    async createInvitation(tokenHash, i) {
      db
        .prepare(`INSERT INTO invitations (token_hash, email, role, affiliation_kind, affiliation_id, affiliation_name, commitments, created_by, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(tokenHash, ...invitationValues(i));
    },

    async getInvitation(tokenHash) {
      const r = db.prepare(`SELECT * FROM invitations WHERE token_hash = ?`).get(tokenHash) as InvitationRow | undefined;
      return r ? invitationFromRow(r) : null;
    },

    async useInvitation(tokenHash, now) {
      return db.prepare(`UPDATE invitations SET used_at = ? WHERE token_hash = ? AND used_at IS NULL`).run(now, tokenHash).changes === 1;
    },
  };
}
