/**
 * The redline export: pure rendering (struck deletions, underlined insertions, authors,
 * escaping, byte-stable DOCX) and the route against a real server (a change made after a
 * review-cycle snapshot shows up with its author).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffCommitment, type ChangeAuthor, type CommitmentDiff } from '../../shared/diff/index.js';
import { milestoneText, sectionFragment, shortText, type CommitmentJSON } from '../../shared/schema/index.js';
import { renderRedlineDocx, renderRedlineHtml, type RedlineInput } from '../../server/export/redline.js';
import { demoPlan } from '../../server/seed/demoPlan.js';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { connectSynced, type Peer } from '../helpers/peers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { HOSTILE_TITLE, parseHtml, unzip, xmlWellFormed } from './fixtures.js';

const LIN: ChangeAuthor = { userId: 'u-lin', name: '林委員（民間）', affiliation: 'civil_society', at: '2021-03-02T06:05:00.000Z' };
const WANG: ChangeAuthor = { userId: 'u-wang', name: '王科長（法務部）', affiliation: 'agency', at: '2021-03-03T01:00:00.000Z' };
const HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';

/** A demo commitment edited in every way a redline must show. */
function editedInput(lang: RedlineInput['lang'] = 'both'): RedlineInput {
  const { plan, commitments } = demoPlan();
  const before = commitments[3]!;
  const after: CommitmentJSON = structuredClone(before);
  after.milestones[0]!.indicator.zh = after.milestones[0]!.indicator.zh.replace('4 場', '5 場');
  after.title.en = `${after.title.en} ${HOSTILE}`;
  after.sections.problem.zh.content.push({ type: 'paragraph', content: [{ type: 'text', text: `民間補充：${HOSTILE}` }] });
  after.ogpValues.innovation = !after.ogpValues.innovation;
  after.status = 'in_review';
  after.milestones.push({ ...after.milestones[0]!, id: 'm-new', text: { zh: '新增里程碑', en: 'New milestone' } });
  after.milestones.splice(1, 1);
  const diff: CommitmentDiff = diffCommitment(before, after);
  diff.changes.forEach((c, i) => (c.authors = [i % 2 ? WANG : LIN]));
  return {
    plan,
    from: { ref: 'cycle:cy_1', label: '第3次推動小組會議', takenAt: '2021-04-30T02:00:00.000Z' },
    to: { ref: 'cycle:cy_2', label: `第4次 ${HOSTILE}`, takenAt: '2021-08-30T02:00:00.000Z' },
    lang,
    commitments: [{ commitmentId: after.id, number: after.number, title: after.title, diff, milestones: after.milestones }],
    added: [],
    removed: [{ id: 'c-x', number: '9-9', title: { zh: HOSTILE_TITLE, en: HOSTILE_TITLE } }],
  };
}

describe('renderRedlineHtml', () => {
  it('strikes deletions, underlines insertions, names authors with affiliation and Taiwan time', () => {
    const html = renderRedlineHtml(editedInput('zh'));
    const doc = parseHtml(html);
    const dels = [...doc.querySelectorAll('del')].map((e) => e.textContent);
    const inss = [...doc.querySelectorAll('ins')].map((e) => e.textContent);
    expect(dels.join('|')).toContain('4');
    expect(inss.join('|')).toContain('5');
    expect(inss.join('|')).toContain('民間補充');
    expect(inss).toContain('新增里程碑');
    // Not colour alone: the CSS strikes and underlines, and a legend says so in words.
    expect(html).toMatch(/del \{[^}]*line-through/);
    expect(html).toMatch(/ins \{[^}]*underline/);
    expect(doc.querySelector('.legend')!.textContent).toContain('刪除線');
    expect(doc.body.textContent).toContain('林委員（民間） · 民間 · 中華民國110年3月2日 14:05');
    expect(doc.body.textContent).toContain('王科長（法務部） · 政府機關 · ');
    expect(doc.body.textContent).toMatch(/里程碑第 1 列：可量化\/驗證衡量指標/);
    expect(doc.body.textContent).toMatch(/刪除里程碑（原第 2 列）/);
    expect(doc.body.textContent).toContain('草擬中');
    expect(doc.body.textContent).toContain('審查中');
    // zh mode leaves the English title change out.
    expect(doc.body.textContent).not.toContain('承諾事項名稱');
    expect(renderRedlineHtml(editedInput('en'))).toContain('Commitment title');
  });

  it('escapes hostile text in every place (content, labels, lists) like the full HTML export', () => {
    const html = renderRedlineHtml(editedInput('both'));
    const doc = parseHtml(html);
    expect(doc.querySelectorAll('script, img, iframe').length).toBe(0);
    for (const el of doc.querySelectorAll('*')) for (const a of el.attributes) expect(a.name.startsWith('on')).toBe(false);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(doc.body.textContent).toContain(HOSTILE);
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  });
});

describe('renderRedlineDocx', () => {
  it('writes struck red and underlined green runs, authors, and the same bytes every time', async () => {
    const input = editedInput('zh');
    const a = await renderRedlineDocx(input);
    const b = await renderRedlineDocx(editedInput('zh'));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const xml = unzip(a)['word/document.xml']!;
    expect(xmlWellFormed(xml)).toBe(true);
    expect(xml).toMatch(/<w:strike\/>[\s\S]{0,200}<w:color w:val="B3261E"\/>|<w:color w:val="B3261E"\/>[\s\S]{0,200}<w:strike\/>/);
    expect(xml).toMatch(/<w:u w:val="single" w:color="146C2E"\/>/);
    expect(xml).toContain('林委員（民間）');
    expect(xml).toContain('民間補充');
    const both = unzip(await renderRedlineDocx(editedInput('both')))['word/document.xml']!;
    expect(xmlWellFormed(both)).toBe(true);
    expect(both).toContain('&lt;script&gt;');
  });
});

describe('GET /api/plans/:planId/redline.:format', () => {
  const C04 = 'c-04-access-to-information';
  const PLAN = 'plan-nap1';
  let tmp: ReturnType<typeof tempDir>;
  let server: TestServer;
  let agency: Peer;
  let viewerToken = '';
  let cycleId = '';

  beforeAll(async () => {
    tmp = tempDir();
    server = await startTestServer({ dataDir: tmp.dir });
    viewerToken = await signIn(over(server.url), DEMO.viewer);
  });
  afterAll(async () => {
    agency?.destroy();
    await server.close();
    tmp.remove();
  });

  const get = (path: string, token = viewerToken) => fetch(server.url + path, { headers: token ? bearer(token) : {} });

  it('answers 409 while no review cycle has a snapshot (no "last review" yet)', async () => {
    const res = await get(`/api/plans/${PLAN}/redline.html`);
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/no review cycle.*snapshot/i);
  });

  it('shows a change made after the cycle snapshot, with its author, struck and inserted text, escaped', async () => {
    const post = (path: string, body?: unknown) =>
      fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(server.token) }, body: JSON.stringify(body ?? {}) });
    cycleId = (await (await post(`/api/plans/${PLAN}/cycles`, { label: '第3次推動小組會議', meetingDate: '2021-04-30' })).json()).cycle.id;
    expect((await post(`/api/cycles/${cycleId}/snapshot`)).status).toBe(201);

    agency = await connectSynced(server.wsUrl, C04, await signIn(over(server.url), DEMO.agency));
    const ms = [...(agency.doc.getMap('milestones').keys())];
    const indicator = [...ms].map((id) => milestoneText(agency.doc, id, 'indicator', 'zh')).find((t) => t?.toString().includes('4 場'))!;
    const at = indicator.toString().indexOf('4 場');
    agency.doc.transact(() => {
      indicator.delete(at, 1);
      indicator.insert(at, '5');
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(`機關補充 ${HOSTILE}`)]);
      sectionFragment(agency.doc, 'problem', 'zh').push([p]);
      shortText(agency.doc, 'title', 'en').insert(0, 'EN ');
    });
    await waitFor(async () => {
      const c = (await (await get(`/api/commitments/${C04}`)).json()).commitment as CommitmentJSON;
      return c.title.en.startsWith('EN ') && JSON.stringify(c.sections.problem.zh).includes('機關補充');
    }, { what: 'the edits to be stored' });

    const res = await get(`/api/plans/${PLAN}/redline.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="plan-nap1_redline_cycle-cy-[a-z0-9-]+_live_zh\.html"/);
    const html = await res.text();
    const doc = parseHtml(html);
    expect(doc.querySelectorAll('article').length).toBe(1);
    expect(doc.querySelector('article h2')!.textContent).toContain('1-4');
    expect([...doc.querySelectorAll('del')].some((d) => d.textContent === '4')).toBe(true);
    expect([...doc.querySelectorAll('ins')].some((d) => d.textContent === '5')).toBe(true);
    expect([...doc.querySelectorAll('ins')].some((d) => d.textContent!.includes(`機關補充 ${HOSTILE}`))).toBe(true);
    expect(doc.body.textContent).toContain('王科長（法務部） · 政府機關 · ');
    expect(doc.querySelectorAll('script, img').length).toBe(0);
    expect(doc.body.textContent).toContain('第3次推動小組會議');
    // Chinese only by default: the English title edit is left out; lang=en shows only it.
    expect(doc.body.textContent).not.toContain('EN ');
    const en = parseHtml(await (await get(`/api/plans/${PLAN}/redline.html?lang=en&from=cycle:${cycleId}&to=live`)).text());
    expect([...en.querySelectorAll('main ins')].map((e) => e.textContent)).toEqual(['EN ']);
  });

  it('DOCX for the plan and for one commitment; stable bytes between snapshots; 400s name the parameter', async () => {
    const docx = await get(`/api/plans/${PLAN}/redline.docx?commitment=${C04}&from=cycle:${cycleId}`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers.get('content-disposition')).toContain(`redline_${C04}_`);
    expect(unzip(new Uint8Array(await docx.arrayBuffer()))['word/document.xml']).toContain('王科長（法務部）');

    // Two snapshots: immutable, cached, same bytes.
    const post = (path: string, body?: unknown) =>
      fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(server.token) }, body: JSON.stringify(body ?? {}) });
    const second = (await (await post(`/api/plans/${PLAN}/cycles`, { label: '第4次推動小組會議', meetingDate: '2021-08-30' })).json()).cycle.id;
    expect((await post(`/api/cycles/${second}/snapshot`)).status).toBe(201);
    const url = `/api/plans/${PLAN}/redline.docx?from=cycle:${cycleId}&to=cycle:${second}`;
    const [a, b] = [await get(url), await get(url)];
    expect(a.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(Buffer.from(await a.arrayBuffer()).equals(Buffer.from(await b.arrayBuffer()))).toBe(true);
    expect(a.headers.get('etag')).toBe(b.headers.get('etag'));

    const bad = async (query: string, param: RegExp) => {
      const res = await get(`/api/plans/${PLAN}/redline.html?${query}`);
      expect(res.status, query).toBe(400);
      expect((await res.json()).error.message).toMatch(param);
    };
    await bad('lang=fr', /"lang" \(got "fr"\): use one of zh, en, both/);
    await bad('from=yesterday', /"from".*"live", "cycle:<cycleId>" or "snapshot:<snapshotId>"/);
    await bad('commitment=c-nope', /"commitment" \(got "c-nope"\)/);
    const fmt = await get(`/api/plans/${PLAN}/redline.pdf`);
    expect(fmt.status).toBe(400);
    expect((await fmt.json()).error.message).toMatch(/html, docx/);
    expect((await get(`/api/plans/${PLAN}/redline.html`, '')).status).toBe(401);
  });
});
