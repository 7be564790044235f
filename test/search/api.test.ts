/**
 * Search over HTTP against a real server on a real port with the demo plan, the text put in
 * by real WebSocket clients: short Chinese, acronyms and English words found in sections,
 * a live edit found within a second, the public search finding only the published snapshot,
 * the rebuild at start, and every bad query refused with a sentence. Rules cited: SE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { connectSynced, type Peer } from '../helpers/peers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { addMilestone, milestoneText, paragraphs, sectionFragment, writeRich, type SectionKey } from '../../shared/schema/index.js';
import type { SearchResponse, SearchResult } from '../../shared/protocol/search.js';

const PLAN = 'plan-nap1';
const C04 = 'c-04-access-to-information';
const C03 = 'c-03-privacy';

let tmp: ReturnType<typeof tempDir>;
let server: TestServer;
let token = '';
const peers: Peer[] = [];

beforeAll(async () => {
  tmp = tempDir();
  server = await startTestServer({ dataDir: tmp.dir });
  token = await signIn(over(server.url), DEMO.coordinator);
  await server.gongbi.searchIndexer.whenRebuilt();
});
afterAll(async () => {
  for (const p of peers) p.destroy();
  await server?.close();
  tmp?.remove();
});

async function get(path: string, signedIn = true): Promise<{ status: number; body: any }> {
  const res = await fetch(server.url + path, { headers: signedIn ? bearer(token) : {} });
  return { status: res.status, body: await res.json() };
}
const search = async (q: string, extra = '') => (await get(`/api/search?q=${encodeURIComponent(q)}${extra}`)).body as SearchResponse;
const publicSearch = async (q: string) => (await get(`/api/public/search?q=${encodeURIComponent(q)}`, false)).body as SearchResponse;
const where = (r: SearchResult) => `${r.commitmentId}/${r.field}/${r.lang}`;

async function open(id: string): Promise<Y.Doc> {
  const peer = await connectSynced(server.wsUrl, id, token);
  peers.push(peer);
  return peer.doc;
}
function writeSection(doc: Y.Doc, key: SectionKey, lang: 'zh' | 'en', ...lines: string[]) {
  doc.transact(() => writeRich(sectionFragment(doc, key, lang), paragraphs(...lines)));
}

describe('[SE2] signed-in search finds the live text of every commitment', () => {
  it('「收費」 (2 characters), 「API」 and an English word find the sections that hold them, with the field named and the match marked', async () => {
    const doc = await open(C04);
    writeSection(doc, 'other', 'zh', '政府資訊公開的影印收費基準將檢討。', '另提供開放 API 供民間串接。');
    writeSection(doc, 'other', 'en', 'Copying charges will be reviewed; a zebrafinch-tested API is offered.');
    await waitFor(async () => (await search('zebrafinch')).results.length > 0, { what: 'the English edit in the index' });

    const fees = await search('收費');
    const hit = fees.results.find((r) => where(r) === `${C04}/section:other/zh`)!;
    expect(hit).toMatchObject({ number: expect.any(String), planId: PLAN, fieldName: { zh: '其他資訊（預算、相關計畫）', en: 'Other information (budget, linked programmes)' }, lang: 'zh' });
    expect(hit.title.zh.length).toBeGreaterThan(0);
    expect(hit.snippet).toMatchObject({ before: '政府資訊公開的影印', match: '收費', cutStart: false });
    expect(hit.snippet.after.startsWith('基準將檢討。')).toBe(true);
    // Every result really holds what was asked for.
    for (const r of fees.results) expect(r.snippet.match).toBe('收費');

    const api = await search('api');
    expect(api.results.map(where)).toEqual(expect.arrayContaining([`${C04}/section:other/zh`, `${C04}/section:other/en`]));
    for (const r of api.results) expect(r.snippet.match.toLowerCase()).toBe('api');

    const english = await search('Zebrafinch');
    expect(english.results.map(where)).toEqual([`${C04}/section:other/en`]);
    expect(english.results[0]!.snippet).toMatchObject({ match: 'zebrafinch', before: 'g charges will be reviewed; a ', cutStart: true, after: '-tested API is offered.', cutEnd: false });
  });

  it('milestone cells and titles are found too, titles first; plan and limit narrow the list', async () => {
    const doc = await open(C03);
    let row = '';
    doc.transact(() => {
      row = addMilestone(doc);
      milestoneText(doc, row, 'indicator', 'zh')!.insert(0, '完成鴕鳥蛋檢核表');
    });
    await waitFor(async () => (await search('鴕鳥蛋')).results.length > 0, { what: 'the milestone edit in the index' });
    const [m] = (await search('鴕鳥蛋')).results;
    expect(m).toMatchObject({ commitmentId: C03, field: `milestone:${row}:indicator`, fieldName: { zh: expect.stringMatching(/^里程碑 \d+・可量化\/驗證衡量指標$/), en: expect.stringMatching(/^Milestone \d+ · /) } });
    const many = await search('的', '&limit=3');
    expect(many.results).toHaveLength(3);
    expect(many.more).toBe(true);
    expect((await search('鴕鳥蛋', `&plan=${PLAN}`)).results).toHaveLength(1);
    expect((await get(`/api/search?q=x&plan=plan-nowhere`)).status).toBe(404);
  });
});

describe('[SE3] the index follows the documents', () => {
  it('an edit made live is found within a second, and the text it replaced is no longer found', async () => {
    const doc = await open(C04);
    writeSection(doc, 'problem', 'zh', '第一版：孔雀魚的說明。');
    await waitFor(async () => (await search('孔雀魚')).results.length === 1, { what: 'the first text in the index' });
    const started = Date.now();
    writeSection(doc, 'problem', 'zh', '第二版：鬥魚的說明。');
    await waitFor(async () => (await search('鬥魚')).results.length === 1, { timeout: 1000, interval: 25, what: 'the live edit found within a second' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await search('孔雀魚')).results).toEqual([]);
  });

  it('a server that starts on a store whose index is missing rows indexes them before long', async () => {
    await server.gongbi.searchIndexer.whenIdle();
    server.store.db.exec(`DELETE FROM search_entries; DELETE FROM search_sources;`);
    expect((await search('鬥魚')).results).toEqual([]);
    await server.close();
    server = await startTestServer({ dataDir: tmp.dir });
    token = await signIn(over(server.url), DEMO.coordinator);
    expect(await server.gongbi.searchIndexer.whenRebuilt()).toBeGreaterThanOrEqual(19);
    expect((await search('鬥魚')).results.map(where)).toEqual([`${C04}/section:problem/zh`]);
    peers.splice(0).forEach((p) => p.destroy());
  });
});

describe('[SE4] the public search finds only what is published', () => {
  it('nothing before publication; the snapshot’s text after it; an edit after publication only for signed-in readers', async () => {
    const doc = await open(C04);
    writeSection(doc, 'relevance', 'zh', '公開版本：白鷺鷥的棲地。');
    await waitFor(async () => (await search('白鷺鷥')).results.length === 1, { what: 'the text to publish in the live index' });
    expect((await publicSearch('白鷺鷥')).results).toEqual([]);

    const call = (path: string) => fetch(server.url + path, { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ label: '第4次推動小組會議', meetingDate: '2021-08-30' }) });
    const cycle = (await (await call(`/api/plans/${PLAN}/cycles`)).json()).cycle.id as string;
    expect((await call(`/api/cycles/${cycle}/snapshot`)).status).toBe(201);
    expect((await call(`/api/cycles/${cycle}/publish`)).status).toBe(201);

    writeSection(doc, 'relevance', 'zh', '草稿：夜鷺的棲地。');
    await waitFor(async () => (await search('夜鷺')).results.length === 1, { what: 'the later edit in the live index' });
    const published = await publicSearch('白鷺鷥');
    expect(published.results.map(where)).toEqual([`${C04}/section:relevance/zh`]);
    expect(published.results[0]!.snippet.match).toBe('白鷺鷥');
    expect((await publicSearch('夜鷺')).results).toEqual([]);
    expect((await search('白鷺鷥')).results).toEqual([]);
    // Short queries take the other path (a scan), with the same scope.
    expect((await publicSearch('夜鷺')).results).toEqual([]);
    expect((await publicSearch('鷥')).results.map(where)).toEqual([`${C04}/section:relevance/zh`]);
  });
});

describe('[SE5] bad queries are refused with a sentence; the live search needs sign-in', () => {
  it('empty, blank, over 100 characters, a bad limit: 400', async () => {
    for (const path of ['/api/search', '/api/public/search']) {
      for (const qs of ['', '?q=', '?q=%20%20%20', `?q=${'字'.repeat(101)}`, '?q=ok&limit=51', '?q=ok&limit=0', '?q=ok&limit=many']) {
        const res = await get(path + qs);
        expect(res.status, path + qs).toBe(400);
        expect(res.body.error.code).toBe('bad_request');
        expect(res.body.error.message.length, path + qs).toBeGreaterThan(20);
      }
    }
    expect((await get(`/api/search?q=${'字'.repeat(100)}`)).status).toBe(200);
    expect((await get('/api/search?q=%20API%20')).body.q).toBe('API');
  });

  it('the live search without a session is 401; the public one is open', async () => {
    expect((await get('/api/search?q=API', false)).status).toBe(401);
    expect((await get('/api/public/search?q=API', false)).status).toBe(200);
  });
});
