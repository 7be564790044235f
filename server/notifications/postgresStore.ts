/** Notifications in PostgreSQL: adding and pruning in one statement pair inside a transaction. */
import type pg from 'pg';
import type { NotificationSettings, NotificationView } from '../../shared/protocol/notifications.js';
import { INSERT, insertParams, toView, type NotificationRow } from './rows.js';
import type { NotificationRecord, NotificationStore } from './store.js';

export class PostgresNotifications implements NotificationStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(n: NotificationRecord, keep: number): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`${INSERT} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL)`, insertParams(n));
      await client.query(
        `DELETE FROM notifications WHERE user_id = $1 AND id NOT IN (SELECT id FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2)`,
        [n.userId, keep],
      );
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async list(userId: string, limit: number): Promise<NotificationView[]> {
    const { rows } = await this.pool.query<NotificationRow>(`SELECT * FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, [userId, limit]);
    return rows.map(toView);
  }

  async unreadCount(userId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [userId]);
    return Number(rows[0]!.n);
  }

  async markRead(userId: string, ids: string[] | 'all', at: string): Promise<number> {
    const res =
      ids === 'all'
        ? await this.pool.query(`UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL`, [at, userId])
        : await this.pool.query(`UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL AND id = ANY($3::text[])`, [at, userId, ids]);
    return res.rowCount ?? 0;
  }

  async getSettings(userId: string): Promise<NotificationSettings | null> {
    const { rows } = await this.pool.query<{ email: boolean; lang: string }>(`SELECT email, lang FROM notification_settings WHERE user_id = $1`, [userId]);
    return rows[0] ? { email: rows[0].email, lang: rows[0].lang === 'en' ? 'en' : 'zh' } : null;
  }

  async claimReminder(key: string, at: string): Promise<boolean> {
    const res = await this.pool.query(`INSERT INTO reminders_sent (key, sent_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [key, at]);
    return res.rowCount === 1;
  }

  async putSettings(userId: string, s: NotificationSettings): Promise<void> {
    await this.pool.query(
      `INSERT INTO notification_settings (user_id, email, lang) VALUES ($1, $2, $3) ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, lang = EXCLUDED.lang`,
      [userId, s.email, s.lang],
    );
  }
}
