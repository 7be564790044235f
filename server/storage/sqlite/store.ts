/**
 * The embedded SQLite store (better-sqlite3): one file, WAL journal. This file opens the
 * database, migrates it and owns its lifecycle (the checkpoint thread, the WAL's fsync);
 * each store of the contract is a file of its own beside it (docs.ts, versions.ts, …),
 * put together here.
 */
import Database from 'better-sqlite3';
import { closeSync, fsync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../../log.js';
import type { Store } from '../index.js';
import { readMigrations } from '../migrations.js';
import { sqliteAccounts } from './accounts.js';
import { sqliteAudit } from './audit.js';
import { SqliteCheckpointer } from './checkpointer.js';
import { sqliteDocs, type SqliteDocs } from './docs.js';
import { quickCheckInThread } from './integrity.js';
import { sqliteLedger } from './ledger.js';
import { sqlitePublic } from './public.js';
import { sqliteRights } from './rights.js';
import { sqliteVersions } from './versions.js';

export interface SqliteOptions {
  /** Path of the database file, or ':memory:'. */
  file: string;
  /**
   * SQLite `synchronous` setting. FULL (default) fsyncs the WAL on every commit: an
   * acknowledged update survives a power loss. NORMAL survives a process crash only.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /**
   * With FULL: the update log's transactions (`appendMany`) are written without their fsync
   * and `syncLog` fsyncs the WAL on a thread of libuv's pool, so the event loop never waits
   * for the disk and one fsync covers every commit made while the previous one ran. What
   * `appendMany` returned is then safe from a process crash (it is in the WAL, in the OS's
   * cache) and, once `syncLog` resolves, from power loss. Every other write keeps FULL.
   */
  deferLogSync?: boolean;
  /** Where a failed background checkpoint is reported (default: stderr). */
  logger?: Pick<Logger, 'error'>;
}

/** How often the checkpoint thread folds the WAL into the database. */
const CHECKPOINT_EVERY_MS = 1000;

/** What the per-store files supply; the class itself has the rest (kind, syncLog, lifecycle). */
type Parts = SqliteDocs & Omit<Store, keyof SqliteDocs | 'kind' | 'syncLog' | 'integrityCheck' | 'ping' | 'storeId' | 'close'>;

// The class and this interface merge: the constructor copies the per-store methods onto the
// instance (their `this` is the store, so a wrapped appendMany is the one appendUpdates calls).
export interface SqliteStore extends Parts {}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  /** Started with the first write: a store opened only to read (a backup, a test) has no thread. */
  private checkpointer: SqliteCheckpointer | null = null;
  /** The WAL, opened for its fsync (deferLogSync); SQLite keeps the same file while the store is open. */
  private walFd: number | null = null;

  constructor(private readonly options: SqliteOptions) {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    // Checkpoints run on a thread of their own (checkpointer.ts). The automatic one, on
    // this connection, stays as a safety net at ~40 MB of log rather than SQLite's 4 MB.
    this.db.pragma('wal_autocheckpoint = 10000');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
    const db = this.db;
    const deferLogSync = options.deferLogSync === true && (options.synchronous ?? 'FULL') === 'FULL' && options.file !== ':memory:';
    if (deferLogSync) this.syncLog = () => this.fsyncWal();
    const beforeAppend = () => {
      if (!this.checkpointer && this.options.file !== ':memory:') this.startCheckpointer();
    };
    const parts: Parts = {
      ...sqliteDocs(db, { beforeAppend, deferLogSync }),
      ...sqliteVersions(db),
      ...sqliteLedger(db),
      ...sqlitePublic(db),
      ...sqliteRights(db),
      ...sqliteAccounts(db),
      ...sqliteAudit(db),
    };
    Object.assign(this, parts);
  }

  private migrate(): void {
    this.db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const applied = new Set((this.db.prepare(`SELECT version FROM schema_migrations`).all() as Array<{ version: number }>).map((r) => r.version));
    for (const m of readMigrations('sqlite')) {
      if (applied.has(m.version)) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db.prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`).run(m.version, m.name, new Date().toISOString());
      })();
    }
  }

  /**
   * Resolves once every `appendMany` made before the call is safe from power loss: one fsync
   * of the WAL, off the event loop. Present only with `deferLogSync` (otherwise each commit
   * already waited for its own fsync, or NORMAL was chosen and none is wanted).
   */
  readonly syncLog?: () => Promise<void>;

  private fsyncWal(): Promise<void> {
    this.walFd ??= openSync(`${this.options.file}-wal`, 'r');
    const fd = this.walFd;
    return new Promise((resolve, reject) => fsync(fd, (err) => (err ? reject(err) : resolve())));
  }

  async storeId(): Promise<string> {
    return this.db.prepare(`SELECT value FROM store_meta WHERE key = 'store_id'`).pluck().get() as string;
  }

  async ping(): Promise<boolean> {
    return this.db.prepare('SELECT 1 AS ok').get() !== undefined;
  }

  async integrityCheck(): Promise<string> {
    // An in-memory database has no file for another connection to read.
    if (this.options.file === ':memory:') return 'ok';
    return quickCheckInThread(this.options.file);
  }

  private startCheckpointer(): void {
    const report = (message: string) =>
      this.options.logger
        ? this.options.logger.error('SQLite checkpoint failed (the WAL grows until the next one succeeds)', { file: this.options.file, error: message })
        : console.error(`SQLite checkpoint failed for ${this.options.file}: ${message}`);
    this.checkpointer = new SqliteCheckpointer(this.options.file, CHECKPOINT_EVERY_MS, report);
  }

  async close(): Promise<void> {
    const checkpointer = this.checkpointer;
    this.checkpointer = null;
    await checkpointer?.close();
    if (this.walFd !== null) closeSync(this.walFd);
    this.walFd = null;
    if (this.db.open) this.db.close();
  }
}
