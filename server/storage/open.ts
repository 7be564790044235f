/**
 * Picks the store from the configuration: PostgreSQL when `DATABASE_URL` is set (several
 * processes can share it), else the embedded SQLite file in the data folder.
 */
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './types.js';

/**
 * Opens (and migrates) the configured store.
 * @example const store = await openStore(loadConfig(), logger);
 */
export async function openStore(config: Config, logger: Logger): Promise<Store> {
  if (config.databaseUrl) {
    return PostgresStore.open({ connectionString: config.databaseUrl, poolSize: config.pgPoolSize, queryTimeoutMs: config.pgTimeoutMs, logger });
  }
  return new SqliteStore({ file: join(config.dataDir, 'gongbi.db'), synchronous: config.sqliteSync, logger });
}

/**
 * Runs `fn` in one process of a cluster at a time (a PostgreSQL advisory lock); with SQLite
 * there is only one process, so it just runs. For one-time work such as seeding.
 */
export async function exclusively<T>(store: Store, key: string, fn: () => Promise<T>): Promise<T> {
  return store instanceof PostgresStore ? store.withLock(key, fn) : fn();
}
