/**
 * Where notifications and each person's e-mail setting are kept: two tables in the document
 * store's own database (migrations 016 and 017), one adapter per engine behind this contract
 * (test/notifications/store.test.ts runs it on both).
 */
import type { NotificationSettings, NotificationView } from '../../shared/protocol/notifications.js';

export interface NotificationRecord extends Omit<NotificationView, 'readAt'> {
  userId: string;
}

export interface NotificationStore {
  /** Adds one, then drops the person's oldest beyond `keep`. */
  add(n: NotificationRecord, keep: number): Promise<void>;
  /** The person's newest `limit`, newest first. */
  list(userId: string, limit: number): Promise<NotificationView[]>;
  unreadCount(userId: string): Promise<number>;
  /** Marks the person's own notifications among `ids` (others' ids change nothing); returns how many changed. */
  markRead(userId: string, ids: string[] | 'all', at: string): Promise<number>;
  /**
   * Records that the reminder `key` was sent; false when it already was (by this process, an
   * earlier run, or another process of a cluster), so each reminder is made at most once.
   */
  claimReminder(key: string, at: string): Promise<boolean>;
  getSettings(userId: string): Promise<NotificationSettings | null>;
  putSettings(userId: string, s: NotificationSettings): Promise<void>;
}
