/**
 * PostgreSQL backup with pg_dump while the store is in use, and a restore with pg_restore after
 * which every document, snapshot and account is intact. Skipped with a notice when PostgreSQL
 * or its client tools are missing.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCommitment } from '../../shared/schema/index.js';
import { silentLogger } from '../../server/log.js';
import { seedDemoIfEmpty } from '../../server/seed/seed.js';
import { PostgresStore } from '../../server/storage/index.js';
import { Rooms } from '../../server/sync/rooms.js';
import { createCycle, takeCycleSnapshot, verifySnapshot } from '../../server/versions/index.js';
import { TEST_DATABASE_URL, createTestSchema, postgresReachable, skipNotice, type TestSchema } from '../helpers/services.js';
import { tempDir } from '../helpers/tempDir.js';

const run = promisify(execFile);
const tools = existsSync('/usr/bin/pg_dump') && existsSync('/usr/bin/pg_restore');
const skip = skipNotice(!tools || !(await postgresReachable()), 'PostgreSQL backup test: needs PostgreSQL on 127.0.0.1:5432 and pg_dump/pg_restore');

describe.skipIf(skip)('[OP2] PostgreSQL backup and restore', () => {
  let schema: TestSchema;
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    schema = await createTestSchema();
    tmp = tempDir();
  });
  afterAll(async () => {
    await schema?.drop();
    tmp?.remove();
  });

  it('restores every document, snapshot and account', async () => {
    const store = await PostgresStore.open({ connectionString: schema.url });
    const rooms = new Rooms(store, { compactAfterUpdates: 1000, idleUnloadMs: 60_000, logger: silentLogger });
    await seedDemoIfEmpty(store, rooms);
    const coordinator = (await store.getUserByEmail('coordinator@demo.gongbi.tw'))!;
    const cycle = await createCycle({ store, rooms }, 'plan-nap1', { label: '第2次推動小組會議', meetingDate: '2020-12-31', notes: '' }, coordinator);
    const { snapshots } = await takeCycleSnapshot({ store, rooms }, cycle.id, coordinator);
    const before = await Promise.all((await store.listDocuments({ kind: 'commitment' })).map((d) => rooms.read(d.name, renderCommitment)));
    const users = (await store.listUsers()).map((u) => u.email);

    const dump = join(tmp.dir, 'gongbi.dump');
    const db = new URL(TEST_DATABASE_URL);
    const conn = ['-h', db.hostname, '-p', db.port || '5432', '-U', decodeURIComponent(db.username || 'postgres'), '-d', db.pathname.slice(1)];
    // Taken while the store is open and in use, as in production.
    await run('pg_dump', [...conn, '--format=custom', `--schema=${schema.schema}`, `--file=${dump}`]);
    await rooms.closeAll();
    await store.close();

    // Disaster: the schema is gone. Restore it from the dump.
    await schema.drop();
    await run('pg_restore', [...conn, '--exit-on-error', dump]);

    const restored = await PostgresStore.open({ connectionString: schema.url });
    try {
      const restoredRooms = new Rooms(restored, { compactAfterUpdates: 1000, idleUnloadMs: 60_000, logger: silentLogger });
      const after = await Promise.all((await restored.listDocuments({ kind: 'commitment' })).map((d) => restoredRooms.read(d.name, renderCommitment)));
      expect(after).toEqual(before);
      expect((await restored.listUsers()).map((u) => u.email)).toEqual(users);
      for (const s of snapshots) {
        const full = (await restored.getSnapshot(s.id))!;
        expect(full.hash).toBe(s.hash);
        expect(verifySnapshot(full).ok).toBe(true);
      }
      // Snapshots stay immutable after a restore: the triggers came back with the tables.
      await expect(restored.pool.query(`UPDATE snapshots SET hash = 'x' WHERE id = $1`, [snapshots[0]!.id])).rejects.toThrow();
      await restoredRooms.closeAll();
    } finally {
      await restored.close();
    }
  });
});
