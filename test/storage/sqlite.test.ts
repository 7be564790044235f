/** SqliteStore: the storage contract on a real file, plus what only SQLite has (WAL, migrations, appendMany answering synchronously). */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import { waitFor } from '../helpers/waitFor.js';
import { readMigrations } from '../../server/storage/migrations.js';
import { SqliteStore, type UpdateToAppend } from '../../server/storage/index.js';
import { runDocStoreContract, type StoreHandle } from './contract.js';

/** A fresh temp dir holding one database file; cleanup closes every store opened on it. */
function openTemp(): StoreHandle & { file: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongbi-'));
  const file = path.join(dir, 'gongbi.db');
  const opened: SqliteStore[] = [new SqliteStore({ file })];
  return {
    dir,
    file,
    store: opened[0]!,
    async reopen() {
      const s = new SqliteStore({ file });
      opened.push(s);
      return s;
    },
    async cleanup() {
      for (const s of opened) await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

runDocStoreContract('SqliteStore (file)', async () => openTemp());

const author = { userId: 'u-1', name: 'Tester', affiliation: 'test' };

function updates(n: number): UpdateToAppend[] {
  const doc = new Y.Doc();
  const out: UpdateToAppend[] = [];
  doc.on('update', (update: Uint8Array) => out.push({ update, author, receivedAt: Date.UTC(2024, 1, 1) + out.length }));
  for (let i = 0; i < n; i++) doc.getText('t').insert(0, String(i));
  return out;
}

describe('SqliteStore specifics', () => {
  let temp: ReturnType<typeof openTemp>;
  let store: SqliteStore;

  beforeEach(() => {
    temp = openTemp();
    store = temp.store as SqliteStore;
  });
  afterEach(async () => {
    await temp.cleanup();
  });

  it('runs in WAL journal mode with synchronous FULL by default', () => {
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(fs.existsSync(`${temp.file}-wal`)).toBe(true);
    // 2 = FULL: an acknowledged update survives a power loss.
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('honours synchronous NORMAL when asked', async () => {
    const other = new SqliteStore({ file: path.join(temp.dir, 'normal.db'), synchronous: 'NORMAL' });
    try {
      expect(other.db.pragma('synchronous', { simple: true })).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('records every migration in schema_migrations', () => {
    const expected = readMigrations('sqlite').map((m) => ({ version: m.version, name: m.name }));
    expect(expected.length).toBeGreaterThan(0);
    const rows = store.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(expected);
  });

  it('does not re-apply migrations on a second open', async () => {
    const read = (s: SqliteStore) => s.db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all();
    await store.createDocument('c-a', 'commitment', 'plan-one');
    await store.appendUpdates('c-a', updates(2));
    const before = read(store);
    await store.close();
    // Re-running the first migration would fail on CREATE TABLE, or wipe nothing but add rows.
    const again = (await temp.reopen()) as SqliteStore;
    expect(read(again)).toEqual(before);
    expect((await again.loadDocument('c-a')).lastSeq).toBe(2);
  });

  it('appendMany returns the last seq synchronously and numbers like appendUpdates', async () => {
    await store.createDocument('c-a', 'commitment', 'plan-one');
    const all = updates(5);
    const first = store.appendMany([{ name: 'c-a', updates: all.slice(0, 2) }]);
    // An array at once, not a promise: the sync server's group commit writes without a round trip.
    expect(first).toEqual([2]);
    expect(await store.appendUpdates('c-a', all.slice(2, 3))).toBe(3);
    expect(store.appendMany([{ name: 'c-a', updates: all.slice(3) }])).toEqual([5]);
    const loaded = await store.loadDocument('c-a');
    expect(loaded.updates.map((u) => Array.from(u))).toEqual(all.map((u) => Array.from(u.update)));
    expect((await store.listUpdateAudit('c-a')).map((a) => a.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('appendMany of nothing changes nothing and returns the last seq', async () => {
    await store.createDocument('c-a', 'commitment', 'plan-one');
    store.appendMany([{ name: 'c-a', updates: updates(3) }]);
    expect(store.appendMany([{ name: 'c-a', updates: [] }])).toEqual([3]);
    expect((await store.loadDocument('c-a')).lastSeq).toBe(3);
  });

  it('appendMany to an unknown document throws and stores nothing, like appendUpdates', async () => {
    expect(() => store.appendMany([{ name: 'c-ghost', updates: updates(2) }])).toThrow(/unknown document/);
    const count = store.db.prepare('SELECT count(*) AS n FROM updates').get() as { n: number };
    expect(count.n).toBe(0);
  });

  it('appendMany is all or nothing within a batch', async () => {
    await store.createDocument('c-a', 'commitment', 'plan-one');
    const batch = updates(3);
    batch[2] = { ...batch[2]!, update: null as unknown as Uint8Array };
    expect(() => store.appendMany([{ name: 'c-a', updates: batch }])).toThrow();
    expect((await store.loadDocument('c-a')).lastSeq).toBe(0);
    expect(await store.listUpdateAudit('c-a')).toEqual([]);
  });

  it('checkpoints the WAL into the database file from its own thread, not in the committing call', async () => {
    await store.createDocument('c-a', 'commitment', 'plan-one');
    // Nothing written through appendMany yet: no checkpoint thread, and the automatic
    // checkpoint of the committing connection waits for 10,000 pages of log.
    const dbSize = () => fs.statSync(temp.file).size;
    const walFrames = () => fs.statSync(`${temp.file}-wal`).size;
    const before = dbSize();
    const batch = updates(200);
    for (let i = 0; i < batch.length; i += 10) store.appendMany([{ name: 'c-a', updates: batch.slice(i, i + 10) }]);
    // The commits went to the log only.
    expect(dbSize()).toBe(before);
    expect(walFrames()).toBeGreaterThan(0);
    await waitFor(() => dbSize() > before, { what: 'the background checkpoint', timeout: 5000 });
    // Everything is still there, read through this connection.
    expect((await store.loadDocument('c-a')).lastSeq).toBe(200);
  });

  it('stops the checkpoint thread on close', async () => {
    await store.createDocument('c-a', 'commitment', 'plan-one');
    store.appendMany([{ name: 'c-a', updates: updates(1) }]);
    await store.close();
    // Another writer with its automatic checkpoint off: nobody folds its log into the file now.
    const other = new Database(temp.file);
    try {
      other.pragma('wal_autocheckpoint = 0');
      other.exec('CREATE TABLE scratch (x BLOB)');
      const insert = other.prepare('INSERT INTO scratch VALUES (?)');
      for (let i = 0; i < 50; i++) insert.run(Buffer.alloc(4096, i));
      const size = fs.statSync(temp.file).size;
      await new Promise((r) => setTimeout(r, 2500));
      expect(fs.statSync(temp.file).size).toBe(size);
    } finally {
      other.close();
    }
  });
});
