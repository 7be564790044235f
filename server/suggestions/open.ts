/**
 * Picks the suggestions store's adapter for the engine the server runs on. Kept apart from the
 * contract (store.ts), which the adapters import, so that neither imports the other both ways.
 */
import { PostgresStore, SqliteStore, type Store } from '../storage/index.js';
import { PostgresSuggestions } from './postgresStore.js';
import { SqliteSuggestions } from './sqliteStore.js';
import type { SuggestionStore } from './store.js';

/** The adapter for the store the server runs on (same database, same transactions' durability). */
export function suggestionStoreFor(store: Store): SuggestionStore {
  if (store instanceof SqliteStore) return new SqliteSuggestions(store.db);
  if (store instanceof PostgresStore) return new PostgresSuggestions(store.pool);
  throw new Error(`suggestions are not implemented for the ${store.kind} store`);
}
