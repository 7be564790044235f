/**
 * The embedded store's operations, through real processes and real SQLite files: restore
 * refuses while a server holds the folder and keeps the replaced database with its WAL
 * (whose commits may exist nowhere else after a crash); /api/health says degraded when
 * writes fail (a full database) or the periodic integrity check fails; start-up on a damaged
 * or unwritable store, or a full disk (a small tmpfs, when this may mount one), exits with one
 * line naming the folder and what to do. Rules cited: OP.
 */
import Database from 'better-sqlite3';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { shortText } from '../../shared/schema/index.js';
import { SqliteStore } from '../../server/storage/index.js';
import { connectSynced, type Peer } from '../helpers/peers.js';
import { spawnServer, startTestServer, type SpawnedServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';

const run = promisify(execFile);
const cli = (args: string[], dataDir: string) =>
  run(process.execPath, ['--import', 'tsx', 'server/ops/cli.ts', ...args], { env: { ...process.env, GONGBI_DATA_DIR: dataDir } });

const dirs: Array<{ remove(): void }> = [];
const children: SpawnedServer[] = [];
const servers: TestServer[] = [];
const peers: Peer[] = [];
afterEach(async () => {
  for (const p of peers.splice(0)) p.destroy();
  for (const c of children.splice(0)) c.child.kill('SIGKILL');
  for (const s of servers.splice(0)) await s.close().catch(() => {});
  for (const d of dirs.splice(0)) d.remove();
});
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d.dir;
}

/** A Gongbi database with one document, closed. */
async function smallStore(folder: string): Promise<string> {
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'gongbi.db');
  const store = new SqliteStore({ file });
  await store.createDocument('c-01-open-data-reuse', 'commitment', 'plan-nap1');
  await store.close();
  return file;
}

/** Overwrites the start of every page after the first (the schema) with junk. */
function damagePages(file: string): void {
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  for (let offset = 4096; offset < size; offset += 4096) writeSync(fd, Buffer.alloc(64, 0xab), 0, 64, offset);
  closeSync(fd);
}

interface Health { status: string; storage: { ok: boolean; writes: { ok: boolean }; integrity: { ok: boolean; checkedAt: string | null; problem?: string } } }
const health = async (url: string) => {
  const res = await fetch(`${url}/api/health`);
  return { code: res.status, body: (await res.json()) as Health };
};

/** What a start-up that must fail printed, once it has exited. */
async function failedStart(dataDir: string, extra: { uid?: number } = {}): Promise<{ code: number | null; output: string }> {
  try {
    const s = await spawnServer({ dataDir, ...extra });
    children.push(s);
    throw new Error('the server started');
  } catch (err) {
    const m = /server exited \((\d+|null)\) before listening:\n([\s\S]*)$/.exec((err as Error).message);
    if (!m) throw err;
    return { code: m[1] === 'null' ? null : Number(m[1]), output: m[2]! };
  }
}

/** Exactly one line, naming the folder, without a stack trace. */
function expectOneLine(output: string, folder: string, says: RegExp): void {
  const lines = output.split('\n').filter((l) => l.trim() !== '');
  expect(lines, output).toHaveLength(1);
  expect(lines[0]).toContain(folder);
  expect(lines[0]).toMatch(says);
  expect(output).not.toMatch(/\n\s+at /);
}

describe('[OP] restore', () => {
  it('[OP3] refuses while a server holds the data folder, and works once it is gone (even killed)', async () => {
    const live = dir();
    const server = await spawnServer({ dataDir: live });
    children.push(server);
    const backup = join(dir(), 'backup.db');
    await cli(['backup', backup], live);
    const refused = await cli(['restore', backup], live).then(() => null, (err: { code: number; stderr: string }) => err);
    expect(refused, 'restore must fail while the server runs').not.toBeNull();
    expect(refused!.code).toBe(1);
    expect(refused!.stderr.trim()).toMatch(new RegExp(`^A Gongbi server \\(process ${server.child.pid} .*\\) is using ${live}\\. Stop it, then run the restore again; nothing was changed\\.$`));
    expect(readdirSync(live).filter((f) => f.includes('before-restore'))).toEqual([]);
    // Killed without a chance to clean up: its lock is recognised as stale.
    server.child.kill('SIGKILL');
    await server.exited;
    const done = await cli(['restore', backup], live);
    expect(done.stdout).toMatch(/Restored 20 documents and 5 accounts/);
  }, 60_000);

  it('[OP4] the database it replaces is kept with its WAL: commits only in the log survive in the kept copy', async () => {
    const original = dir();
    const file = await smallStore(original);
    const backup = join(dir(), 'backup.db');
    await cli(['backup', backup], original);
    // A commit that is only in the write-ahead log, as after a crash between checkpoints.
    const writer = new Database(file);
    writer.pragma('wal_autocheckpoint = 0');
    writer.prepare(`INSERT INTO documents (name, kind, plan_id, created_at, updated_at) VALUES ('c-02-only-in-the-log', 'commitment', 'plan-nap1', 'x', 'x')`).run();
    const crashed = dir();
    copyFileSync(file, join(crashed, 'gongbi.db'));
    copyFileSync(file + '-wal', join(crashed, 'gongbi.db-wal'));
    writer.close();

    const { stdout } = await cli(['restore', backup], crashed);
    const kept = /kept at (.+)\.$/m.exec(stdout)![1]!;
    expect(existsSync(kept + '-wal')).toBe(true);
    expect(existsSync(join(crashed, 'gongbi.db-wal'))).toBe(false);
    const db = new Database(kept, { readonly: true });
    const names = db.prepare('SELECT name FROM documents ORDER BY name').pluck().all();
    db.close();
    expect(names).toEqual(['c-01-open-data-reuse', 'c-02-only-in-the-log']);
  }, 60_000);
});

describe('[OP] health of the store', () => {
  it('[OP5] writes that fail (database full) make health degraded; it recovers when writes succeed again', async () => {
    const server = await startTestServer({ dataDir: dir() });
    servers.push(server);
    expect((await health(server.url)).code).toBe(200);
    const peer = await connectSynced(server.wsUrl, 'c-01-open-data-reuse', server.token);
    peers.push(peer);
    const pages = server.store.db.pragma('page_count', { simple: true }) as number;
    server.store.db.pragma(`max_page_count = ${pages}`);
    shortText(peer.doc, 'partners', 'en').insert(0, 'x'.repeat(200_000));
    await waitFor(async () => (await health(server.url)).code === 503, { timeout: 10_000, what: 'health to say degraded' });
    const down = await health(server.url);
    expect(down.body).toMatchObject({ status: 'degraded', storage: { ok: true, writes: { ok: false }, integrity: { ok: true } } });
    server.store.db.pragma('max_page_count = 1073741823');
    await waitFor(async () => (await health(server.url)).code === 200, { timeout: 15_000, interval: 100, what: 'health to recover once the edit is stored' });
  }, 60_000);

  it('[OP6] the periodic integrity check finds a damaged file: health degraded, naming the problem', async () => {
    const server = await startTestServer({ dataDir: dir(), env: { GONGBI_INTEGRITY_CHECK_MS: '200' } });
    servers.push(server);
    // A few checks of the sound file first: they pass.
    await new Promise((r) => setTimeout(r, 700));
    const sound = await health(server.url);
    expect(sound.code).toBe(200);
    server.store.db.pragma('wal_checkpoint(TRUNCATE)');
    damagePages(join(server.dataDir, 'gongbi.db'));
    await waitFor(async () => (await health(server.url)).code === 503, { timeout: 10_000, what: 'health to say degraded' });
    const down = await health(server.url);
    expect(down.body.status).toBe('degraded');
    expect(down.body.storage.integrity).toMatchObject({ ok: false, problem: expect.any(String) });
  }, 60_000);
});

describe('[OP] start-up on a store that cannot be used', () => {
  it('[OP7] a file that is not a database: one line naming the folder and the restore', async () => {
    const folder = dir();
    writeFileSync(join(folder, 'gongbi.db'), Buffer.alloc(8192, 0x5a));
    const { code, output } = await failedStart(folder);
    expect(code).toBe(1);
    expectOneLine(output, folder, /damaged.*npm run restore/);
  }, 60_000);

  it('[OP8] a database with damaged pages (found by quick_check): the same one line', async () => {
    const folder = dir();
    const file = await smallStore(folder);
    damagePages(file);
    const { code, output } = await failedStart(folder);
    expect(code).toBe(1);
    expectOneLine(output, folder, /damaged.*npm run restore/);
  }, 60_000);

  it.skipIf(process.getuid?.() !== 0)('[OP9] a data folder the server may not write: one line naming it and what to do', async (ctx) => {
    // nobody must be able to read the checkout to run the server at all (a clone under a 0700 folder it cannot).
    const readable = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(join(process.cwd(), 'node_modules', 'tsx', 'package.json'))})`], { uid: 65534, gid: 65534 });
    if (readable.status !== 0) {
      console.warn(`[OP9] skipped: user nobody cannot read this checkout (${process.cwd()}); clone it under a folder others may enter`);
      ctx.skip();
      return;
    }
    const folder = dir();
    await smallStore(folder);
    // Run as nobody: the folder and file stay root's, readable but not writable.
    chmodSync(folder, 0o755);
    chownSync(folder, 0, 0);
    const { code, output } = await failedStart(folder, { uid: 65534 });
    expect(code).toBe(1);
    expectOneLine(output, folder, /cannot be written.*writable/);
  }, 60_000);

  it('[OP10] a full disk (a small tmpfs): one line naming the folder and to free space', async (ctx) => {
    const mountPoint = dir();
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=192k', 'tmpfs', mountPoint], { stdio: 'ignore' });
    } catch {
      console.warn('[OP10] skipped: cannot mount a small tmpfs here (needs root)');
      ctx.skip();
      return;
    }
    try {
      const folder = join(mountPoint, 'data');
      const { code, output } = await failedStart(folder);
      expect(code).toBe(1);
      expectOneLine(output, folder, /is full.*Free some space/);
    } finally {
      execFileSync('umount', [mountPoint]);
    }
  }, 60_000);
});
