/**
 * The PostgreSQL store (node-postgres pool), for several server processes sharing one
 * database. This file opens the pool, runs the migrations (under an advisory lock, because
 * several processes may start at once) and owns connections and transactions; each store of
 * the contract is a file of its own beside it (docs.ts, versions.ts, …), put together here.
 */
import pg from 'pg';
import type { Logger } from '../../log.js';
import type { Store } from '../index.js';
import { readMigrations } from '../migrations.js';
import { postgresAccounts } from './accounts.js';
import { postgresAudit } from './audit.js';
import { postgresDocs, type PostgresDocs } from './docs.js';
import { postgresLedger } from './ledger.js';
import { postgresPublic } from './public.js';
import { postgresRights } from './rights.js';
import { postgresVersions } from './versions.js';

export interface PostgresOptions {
  /** `postgres://user@host:5432/db`; `?options=-c search_path=…` selects a schema. */
  connectionString: string;
  /**
   * Schema to keep the tables in, created when missing (tests use a fresh one each run).
   * Omitted: the connection's search_path decides (normally `public`).
   */
  schema?: string;
  /** Most connections the pool opens (default 10). */
  poolSize?: number;
  /** How long to wait for a connection before a query fails, in ms (default: queryTimeoutMs). */
  connectTimeoutMs?: number;
  /**
   * How long one statement may take, in ms (default 5000): the server cancels it after this
   * (statement_timeout), and the client gives up after this when no answer comes at all
   * (packets dropped), discarding the connection. So a silent database is noticed in time.
   */
  queryTimeoutMs?: number;
  /** Where idle-connection errors go (a database restart must not crash the process). */
  logger?: Logger;
}

/** Runs `fn` in one transaction on one connection (what the per-store files are given). */
export type Tx = <T>(fn: (c: pg.PoolClient) => Promise<T>) => Promise<T>;

/** True for an error PostgreSQL itself reported (a statement's); false for the connection's own. */
const hasSqlState = (err: unknown): boolean => /^[0-9A-Z]{5}$/.test(String((err as { code?: unknown } | null)?.code ?? ''));

/** Schema names we accept: they are spliced into SQL and into the connection options. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** What the per-store files supply; the class itself has the rest (kind, locks, lifecycle). */
type Parts = PostgresDocs & Omit<Store, keyof PostgresDocs | 'kind' | 'syncLog' | 'integrityCheck' | 'ping' | 'storeId' | 'close'>;

// The class and this interface merge: the constructor copies the per-store methods onto the
// instance (their `this` is the store, so a wrapped appendMany is the one appendUpdates calls).
export interface PostgresStore extends Parts {}

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly pool: pg.Pool;
  private closed = false;

  /**
   * Opens the pool and brings the schema up to date.
   * @example const store = await PostgresStore.open({ connectionString: process.env.DATABASE_URL! });
   */
  static async open(options: PostgresOptions): Promise<PostgresStore> {
    const store = new PostgresStore(options);
    try {
      await store.migrate();
    } catch (err) {
      await store.close();
      throw err;
    }
    return store;
  }

  private constructor(private readonly options: PostgresOptions) {
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) throw new Error(`invalid schema name "${options.schema}"`);
    const timeoutMs = options.queryTimeoutMs ?? 5000;
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? timeoutMs,
      idleTimeoutMillis: 30_000,
      statement_timeout: timeoutMs,
      query_timeout: timeoutMs,
      // TCP keepalive finds a dead peer of an idle connection (the kernel's own default is hours).
      keepAlive: true,
      keepAliveInitialDelayMillis: timeoutMs,
    });
    const tx: Tx = (fn) => this.tx(fn);
    const parts: Parts = {
      ...postgresDocs(this.pool, tx),
      ...postgresVersions(this.pool, tx),
      ...postgresLedger(this.pool, tx),
      ...postgresPublic(this.pool),
      ...postgresRights(this.pool, tx),
      ...postgresAccounts(this.pool, tx),
      ...postgresAudit(this.pool),
    };
    Object.assign(this, parts);
    // An idle client whose server went away emits here; without a listener the process dies.
    this.pool.on('error', (err) => options.logger?.error('postgres connection lost', { error: String(err) }));
  }

  /** Applies the numbered migrations not yet recorded, one transaction each, under an advisory lock. */
  private async migrate(): Promise<void> {
    await this.withClient(async (client) => {
      // Keyed by the search path, so processes sharing a schema wait for each other and
      // tests on different schemas do not.
      await this.lockOn(client, `hashtext('gongbi:migrate'), hashtext(current_setting('search_path'))`, []);
      try {
        if (this.options.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.options.schema}`);
        await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
        const applied = new Set((await client.query(`SELECT version FROM schema_migrations`)).rows.map((r) => Number(r.version)));
        for (const m of readMigrations('postgres')) {
          if (applied.has(m.version)) continue;
          await client.query('BEGIN');
          try {
            await client.query(m.sql);
            await client.query(`INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`, [m.version, m.name, new Date().toISOString()]);
            await client.query('COMMIT');
          } catch (err) {
            await client.query('ROLLBACK').catch(() => {});
            throw new Error(`migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
          }
        }
      } finally {
        await client.query(`SELECT pg_advisory_unlock(hashtext('gongbi:migrate'), hashtext(current_setting('search_path')))`).catch(() => {});
      }
    });
  }

  /**
   * Runs `fn` with a connection of its own. While checked out, a client whose server goes
   * away emits 'error' with no pool listener attached: without ours, the process would die.
   * A client that failed is destroyed rather than returned to the pool.
   */
  private async withClient<T>(fn: (c: pg.PoolClient, discard: (err: Error) => void) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const onError = (err: Error) => {
      broken = err;
      this.options.logger?.error('postgres connection lost', { error: String(err) });
    };
    client.on('error', onError);
    try {
      return await fn(client, (err) => (broken ??= err));
    } catch (err) {
      // No SQLSTATE: the error is the connection's (a timeout, a reset), not the statement's,
      // and the connection may still be waiting for an answer: it is not given back.
      if (!hasSqlState(err)) broken ??= err as Error;
      throw err;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  /** Runs `fn` in one transaction on one connection; rolls back when it throws. */
  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.withClient(async (client, discard) => {
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        // A connection that failed (no SQLSTATE: a timeout, a reset) is discarded, and the
        // server rolls back when it goes; waiting for a ROLLBACK on it would double the wait.
        if (!hasSqlState(err)) throw err;
        // A connection that cannot even roll back is not given back to the pool.
        await client.query('ROLLBACK').catch(discard);
        throw err;
      }
    });
  }

  /**
   * Takes a session advisory lock, waiting as long as another process holds it (seeding may
   * take longer than one statement may): polled, since a blocking pg_advisory_lock would be
   * cancelled by statement_timeout.
   */
  private async lockOn(client: pg.PoolClient, keys: string, args: unknown[]): Promise<void> {
    for (;;) {
      const { rows } = await client.query(`SELECT pg_try_advisory_lock(${keys}) AS ok`, args);
      if (rows[0].ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * Runs `fn` while holding a session advisory lock named `key` (in this schema): the
   * processes of a cluster use it for one-time work such as seeding the demo plan.
   */
  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.withClient(async (client) => {
      await this.lockOn(client, `hashtext($1), hashtext(current_setting('search_path'))`, [key]);
      try {
        return await fn();
      } finally {
        await client.query(`SELECT pg_advisory_unlock(hashtext($1), hashtext(current_setting('search_path')))`, [key]).catch(() => {});
      }
    });
  }

  // ---- lifecycle --------------------------------------------------------------------------

  async storeId(): Promise<string> {
    const { rows } = await this.pool.query(`SELECT value FROM store_meta WHERE key = 'store_id'`);
    return rows[0].value as string;
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
