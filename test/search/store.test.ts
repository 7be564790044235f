/**
 * The search index's contract, run on both adapters (SQLite in a temporary folder, and
 * PostgreSQL in a schema of its own): rows replaced whole per commitment and scope, short
 * (LIKE) and long (trigram) queries finding substrings in Chinese and English alike, case
 * folded, LIKE's wildcards taken literally, plan filters and limits, sources recorded.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { commitmentEntries, searchStoreFor, type SearchStore } from '../../server/search/index.js';
import { PostgresSearch } from '../../server/search/postgresStore.js';
import { PostgresStore, SqliteStore, type Store } from '../../server/storage/index.js';
import { blankCommitment, paragraphs, type CommitmentJSON } from '../../shared/schema/index.js';
import { TEST_DATABASE_URL, createTestSchema, postgresReachable, skipNotice, type TestSchema } from '../helpers/services.js';
import { tempDir } from '../helpers/tempDir.js';

const pgSkip = skipNotice(!(await postgresReachable()), `PostgreSQL search index: nothing answers at ${TEST_DATABASE_URL}`);

function commitment(id: string, number: string, problem: string, extra: Partial<CommitmentJSON> = {}): CommitmentJSON {
  const c = blankCommitment({ id, number, domainId: 'd1', title: { zh: `承諾${number}`, en: `Commitment ${number}` }, leadAgency: { id: 'a', zh: '機關', en: 'Agency' }, ...extra });
  c.sections.problem = { zh: paragraphs(problem, '第二段'), en: paragraphs('Open Data portal fees') };
  return c;
}

function contract(name: string, open: () => Promise<{ store: Store; close(): Promise<void> }>) {
  describe(`[SE1] search index contract: ${name}`, () => {
    let s: SearchStore;
    let h: Awaited<ReturnType<typeof open>>;
    afterAll(async () => h?.close());

    it('[SE1] holds title, sections as plain text and milestone cells in both languages, and records the source', async () => {
      h = await open();
      s = searchStoreFor(h.store);
      await s.prepare();
      const c1 = commitment('c-01-a', '1-1', '資料開放平臺收費標準不一，API 文件不足。', {
        milestones: [{ id: 'm1', period: '2021', text: { zh: '召開工作坊', en: 'Hold workshops' }, indicator: { zh: '3 場', en: '3 workshops' }, due: '', status: 'not_started', evidence: '' }],
      });
      await s.replace('live', commitmentEntries(c1, 'plan-a'), '2026-12-01T00:00:00.000Z');
      await s.replace('live', commitmentEntries(commitment('c-02-b', '1-2', '個人資料保護 100%_done'), 'plan-b'), 'v1');
      expect(await s.sources('live')).toEqual(new Map([['c-01-a', { planId: 'plan-a', source: '2026-12-01T00:00:00.000Z' }], ['c-02-b', { planId: 'plan-b', source: 'v1' }]]));
      const hits = await s.search('live', 'workshop', { limit: 10 });
      expect(hits.map((x) => [x.commitmentId, x.field, x.lang])).toEqual([['c-01-a', 'milestone:m1:text', 'en'], ['c-01-a', 'milestone:m1:indicator', 'en']]);
      expect(hits[0]!.fieldName).toEqual({ zh: '里程碑 1・里程碑', en: 'Milestone 1 · Milestone' });
      expect(hits[0]).toMatchObject({ number: '1-1', planId: 'plan-a', title: { zh: '承諾1-1', en: 'Commitment 1-1' }, text: 'Hold workshops' });
      const section = (await s.search('live', '不足', { limit: 10 }))[0]!;
      expect(section).toMatchObject({ field: 'section:problem', lang: 'zh', text: '資料開放平臺收費標準不一，API 文件不足。\n第二段' });
    });

    it('[SE2] a 2-character Chinese query, a 3-character one and an English word find substrings, case-insensitively', async () => {
      const ids = async (q: string) => (await s.search('live', q, { limit: 50 })).map((x) => `${x.commitmentId}/${x.field}/${x.lang}`);
      expect(await ids('收費')).toEqual(['c-01-a/section:problem/zh']);
      expect(await ids('api')).toEqual(['c-01-a/section:problem/zh']);
      expect(await ids('API 文件')).toEqual(['c-01-a/section:problem/zh']);
      expect(await ids('開放平臺收費')).toEqual(['c-01-a/section:problem/zh']);
      // Titles first, then by number.
      expect(await ids('open data')).toEqual(['c-01-a/section:problem/en', 'c-02-b/section:problem/en']);
      expect(await ids('承諾1')).toEqual(['c-01-a/title/zh', 'c-02-b/title/zh']);
      expect(await ids('料')).toEqual(['c-01-a/section:problem/zh', 'c-02-b/section:problem/zh']);
      expect(await ids('不存在的字')).toEqual([]);
    });

    it('[SE2] LIKE wildcards and quotes in a query are plain characters', async () => {
      const n = async (q: string) => (await s.search('live', q, { limit: 50 })).length;
      expect(await n('%')).toBe(1);
      expect(await n('_')).toBe(1);
      expect(await n('0%_d')).toBe(1);
      expect(await n('%_')).toBe(1);
      expect(await n('a%b')).toBe(0);
      expect(await n('"')).toBe(0);
      expect(await n('"OR"')).toBe(0);
      expect(await n('\\')).toBe(0);
    });

    it('[SE1] plan filter, limit, scopes apart, and replace/remove drop the old rows', async () => {
      expect((await s.search('live', 'open data', { planIds: ['plan-b'], limit: 10 })).map((x) => x.commitmentId)).toEqual(['c-02-b']);
      expect(await s.search('live', 'open data', { planIds: [], limit: 10 })).toEqual([]);
      expect(await s.search('live', 'open data', { limit: 1 })).toHaveLength(1);
      expect(await s.search('public', 'open data', { limit: 10 })).toEqual([]);
      await s.replace('public', commitmentEntries(commitment('c-01-a', '1-1', '已發布的文字'), 'plan-a'), 'cycle-1');
      expect((await s.search('public', '已發布', { limit: 10 })).map((x) => x.commitmentId)).toEqual(['c-01-a']);
      expect(await s.search('live', '已發布', { limit: 10 })).toEqual([]);
      await s.replace('live', commitmentEntries(commitment('c-01-a', '1-1', '新的問題描述'), 'plan-a'), 'later');
      expect(await s.search('live', '收費', { limit: 10 })).toEqual([]);
      expect(await s.search('live', '新的問題', { limit: 10 })).toHaveLength(1);
      expect((await s.sources('live')).get('c-01-a')?.source).toBe('later');
      await s.remove('live', 'c-02-b');
      expect((await s.search('live', 'open data', { limit: 10 })).map((x) => x.commitmentId)).toEqual(['c-01-a']);
      expect((await s.sources('live')).has('c-02-b')).toBe(false);
      expect((await s.search('public', '已發布', { limit: 10 }))).toHaveLength(1);
    });

    it('[SE1] a row keeps at most 20,000 characters of its field', async () => {
      const long = 'x'.repeat(30_000) + '尾巴的字';
      await s.replace('live', commitmentEntries(commitment('c-03-c', '2-1', long), 'plan-a'), 'v');
      expect(await s.search('live', '尾巴的字', { limit: 10 })).toEqual([]);
      const hit = (await s.search('live', 'xxx', { planIds: ['plan-a'], limit: 50 })).find((x) => x.commitmentId === 'c-03-c')!;
      expect(hit.text.length).toBe(20_000);
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

  it('[SE2] PostgreSQL builds the pg_trgm index over the rows when the extension can be had', async () => {
    const schema = await createTestSchema();
    const store = await PostgresStore.open({ connectionString: schema.url, poolSize: 2 });
    try {
      const s = searchStoreFor(store) as PostgresSearch;
      await s.prepare();
      expect(s.trigramIndex).toBe(true);
      const { rows } = await store.pool.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'search_entries_trgm' AND schemaname = $1`, [schema.schema]);
      expect(rows[0]?.indexdef).toMatch(/gin_trgm_ops/);
    } finally {
      await store.close();
      await schema.drop();
    }
  });
});
