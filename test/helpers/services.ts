/**
 * PostgreSQL and Redis for the tests that need them: where they are, whether they answer,
 * and a fresh schema per test run so parallel runs never see each other's tables. Tests
 * skip (with a printed notice) when a service does not answer; CI starts both (.ci/run).
 */
import pg from 'pg';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';

/** `GONGBI_TEST_DATABASE_URL`, else the local default (trust auth, database `test`). */
export const TEST_DATABASE_URL = process.env.GONGBI_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** `GONGBI_TEST_REDIS_URL`, else the local default. */
export const TEST_REDIS_URL = process.env.GONGBI_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** True when PostgreSQL accepts a connection within two seconds. */
export async function postgresReachable(url = TEST_DATABASE_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** True when Redis answers PING within two seconds. */
export async function redisReachable(url = TEST_REDIS_URL): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** A random suffix for schema names and Redis channel prefixes. */
export const randomTag = () => randomBytes(6).toString('hex');

/** The URL with `search_path` set to `schema` (node-postgres reads `options` from the URL). */
export function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export interface TestSchema {
  schema: string;
  /** DATABASE_URL for a server process that must use this schema. */
  url: string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/** Creates `gongbi_test_<random>` and returns its URL. */
export async function createTestSchema(url = TEST_DATABASE_URL): Promise<TestSchema> {
  const schema = `gongbi_test_${randomTag()}`;
  await adminQuery(url, `CREATE SCHEMA ${schema}`);
  return { schema, url: urlWithSchema(url, schema), drop: () => adminQuery(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Prints why a suite is skipped (so a skip never goes unnoticed) and returns `skip`. */
export function skipNotice(skip: boolean, what: string): boolean {
  if (skip) console.warn(`[skipped] ${what}`);
  return skip;
}
