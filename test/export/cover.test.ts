/**
 * What the cover of an export says, against a real server: the issuing agency (configurable,
 * in both languages), a live export as a draft with its print date, a meeting's version with
 * the meeting and its 民國 date, and a published cycle as the 核定本 with its approving meeting.
 * Also the download names: the version label survives a long English title.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, taipeiDay } from '../../shared/dates/index.js';
import { exportDisplayName } from '../../server/export/fileName.js';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';

const PLAN = 'plan-nap1';
let tmp: ReturnType<typeof tempDir>;
let server: TestServer;
let viewer = '';
let meetingCycle = '';
let approvedCycle = '';

const post = (path: string, body?: unknown) =>
  fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(server.token) }, body: JSON.stringify(body ?? {}) });
const markdown = async (query: string) => {
  const res = await fetch(`${server.url}/api/plans/${PLAN}/export.md?${query}`, { headers: bearer(viewer) });
  expect(res.status).toBe(200);
  return { text: await res.text(), name: decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!) };
};

beforeAll(async () => {
  tmp = tempDir();
  server = await startTestServer({ dataDir: tmp.dir, env: { GONGBI_ISSUING_AGENCY: '法務部', GONGBI_ISSUING_AGENCY_EN: 'Ministry of Justice' } });
  viewer = await signIn(over(server.url), DEMO.viewer);
  meetingCycle = (await (await post(`/api/plans/${PLAN}/cycles`, { label: '第3次推動小組會議', meetingDate: '2021-04-30' })).json()).cycle.id;
  expect((await post(`/api/cycles/${meetingCycle}/snapshot`)).status).toBe(201);
  approvedCycle = (await (await post(`/api/plans/${PLAN}/cycles`, { label: '第4次推動小組會議', meetingDate: '2021-08-30' })).json()).cycle.id;
  expect((await post(`/api/cycles/${approvedCycle}/snapshot`)).status).toBe(201);
  expect((await post(`/api/cycles/${approvedCycle}/publish`)).status).toBe(201);
});
afterAll(async () => {
  await server.close();
  tmp.remove();
});

describe('export covers', () => {
  it('name the configured issuing agency, in the language of the document', async () => {
    expect((await markdown('lang=zh')).text).toContain('- **發布機關**: 法務部');
    expect((await markdown('lang=en')).text).toContain('- **Issued by**: Ministry of Justice');
  });

  it('label the live text a draft printed today (not a meeting date), in the 民國 calendar in Chinese and AD in English', async () => {
    const today = taipeiDay(Date.now());
    const zh = (await markdown('lang=zh')).text;
    expect(zh).toContain('**草案**');
    expect(zh).toContain(`- **草案列印日期**: ${formatDate(today, 'zh')}`);
    expect(zh).toMatch(/草案列印日期\*\*: 中華民國\d+年/);
    expect(zh).not.toContain('會議日期');
    const en = (await markdown('lang=en')).text;
    expect(en).toContain(`- **Draft printed on**: ${formatDate(today, 'en')}`);
    expect(en).not.toContain('Meeting date');
  });

  it("give a meeting's version its meeting and date, and mark a published cycle 核定本 with its approving meeting", async () => {
    const meeting = (await markdown(`version=cycle:${meetingCycle}&lang=zh`)).text;
    expect(meeting).toContain('- **會議**: 第3次推動小組會議');
    expect(meeting).toContain('- **會議日期**: 中華民國110年4月30日');
    expect(meeting).not.toContain('核定本');
    const approved = (await markdown(`version=cycle:${approvedCycle}&lang=zh`)).text;
    expect(approved).toContain('**核定本**');
    expect(approved).toContain('- **核定會議**: 第4次推動小組會議');
    expect(approved).toContain('- **核定日期**: 中華民國110年8月30日');
    const en = (await markdown(`version=cycle:${approvedCycle}&lang=en`)).text;
    expect(en).toContain('- **Approved at**: 第4次推動小組會議');
    expect(en).toContain('- **Date of approval**: 30 August 2021');
  });

  it('keep the version label and language in download names, cutting a long English title at a word', async () => {
    const { name } = await markdown(`version=cycle:${approvedCycle}&lang=en`);
    expect(name).toMatch(/_第4次推動小組會議_en\.md$/);
    const long = exportDisplayName(['Open Government National Action Plan of Taiwan, Third Edition, Revised After Public Consultation', 'Live version (not approved)', 'en'], 'pdf');
    expect(long).toMatch(/_Live-version-\(not-approved\)_en\.pdf$/);
    expect([...long].length).toBeLessThanOrEqual(104);
    // The title is cut after a whole word, never inside one.
    const title = long.split('_')[0]!;
    expect('Open-Government-National-Action-Plan-of-Taiwan,-Third-Edition,-Revised-After-Public-Consultation'.startsWith(`${title}-`)).toBe(true);
  });
});
