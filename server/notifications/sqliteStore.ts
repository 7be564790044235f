/** Notifications in SQLite: adding and pruning in one transaction, so a person never holds more than `keep`. */
import type Database from 'better-sqlite3';
import type { NotificationSettings, NotificationView } from '../../shared/protocol/notifications.js';
import { INSERT, insertParams, toView, type NotificationRow } from './rows.js';
import type { NotificationRecord, NotificationStore } from './store.js';

export class SqliteNotifications implements NotificationStore {
  private readonly stmt;
  private readonly addTx;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      add: db.prepare(`${INSERT} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`),
      prune: db.prepare(`DELETE FROM notifications WHERE user_id = ? AND id NOT IN (SELECT id FROM notifications WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?)`),
      list: db.prepare(`SELECT * FROM notifications WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`),
      unread: db.prepare(`SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL`),
      readAll: db.prepare(`UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL`),
      getSettings: db.prepare(`SELECT email, lang FROM notification_settings WHERE user_id = ?`),
      claim: db.prepare(`INSERT INTO reminders_sent (key, sent_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`),
      putSettings: db.prepare(`INSERT INTO notification_settings (user_id, email, lang) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, lang = excluded.lang`),
    };
    this.addTx = db.transaction((n: NotificationRecord, keep: number) => {
      this.stmt.add.run(...insertParams(n));
      this.stmt.prune.run(n.userId, n.userId, keep);
    });
  }

  async add(n: NotificationRecord, keep: number): Promise<void> {
    this.addTx(n, keep);
  }

  async list(userId: string, limit: number): Promise<NotificationView[]> {
    return (this.stmt.list.all(userId, limit) as NotificationRow[]).map(toView);
  }

  async unreadCount(userId: string): Promise<number> {
    return (this.stmt.unread.get(userId) as { n: number }).n;
  }

  async markRead(userId: string, ids: string[] | 'all', at: string): Promise<number> {
    if (ids === 'all') return this.stmt.readAll.run(at, userId).changes;
    const marks = `(${ids.map(() => '?').join(', ')})`;
    return this.db.prepare(`UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL AND id IN ${marks}`).run(at, userId, ...ids).changes;
  }

  async getSettings(userId: string): Promise<NotificationSettings | null> {
    const row = this.stmt.getSettings.get(userId) as { email: number; lang: string } | undefined;
    return row ? { email: row.email === 1, lang: row.lang === 'en' ? 'en' : 'zh' } : null;
  }

  async claimReminder(key: string, at: string): Promise<boolean> {
    return this.stmt.claim.run(key, at).changes === 1;
  }

  async putSettings(userId: string, s: NotificationSettings): Promise<void> {
    this.stmt.putSettings.run(userId, s.email ? 1 : 0, s.lang);
  }
}
