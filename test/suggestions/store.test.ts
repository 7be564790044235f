/**
 * The suggestion store's contract, run on both adapters (SQLite in a temporary folder, and
 * PostgreSQL in a schema of its own): suggestions and decisions kept as written, the first
 * decision standing, open counts, and the database refusing to change or delete the record.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { PostgresStore, SqliteStore, type Store } from '../../server/storage/index.js';
import { suggestionStoreFor, type SuggestionStore } from '../../server/suggestions/index.js';
import { TEST_DATABASE_URL, createTestSchema, postgresReachable, skipNotice, type TestSchema } from '../helpers/services.js';
import { tempDir } from '../helpers/tempDir.js';

const pgSkip = skipNotice(!(await postgresReachable()), `PostgreSQL suggestion store: nothing answers at ${TEST_DATABASE_URL}`);

const person = (n: string, kind: 'agency' | 'civil_society' = 'civil_society') => ({ userId: `u-${n}`, name: n, affiliation: `${n} org`, affiliationKind: kind });
const suggestion = (id: string, userId = 'lin', commitmentId = 'c-01-x') => ({
  id, commitmentId, planId: 'plan-a', field: 'title', lang: 'zh', base: '"舊"', proposed: '"新"', author: person(userId), createdAt: `2026-12-03T10:00:0${id.slice(-1)}.000Z`,
});

function contract(name: string, open: () => Promise<{ store: Store; raw: (sql: string) => Promise<unknown>; close(): Promise<void> }>) {
  describe(`SG7 suggestion store contract: ${name}`, () => {
    let s: SuggestionStore;
    let h: Awaited<ReturnType<typeof open>>;
    afterAll(async () => h?.close());

    it('keeps suggestions as written and lists them per commitment and plan, oldest first', async () => {
      h = await open();
      s = suggestionStoreFor(h.store);
      await s.add(suggestion('sg1'));
      await s.add(suggestion('sg2', 'wang'));
      await s.add(suggestion('sg3', 'lin', 'c-02-y'));
      expect(await s.get('sg1')).toEqual({ ...suggestion('sg1'), decision: null });
      expect((await s.listForCommitment('c-01-x')).map((x) => x.id)).toEqual(['sg1', 'sg2']);
      expect((await s.listForPlan('plan-a')).map((x) => x.id)).toEqual(['sg1', 'sg2', 'sg3']);
      expect(await s.get('nope')).toBeNull();
      expect(await s.countOpen('c-01-x', 'u-lin')).toBe(1);
    });

    it('the first decision stands; a second is not recorded and the first is returned', async () => {
      const first = { suggestionId: 'sg1', decision: 'declined' as const, reason: '理由', by: person('chen', 'agency'), decidedAt: '2026-12-03T11:00:00.000Z' };
      expect(await s.decide(first)).toEqual({ recorded: true, standing: first });
      const second = await s.decide({ ...first, decision: 'accepted', reason: '', by: person('wu', 'agency') });
      expect(second).toEqual({ recorded: false, standing: first });
      expect((await s.get('sg1'))?.decision).toEqual(first);
      expect(await s.countOpen('c-01-x', 'u-lin')).toBe(0);
    });

    it('the database refuses UPDATE and DELETE of suggestions and decisions', async () => {
      for (const sql of [`UPDATE suggestions SET proposed = 'x'`, `DELETE FROM suggestions`, `UPDATE suggestion_decisions SET reason = 'x'`, `DELETE FROM suggestion_decisions`]) {
        await expect(h.raw(sql), sql).rejects.toThrow(/record/);
      }
      expect((await s.listForPlan('plan-a')).length).toBe(3);
    });
  });
}

contract('SQLite', async () => {
  const tmp = tempDir();
  const store = new SqliteStore({ file: join(tmp.dir, 'gongbi.db') });
  return {
    store,
    raw: async (sql) => store.db.prepare(sql).run(),
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
      raw: (sql) => store.pool.query(sql),
      async close() {
        await store.close();
        await schema.drop();
      },
    };
  });
});
