/**
 * PostgresStore: the storage contract on a real PostgreSQL, each test in a fresh schema, plus
 * what only a shared database has to get right: several processes (here: several stores)
 * migrating, appending, compacting and using invitations at the same time.
 * Skipped with a notice when PostgreSQL does not answer (GONGBI_TEST_DATABASE_URL).
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import * as Y from 'yjs';
import { readMigrations } from '../../server/storage/migrations.js';
import { PostgresStore, type Snapshot, type UpdateToAppend } from '../../server/storage/index.js';
import { runDocStoreContract, type StoreHandle } from './contract.js';
import { TEST_DATABASE_URL, createTestSchema, postgresReachable, skipNotice, type TestSchema } from '../helpers/services.js';

const skip = skipNotice(!(await postgresReachable()), `PostgreSQL tests: nothing answers at ${TEST_DATABASE_URL} (set GONGBI_TEST_DATABASE_URL)`);

/** A fresh schema; every store opened on it is closed and the schema dropped by cleanup. */
async function openFresh(): Promise<StoreHandle & { schema: TestSchema; open(): Promise<PostgresStore> }> {
  const schema = await createTestSchema();
  const opened: PostgresStore[] = [];
  const open = async () => {
    const s = await PostgresStore.open({ connectionString: schema.url, poolSize: 4 });
    opened.push(s);
    return s;
  };
  const store = await open();
  return {
    schema,
    store,
    open,
    reopen: open,
    async cleanup() {
      for (const s of opened) await s.close();
      await schema.drop();
    },
  };
}

describe.skipIf(skip)('PostgreSQL', () => runDocStoreContract('PostgresStore', openFresh));

const author = { userId: 'u-1', name: 'Tester', affiliation: 'test' };

function updates(n: number): UpdateToAppend[] {
  const doc = new Y.Doc();
  const out: UpdateToAppend[] = [];
  doc.on('update', (update: Uint8Array) => out.push({ update, author, receivedAt: Date.UTC(2024, 1, 1) + out.length }));
  for (let i = 0; i < n; i++) doc.getText('t').insert(0, String(i));
  return out;
}

describe.skipIf(skip)('PostgresStore specifics', () => {
  let temp: Awaited<ReturnType<typeof openFresh>>;
  let store: PostgresStore;

  beforeEach(async () => {
    temp = await openFresh();
    store = temp.store as PostgresStore;
  });
  afterEach(async () => {
    await temp.cleanup();
  });

  it('records every migration in schema_migrations, in its own schema', async () => {
    const expected = readMigrations('postgres').map((m) => ({ version: m.version, name: m.name }));
    expect(expected.map((m) => m.name)).toEqual(readMigrations('sqlite').map((m) => m.name));
    const { rows } = await store.pool.query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(rows).toEqual(expected);
    const { rows: where } = await store.pool.query(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'documents' AND table_schema = $1`, [temp.schema.schema]);
    expect(where).toHaveLength(1);
  });

  it('several processes starting at once migrate once (advisory lock)', async () => {
    const other = await createTestSchema();
    const stores: PostgresStore[] = [];
    try {
      stores.push(...(await Promise.all(Array.from({ length: 5 }, () => PostgresStore.open({ connectionString: other.url, poolSize: 2 })))));
      const { rows } = await stores[0]!.pool.query('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(readMigrations('postgres').map((m) => m.version));
    } finally {
      for (const s of stores) await s.close();
      await other.drop();
    }
  });

  it('does not re-apply migrations on a second open', async () => {
    await store.createDocument('c-a', 'commitment', 'plan-one');
    await store.appendUpdates('c-a', updates(2));
    const read = async (s: PostgresStore) => (await s.pool.query('SELECT version, name, applied_at FROM schema_migrations ORDER BY version')).rows;
    const before = await read(store);
    const again = await temp.open();
    expect(await read(again)).toEqual(before);
    expect((await again.loadDocument('c-a')).lastSeq).toBe(2);
  });

  it('appends from several processes at once get distinct, gap-free seqs in one order', async () => {
    await store.createDocument('c-a', 'commitment', 'plan-one');
    const others = [store, await temp.open(), await temp.open()];
    const all = updates(60);
    // 3 "processes" × 10 batches of 2, all in flight together.
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => others[i % 3]!.appendUpdates('c-a', all.slice(i * 2, i * 2 + 2))),
    );
    expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => (i + 1) * 2));
    const audit = await store.listUpdateAudit('c-a');
    expect(audit.map((a) => a.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    // Each batch kept its two updates next to each other (the seqs of a batch are contiguous).
    const loaded = await store.loadDocument('c-a');
    expect(loaded.lastSeq).toBe(60);
    const doc = new Y.Doc();
    for (const u of loaded.updates) Y.applyUpdate(doc, u);
    const whole = new Y.Doc();
    for (const u of all) Y.applyUpdate(whole, u.update);
    expect(doc.getText('t').toString()).toBe(whole.getText('t').toString());
  });

  it('concurrent compactions from several processes never lose or rewind the log', async () => {
    await store.createDocument('c-a', 'commitment', 'plan-one');
    const all = updates(20);
    await store.appendUpdates('c-a', all);
    const stateAt = (n: number) => {
      const d = new Y.Doc();
      for (const u of all.slice(0, n)) Y.applyUpdate(d, u.update);
      return Y.encodeStateAsUpdate(d);
    };
    const others = [store, await temp.open(), await temp.open()];
    await Promise.all([5, 20, 10, 15, 20, 3].map((n, i) => others[i % 3]!.compact('c-a', stateAt(n), n)));
    const loaded = await store.loadDocument('c-a');
    // Whichever ran, the result rebuilds the whole document.
    const doc = new Y.Doc();
    if (loaded.state) Y.applyUpdate(doc, loaded.state);
    for (const u of loaded.updates) Y.applyUpdate(doc, u);
    const whole = new Y.Doc();
    for (const u of all) Y.applyUpdate(whole, u.update);
    expect(doc.getText('t').toString()).toBe(whole.getText('t').toString());
    expect(loaded.updates).toHaveLength(20 - loaded.compactedSeq);
  });

  it('compaction skips while another process holds the document\'s compaction lock', async () => {
    await store.createDocument('c-a', 'commitment', 'plan-one');
    const all = updates(4);
    await store.appendUpdates('c-a', all);
    const holder = await store.pool.connect();
    try {
      await holder.query('BEGIN');
      const { rows } = await holder.query(`SELECT pg_try_advisory_xact_lock(hashtext('gongbi:compact'), hashtext(current_schema() || ':' || $1)) AS ok`, ['c-a']);
      expect(rows[0].ok).toBe(true);
      const d = new Y.Doc();
      for (const u of all) Y.applyUpdate(d, u.update);
      await store.compact('c-a', Y.encodeStateAsUpdate(d), 4);
      expect((await store.loadDocument('c-a')).compactedSeq).toBe(0);
      await holder.query('COMMIT');
      await store.compact('c-a', Y.encodeStateAsUpdate(d), 4);
      expect((await store.loadDocument('c-a')).compactedSeq).toBe(4);
    } finally {
      holder.release();
    }
  });

  it('compaction never goes past the end of the log', async () => {
    await store.createDocument('c-a', 'commitment', 'plan-one');
    await store.appendUpdates('c-a', updates(2));
    await store.compact('c-a', new Uint8Array([0, 0]), 5);
    expect((await store.loadDocument('c-a')).compactedSeq).toBe(0);
  });

  it('an invitation is used once even when two processes try at the same moment', async () => {
    const other = await temp.open();
    const user = await store.createUser({ email: 'Lin@Example.TW', name: '林', passwordHash: 'h', role: 'coordinator', affiliation: { kind: 'agency', id: 'ndc', name: '國發會' }, commitments: ['c-b', 'c-a'] });
    expect(user.email).toBe('lin@example.tw');
    expect(user.commitments).toEqual(['c-a', 'c-b']);
    expect((await other.getUserByEmail('LIN@example.tw'))?.passwordHash).toBe('h');
    await store.createInvitation('tok', { email: 'x@y.tw', role: 'civil_editor', affiliation: { kind: 'civil_society', id: 'g0v', name: 'g0v' }, commitments: ['c-a'], createdBy: user.id, createdAt: 1, expiresAt: 2, usedAt: null });
    const used = await Promise.all([store.useInvitation('tok', 10), other.useInvitation('tok', 11), store.useInvitation('tok', 12)]);
    expect(used.filter(Boolean)).toHaveLength(1);
    expect((await store.getInvitation('tok'))?.commitments).toEqual(['c-a']);
  });

  it('sessions expire, and memberships are replaced as a whole', async () => {
    const user = await store.createUser({ email: 'a@b.tw', name: 'A', passwordHash: 'h', role: 'agency_editor', affiliation: { kind: 'agency', id: 'moda', name: '數位部' } });
    expect(user.commitments).toEqual([]);
    await store.createSession('s1', user.id, 1000);
    expect((await store.getSessionUser('s1', 999))?.id).toBe(user.id);
    expect(await store.getSessionUser('s1', 1000)).toBeNull();
    await store.setMemberships(user.id, ['c-9', 'c-1']);
    expect((await store.getSessionUser('s1', 5))?.commitments).toEqual(['c-1', 'c-9']);
    await store.setMemberships(user.id, []);
    expect((await store.getUserById(user.id))?.commitments).toEqual([]);
    await store.deleteSession('s1');
    expect(await store.getSessionUser('s1', 5)).toBeNull();
    expect((await store.listUsers()).map((u) => u.email)).toEqual(['a@b.tw']);
  });

  describe('versions', () => {
    const by = { userId: 'u-c', name: 'Coordinator', affiliation: 'agency' };
    const snap = (id: string, cycleId: string | null, seq: number, takenAt: number): Snapshot => ({
      id, cycleId, docName: 'c-a', kind: cycleId ? 'cycle' : 'checkpoint', reason: cycleId ? '' : 'daily', seq,
      state: new Uint8Array([1, 2, seq]), json: `{"seq":${seq}}`, hash: `h${seq}`, takenAt, takenBy: by,
    });

    beforeEach(async () => {
      await store.createCycle({ id: 'cy-1', planId: 'plan-one', label: '第一次', meetingDate: '2021-04-30', notes: '', labelEn: '', notesEn: '', createdBy: by, createdAt: 100, snapshotAt: null });
    });

    it('a cycle\'s snapshots are added once, atomically', async () => {
      const other = await temp.open();
      const results = await Promise.all([
        store.addCycleSnapshots('cy-1', 200, [snap('s-1', 'cy-1', 3, 200)]),
        other.addCycleSnapshots('cy-1', 201, [snap('s-2', 'cy-1', 4, 201)]),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.listSnapshots({ cycleId: 'cy-1' })).toHaveLength(1);
      expect((await store.getCycle('cy-1'))?.snapshotAt).toBe(results[0] ? 200 : 201);
      expect(await store.addCycleSnapshots('cy-none', 1, [])).toBe(false);
    });

    it('the database itself refuses to change or delete a snapshot, or to retake a cycle', async () => {
      await store.addCycleSnapshots('cy-1', 200, [snap('s-1', 'cy-1', 3, 200)]);
      await expect(store.pool.query(`UPDATE snapshots SET json = '{}' WHERE id = 's-1'`)).rejects.toThrow(/immutable/);
      await expect(store.pool.query(`DELETE FROM snapshots WHERE id = 's-1'`)).rejects.toThrow(/immutable/);
      await expect(store.pool.query(`TRUNCATE snapshots CASCADE`)).rejects.toThrow(/immutable/);
      await expect(store.pool.query(`UPDATE review_cycles SET snapshot_at = NULL WHERE id = 'cy-1'`)).rejects.toThrow(/taken once/);
      expect((await store.getSnapshot('s-1'))?.json).toBe('{"seq":3}');
    });
  });
});
