/**
 * The notification store's contract, run on both adapters (SQLite in a temporary folder, and
 * PostgreSQL in a schema of its own): newest first, per person only, read marks that touch
 * only one's own, the bound per person, and settings.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { PostgresStore, SqliteStore, type Store } from '../../server/storage/index.js';
import { notificationStoreFor, type NotificationRecord, type NotificationStore } from '../../server/notifications/index.js';
import { TEST_DATABASE_URL, createTestSchema, postgresReachable, skipNotice, type TestSchema } from '../helpers/services.js';
import { tempDir } from '../helpers/tempDir.js';

const pgSkip = skipNotice(!(await postgresReachable()), `PostgreSQL notification store: nothing answers at ${TEST_DATABASE_URL}`);

const note = (id: string, userId: string, second: number): NotificationRecord => ({
  id, userId, kind: 'mention', commitmentId: 'c-04-x', commitment: { number: '1-4', zh: '資訊取用', en: 'Access' },
  actor: { name: '林委員' }, excerpt: '請看數據。', due: '', createdAt: new Date(Date.UTC(2026, 11, 4, 7, 0, second)).toISOString(),
});

function contract(name: string, open: () => Promise<{ store: Store; close(): Promise<void> }>) {
  describe(`NT1 notification store contract: ${name}`, () => {
    let s: NotificationStore;
    let h: Awaited<ReturnType<typeof open>>;
    afterAll(async () => h?.close());

    it('lists one person\'s notifications newest first, with the unread count, and never another\'s', async () => {
      h = await open();
      s = notificationStoreFor(h.store);
      await s.add(note('n1', 'u-wang', 1), 500);
      await s.add(note('n2', 'u-wang', 2), 500);
      await s.add(note('n3', 'u-lin', 3), 500);
      const list = await s.list('u-wang', 50);
      expect(list.map((n) => n.id)).toEqual(['n2', 'n1']);
      expect(list[0]).toEqual({ id: 'n2', kind: 'mention', commitmentId: 'c-04-x', commitment: { number: '1-4', zh: '資訊取用', en: 'Access' }, actor: { name: '林委員' }, excerpt: '請看數據。', due: '', createdAt: note('n2', '', 2).createdAt, readAt: null });
      expect(await s.unreadCount('u-wang')).toBe(2);
      expect(await s.list('u-wang', 1)).toHaveLength(1);
    });

    it('marks only the person\'s own as read, by id or all', async () => {
      expect(await s.markRead('u-wang', ['n1', 'n3'], '2026-12-04T08:00:00.000Z')).toBe(1);
      expect(await s.unreadCount('u-lin')).toBe(1);
      expect((await s.list('u-wang', 50)).find((n) => n.id === 'n1')?.readAt).toBe('2026-12-04T08:00:00.000Z');
      expect(await s.unreadCount('u-wang')).toBe(1);
      expect(await s.markRead('u-wang', 'all', '2026-12-04T08:01:00.000Z')).toBe(1);
      expect(await s.unreadCount('u-wang')).toBe(0);
    });

    it('keeps only the newest `keep` per person', async () => {
      for (let i = 10; i < 16; i++) await s.add(note(`k${i}`, 'u-chen', i), 3);
      expect((await s.list('u-chen', 50)).map((n) => n.id)).toEqual(['k15', 'k14', 'k13']);
      expect(await s.list('u-lin', 50)).toHaveLength(1);
    });

    it('claims a reminder key once: a second claim (a later run, another process) is refused', async () => {
      expect(await s.claimReminder('milestone:u-wang:c-04-x:m1:2026-12-05', '2026-12-04T08:00:00.000Z')).toBe(true);
      expect(await s.claimReminder('milestone:u-wang:c-04-x:m1:2026-12-05', '2026-12-04T09:00:00.000Z')).toBe(false);
      expect(await s.claimReminder('milestone:u-lin:c-04-x:m1:2026-12-05', '2026-12-04T09:00:00.000Z')).toBe(true);
    });

    it('keeps each person\'s settings', async () => {
      expect(await s.getSettings('u-wang')).toBeNull();
      await s.putSettings('u-wang', { email: false, lang: 'en' });
      expect(await s.getSettings('u-wang')).toEqual({ email: false, lang: 'en' });
      await s.putSettings('u-wang', { email: true, lang: 'zh' });
      expect(await s.getSettings('u-wang')).toEqual({ email: true, lang: 'zh' });
    });
  });
}

contract('SQLite', async () => {
  const tmp = tempDir();
  const store = new SqliteStore({ file: join(tmp.dir, 'gongbi.db') });
  return {
    store,
    async close() {
      await store.close();
      tmp.remove();
    },
  };
});

describe.skipIf(pgSkip)('PostgreSQL', () => {
  contract('PostgreSQL', async () => {
    const schema: TestSchema = await createTestSchema();
    const store = await PostgresStore.open({ connectionString: schema.url, poolSize: 2 });
    return {
      store,
      async close() {
        await store.close();
        await schema.drop();
      },
    };
  });
});
