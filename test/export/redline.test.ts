/**
 * The redline export: pure rendering (struck deletions, underlined insertions, authors,
 * escaping, byte-stable DOCX) and the route against a real server (a change made after a
 * review-cycle snapshot shows up with its author).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfAvailable } from '../../server/export/pdf.js';
import { milestoneText, sectionFragment, shortText, type CommitmentJSON } from '../../shared/schema/index.js';
import { renderRedlineDocx, renderRedlineHtml, renderRedlineTableDocx, renderRedlineTableHtml, type RedlineInput } from '../../server/export/redline.js';
import { redlineSections } from '../../server/export/redlineModel.js';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { connectSynced, type Peer } from '../helpers/peers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { HOSTILE, editedRedline as editedInput, parseHtml, unzip, xmlWellFormed } from './fixtures.js';

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
  it('writes every insertion and deletion as a tracked change with its author and time, and the same bytes every time', async () => {
    const input = editedInput('zh');
    const a = await renderRedlineDocx(input);
    const b = await renderRedlineDocx(editedInput('zh'));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const xml = unzip(a)['word/document.xml']!;
    expect(xmlWellFormed(xml)).toBe(true);
    // One w:ins / w:del per inserted / deleted line of the model, none left as mere colour.
    const lines = (op: string) =>
      redlineSections(input).flatMap((s) => s.items.flatMap((it) => it.paras.flatMap((p) => p.runs.filter((r) => r.op === op && r.text !== '').flatMap((r) => r.text.split('\n'))))).length;
    const ins = [...xml.matchAll(/<w:ins w:id="(\d+)" w:author="([^"]*)" w:date="([^"]*)">/g)];
    const del = [...xml.matchAll(/<w:del w:id="(\d+)" w:author="([^"]*)" w:date="([^"]*)">/g)];
    expect(ins.length).toBe(lines('insert'));
    expect(del.length).toBe(lines('delete'));
    expect(ins.length).toBeGreaterThan(3);
    expect(del.length).toBeGreaterThan(2);
    expect(new Set([...ins, ...del].map((m) => m[1])).size).toBe(ins.length + del.length);
    const authors = new Set([...ins, ...del].map((m) => `${m[2]} @ ${m[3]}`));
    expect(authors).toEqual(new Set(['林委員（民間）（民間） @ 2021-03-02T06:05:00Z', '王科長（法務部）（政府機關） @ 2021-03-03T01:00:00Z']));
    // Deleted text is w:delText (Word shows it struck until rejected or accepted).
    expect(xml).toMatch(/<w:del [^>]*><w:r>(?:<w:rPr>.*?<\/w:rPr>)?<w:delText[^>]*>[^<]*4[^<]*<\/w:delText>/);
    expect(xml).toMatch(/<w:ins [^>]*>[\s\S]{0,400}<w:t[^>]*>[^<]*民間補充/);
    // Footer: the two versions and the page numbers.
    const footer = Object.entries(unzip(a)).find(([n]) => /^word\/footer\d+\.xml$/.test(n))![1];
    expect(footer).toContain('第3次推動小組會議');
    expect(footer).toContain('PAGE');
    expect(footer).toContain('NUMPAGES');
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

  it.skipIf(!pdfAvailable() || !existsSync('/usr/bin/pdftotext'))('the 修正對照表 as a PDF reads across its three columns', { timeout: 120_000 }, async () => {
    const res = await get(`/api/plans/${PLAN}/redline.pdf?layout=table&commitment=${C04}&from=cycle:${cycleId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'gongbi-redline-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), new Uint8Array(await res.arrayBuffer()));
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toMatch(/修正後\s+現行\s+說明/);
      expect(text).toMatch(/辦理\s*5\s*場[^\n]*辦理\s*4\s*場/);
      expect(text).toContain('修改者：');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
    const fmt = await get(`/api/plans/${PLAN}/redline.rtf`);
    expect(fmt.status).toBe(400);
    expect((await fmt.json()).error.message).toMatch(/html, docx, odt, pdf/);
    await bad('layout=grid', /"layout" \(got "grid"\): use one of list, table/);
    expect((await get(`/api/plans/${PLAN}/redline.html`, '')).status).toBe(401);
  });
});

describe('the 修正對照表 (table layout)', () => {
  it('puts each changed field in a row of 修正後 / 現行 / 說明, insertions only on the left, deletions only in the middle', () => {
    const doc = parseHtml(renderRedlineTableHtml(editedInput('zh')));
    expect([...doc.querySelectorAll('table.amend thead th')].map((e) => e.textContent)).toEqual(['修正後', '現行', '說明']);
    const rows = [...doc.querySelectorAll('table.amend tbody tr')];
    expect(rows.length).toBe(redlineSections(editedInput('zh'))[0]!.items.length);
    for (const r of rows) {
      const [amended, current] = [...r.querySelectorAll('td')];
      expect(amended!.querySelector('del')).toBeNull();
      expect(current!.querySelector('ins')).toBeNull();
    }
    const indicator = rows.find((r) => r.querySelector('td:nth-child(3)')!.textContent!.includes('可量化'))!;
    expect(indicator.querySelector('td:nth-child(1) ins')!.textContent).toContain('5');
    expect(indicator.querySelector('td:nth-child(2) del')!.textContent).toContain('4');
    expect(indicator.querySelector('td:nth-child(3)')!.textContent).toContain('王科長（法務部）');
    expect(doc.body.innerHTML).not.toContain('<script>');
  });

  it('writes the same table to DOCX with a repeated header row, marked cells and the versions in the footer', async () => {
    const bytes = await renderRedlineTableDocx(editedInput('zh'));
    const files = unzip(bytes);
    const xml = files['word/document.xml']!;
    expect(xmlWellFormed(xml)).toBe(true);
    expect(xml).toContain('<w:tblHeader/>');
    for (const h of ['修正後', '現行', '說明', '修正對照表']) expect(xml).toContain(h);
    expect(xml).toMatch(/<w:u w:val="single" w:color="146C2E"\/>/);
    expect(xml).toMatch(/<w:strike\/>/);
    expect(Buffer.from(bytes).equals(Buffer.from(await renderRedlineTableDocx(editedInput('zh'))))).toBe(true);
  });
});
