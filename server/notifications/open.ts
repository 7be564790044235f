/**
 * Picks the notifications store's adapter for the engine the server runs on. Kept apart from the
 * contract (store.ts), which the adapters import, so that neither imports the other both ways.
 */
import { PostgresStore, SqliteStore, type Store } from '../storage/index.js';
import { PostgresNotifications } from './postgresStore.js';
import { SqliteNotifications } from './sqliteStore.js';
import type { NotificationStore } from './store.js';

/** The adapter for the store the server runs on. */
export function notificationStoreFor(store: Store): NotificationStore {
  if (store instanceof SqliteStore) return new SqliteNotifications(store.db);
  if (store instanceof PostgresStore) return new PostgresNotifications(store.pool);
  throw new Error(`notifications are not implemented for the ${store.kind} store`);
}
