/**
 * Picks the search store's adapter for the engine the server runs on. Kept apart from the
 * contract (store.ts), which the adapters import, so that neither imports the other both ways.
 */
import { PostgresStore, SqliteStore, type Store } from '../storage/index.js';
import { PostgresSearch } from './postgresStore.js';
import { SqliteSearch } from './sqliteStore.js';
import type { SearchStore } from './store.js';

/** The adapter for the store the server runs on. */
export function searchStoreFor(store: Store): SearchStore {
  if (store instanceof SqliteStore) return new SqliteSearch(store.db);
  if (store instanceof PostgresStore) return new PostgresSearch(store.pool);
  throw new Error(`search is not implemented for the ${store.kind} store`);
}
