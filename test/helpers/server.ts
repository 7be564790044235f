/**
 * Starts a real Gongbi server for a test, two ways and only two: `startTestServer`, in this
 * process on a free port (fast, inspectable: every API, sync and browser test), or
 * `spawnServer`, its own process, when the test must kill or restart it (`bundled` starts it
 * from one esbuild bundle instead of compiling through tsx, for tests that start it often).
 */
import { serve, type ServerType } from '@hono/node-server';
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type GongbiApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/log.js';
import { seedDemoIfEmpty } from '../../server/seed/seed.js';
import { SqliteStore, type SqliteOptions } from '../../server/storage/index.js';
import { DEMO, over, signIn } from './auth.js';

const ROOT = join(import.meta.dirname, '../..');

/** How a test reaches a server, however it was started. */
export interface ServerAddress {
  url: string;
  /** A coordinator's session token (the demo accounts are seeded with the demo plan); '' without the demo. */
  token: string;
  /** Base URL for y-websocket providers: `${wsUrl}/<document>`. */
  wsUrl: string;
  port: number;
}

/** The one test server: in this process, its app and store at hand. */
export interface TestServer extends ServerAddress {
  gongbi: GongbiApp;
  store: SqliteStore;
  dataDir: string;
  /** Stops listening and closes the store; removes the data folder when the helper made it. */
  close(): Promise<void>;
  /** The same as `close` (the name the browser tests use). */
  stop(): Promise<void>;
}

export interface TestServerOptions {
  /** Where the store lives; omitted, a fresh temporary folder removed by `close`. */
  dataDir?: string;
  env?: Record<string, string>;
  seed?: boolean;
  port?: number;
  /** Builds the store (default a plain SqliteStore): a test that watches or cuts the disk passes its own. */
  makeStore?: (options: SqliteOptions) => SqliteStore;
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const ownDir = opts.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'gongbi-server-')) : null;
  const dataDir = opts.dataDir ?? ownDir!;
  const config = loadConfig({ GONGBI_DATA_DIR: dataDir, GONGBI_LOG_LEVEL: 'silent', ...opts.env });
  const makeStore = opts.makeStore ?? ((o: SqliteOptions) => new SqliteStore(o));
  const store = makeStore({ file: join(config.dataDir, 'gongbi.db'), synchronous: config.sqliteSync, deferLogSync: config.relayAfter === 'log' });
  const gongbi = createApp({ config, store, logger: silentLogger });
  if (opts.seed !== false) await seedDemoIfEmpty(store, gongbi.rooms);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: gongbi.app.fetch, port: opts.port ?? 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  gongbi.injectWebSocket(server);
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  let closed: Promise<void> | null = null;
  const close = () =>
    (closed ??= (async () => {
      await gongbi.close();
      await new Promise<void>((r) => server.close(() => r()));
      await store.close();
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    })());
  return {
    url,
    token: opts.seed === false ? '' : await signIn(over(url), DEMO.coordinator),
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    port,
    gongbi,
    store,
    dataDir,
    close,
    stop: close,
  };
}

/** A server in its own process (for tests that kill it): its address and the process. */
export interface SpawnedServer extends ServerAddress {
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  output(): string;
}

/**
 * Runs the server as its own process: `server/index.ts` through tsx, `entry` (the compiled
 * server `npm start` runs, see server/ops/build.ts), or with `bundled` the test bundle
 * (test/reliability/bundledServer.ts: the same sources, started in a fraction of the time).
 */
export async function spawnServer(opts: { dataDir: string; env?: Record<string, string>; port?: number; entry?: string; bundled?: boolean; uid?: number; gid?: number }): Promise<SpawnedServer> {
  const entry = opts.bundled ? await (await import('../reliability/bundledServer.js')).bundleServer() : opts.entry;
  const child = spawn(process.execPath, entry ? [entry] : ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT,
    // A developer's exported DATABASE_URL / REDIS_URL must not redirect these tests.
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', PORT: String(opts.port ?? 0), HOST: '127.0.0.1', GONGBI_DATA_DIR: opts.dataDir, GONGBI_LOG_LEVEL: 'error', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.gid ?? opts.uid } : {}),
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running at http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
    setTimeout(() => reject(new Error(`server did not start in 30 s:\n${out}`)), 30_000).unref();
  });
  const url = `http://127.0.0.1:${port}`;
  const token = opts.env?.GONGBI_SEED_DEMO === '0' ? '' : await signIn(over(url), DEMO.coordinator);
  return { url, token, wsUrl: `ws://127.0.0.1:${port}/sync`, port, child, exited, output: () => out };
}
