/**
 * The storage door: what the rest of the server imports. The contract is one interface per
 * store (docs.ts, accounts.ts, versions.ts, public.ts, ledger.ts, rights.ts, audit.ts), each
 * implemented once per engine under sqlite/ and postgres/. `openStore` picks the engine from
 * the configuration: PostgreSQL when `DATABASE_URL` is set (several processes can share it),
 * else the embedded SQLite file in the data folder. A SQLite store that cannot be used — a
 * read-only folder, a full disk, a damaged file — is refused with a sentence that names the
 * folder and what to do, not a stack trace.
 */
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { AccountStore } from './accounts.js';
import type { AuditStore } from './audit.js';
import type { DocStore } from './docs.js';
import type { ContributionStore } from './ledger.js';
import type { PublicStore } from './public.js';
import type { RightsStore } from './rights.js';
import type { VersionStore } from './versions.js';
import { PostgresStore } from './postgres/store.js';
import { SqliteStore } from './sqlite/store.js';
import { quickCheck } from './sqlite/integrity.js';

export type * from './accounts.js';
export type * from './audit.js';
export type * from './docs.js';
export type * from './ledger.js';
export type * from './public.js';
export type * from './rights.js';
export type * from './versions.js';
export { PostgresStore, type PostgresOptions } from './postgres/store.js';
export { SqliteStore, type SqliteOptions } from './sqlite/store.js';

/** Everything the server keeps; each adapter implements all of it. */
export type Store = DocStore & AccountStore & VersionStore & PublicStore & ContributionStore & RightsStore & AuditStore;

/** A store that cannot be opened; the message is the one line the operator reads. */
export class StoreOpenError extends Error {}

/** The sentence for an error met while opening or first writing the store in `dataDir`. */
export function explainStoreProblem(err: unknown, dataDir: string): string {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const detail = err instanceof Error ? err.message : String(err);
  if (/^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/.test(code) || ['EACCES', 'EROFS', 'EPERM'].includes(code)) {
    return `The data folder ${dataDir} cannot be written (${detail}). Make it and its files writable by the user running Gongbi, or set GONGBI_DATA_DIR to a folder that is, then start again.`;
  }
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC') {
    return `The disk holding the data folder ${dataDir} is full (${detail}). Free some space (old backups, logs), then start again; nothing was lost.`;
  }
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) {
    return `The database in ${dataDir} is damaged (${detail}). Stop here: move ${join(dataDir, 'gongbi.db')} aside and restore the latest backup with \`npm run restore -- <backup file>\` (README: Backup and restore), then start again.`;
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return `Reading or writing the data folder ${dataDir} failed (${detail}). Check the disk (dmesg, SMART), then start again.`;
  }
  return `The store in ${dataDir} could not be opened: ${detail}`;
}

/**
 * Opens (and migrates) the configured store; SQLite's file is checked with quick_check first.
 * @example const store = await openStore(loadConfig(), logger);
 */
export async function openStore(config: Config, logger: Logger): Promise<Store> {
  if (config.databaseUrl) {
    return PostgresStore.open({ connectionString: config.databaseUrl, poolSize: config.pgPoolSize, queryTimeoutMs: config.pgTimeoutMs, logger });
  }
  let store: SqliteStore | undefined;
  try {
    store = new SqliteStore({ file: join(config.dataDir, 'gongbi.db'), synchronous: config.sqliteSync, deferLogSync: config.relayAfter === 'log', logger });
    const check = quickCheck(store.db);
    if (check !== 'ok') throw Object.assign(new Error(`quick_check: ${check}`), { code: 'SQLITE_CORRUPT' });
    return store;
  } catch (err) {
    await store?.close().catch(() => {});
    throw new StoreOpenError(explainStoreProblem(err, config.dataDir), { cause: err });
  }
}

/**
 * Runs `fn` in one process of a cluster at a time (a PostgreSQL advisory lock); with SQLite
 * there is only one process, so it just runs. For one-time work such as seeding.
 */
export async function exclusively<T>(store: Store, key: string, fn: () => Promise<T>): Promise<T> {
  return store instanceof PostgresStore ? store.withLock(key, fn) : fn();
}
