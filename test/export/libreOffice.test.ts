/**
 * ODF exports against a real server and a real LibreOffice (headless, serialised, few runs:
 * each takes seconds): the ODT is our DOCX converted, with the commitment tables in its
 * content.xml and the same bytes for a snapshot URL; the ODS is written directly and
 * LibreOffice opens it (converted to PDF and read back with pdftotext); without LibreOffice
 * the ODT answers 501 with a sentence saying what to do, and the ODS still works.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfficeConverter, SOFFICE_PATH } from '../../server/export/index.js';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { renderRedlineDocx, renderRedlineTableDocx } from '../../server/export/redline.js';
import { editedRedline, unzip, xmlWellFormed } from './fixtures.js';

const PLAN = 'plan-nap1';
const C04 = 'c-04-access-to-information';
const office = existsSync(SOFFICE_PATH);
const poppler = existsSync('/usr/bin/pdftotext');
if (!office) console.warn('LibreOffice (soffice) is not installed: the ODT and 修正對照表 conversions are skipped.');

let tmp: ReturnType<typeof tempDir>;
let server: TestServer;
let viewer = '';
let cycleId = '';
/** One converter for the file: its LibreOffice profile is made once (a fresh one costs seconds). */
const converter = new OfficeConverter();

const post = (path: string, body?: unknown) =>
  fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(server.token) }, body: JSON.stringify(body ?? {}) });
const get = (path: string) => fetch(server.url + path, { headers: bearer(viewer) });
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());
/** A PDF's text layer, in reading order of its layout. */
function pdfText(pdf: Uint8Array): string {
  const file = join(tmp.dir, `read-${Date.now()}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

beforeAll(async () => {
  tmp = tempDir();
  server = await startTestServer({ dataDir: tmp.dir });
  viewer = await signIn(over(server.url), DEMO.viewer);
  cycleId = (await (await post(`/api/plans/${PLAN}/cycles`, { label: '第3次推動小組會議', meetingDate: '2021-04-30' })).json()).cycle.id;
  expect((await post(`/api/cycles/${cycleId}/snapshot`)).status).toBe(201);
  // A public comment, approved and answered, and one still pending (not public: not listed).
  const by = { userId: 'u-x', name: '王科長', affiliation: 'agency' };
  const comment = (id: string, text: string) => ({
    id, planId: PLAN, commitmentId: C04, milestoneId: null, cycleId, name: '陳小姐', email: null, text, status: 'pending' as const,
    createdAt: Date.UTC(2021, 4, 3, 2), ipHash: 'h', moderatedBy: null, moderatedAt: null, response: null,
  });
  await server.store.addPublicComment(comment('pc-1', '請公開申請案件的處理時間統計'));
  await server.store.moderatePublicComment('pc-1', 'approved', by, Date.UTC(2021, 4, 4));
  await server.store.respondToPublicComment('pc-1', '將於每季公布處理時間', by, Date.UTC(2021, 4, 10, 1));
  await server.store.addPublicComment(comment('pc-2', '尚未審核的意見'));
  // A suggestion from a reader, declined with a reason: the decisions sheet files it.
  const suggested = await fetch(`${server.url}/api/commitments/${C04}/suggestions`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...bearer(viewer) }, body: JSON.stringify({ field: 'title', lang: 'zh', text: '政府資訊公開申請的線上化' }),
  });
  expect(suggested.status).toBe(201);
  const sid = (await suggested.json()).id as string;
  expect((await post(`/api/suggestions/${sid}/decline`, { reason: '與承諾範圍不符，留待下期討論' })).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await converter.close();
  await server.close();
  tmp.remove();
});

describe('ODS (written directly)', () => {
  it('holds the commitments, the milestone/KPI rows and the approved public comments with their responses', async () => {
    const res = await get(`/api/plans/${PLAN}/export.ods?version=cycle:${cycleId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.oasis.opendocument.spreadsheet');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const files = unzip(await bytesOf(res));
    expect(files.mimetype).toBe('application/vnd.oasis.opendocument.spreadsheet');
    const content = files['content.xml']!;
    expect(xmlWellFormed(content)).toBe(true);
    expect(content.match(/<table:table table:name="([^"]+)"/g)).toEqual(['<table:table table:name="承諾事項"', '<table:table table:name="里程碑與KPI"', '<table:table table:name="預算"', '<table:table table:name="公眾意見與回應"', '<table:table table:name="建議與決定"']);
    const milestoneRows = content.split('<table:table table:name="里程碑與KPI">')[1]!.split('</table:table>')[0]!.match(/<table:table-row>/g)!.length;
    const demo = (await (await get(`/api/commitments/${C04}`)).json()).commitment;
    expect(content).toContain(demo.milestones[0].indicator.zh);
    expect(milestoneRows).toBeGreaterThan(10);
    expect(content).toContain('office:value-type="date" office:date-value="');
    expect(content).toContain('請公開申請案件的處理時間統計');
    expect(content).toContain('將於每季公布處理時間');
    expect(content).not.toContain('尚未審核的意見');
    const decisions = content.split('<table:table table:name="建議與決定">')[1]!.split('</table:table>')[0]!;
    for (const cell of ['政府資訊公開申請的線上化', '不採納', '與承諾範圍不符，留待下期討論', '承諾事項名稱']) expect(decisions).toContain(cell);
  });

  it.skipIf(!office || !poppler)('opens in LibreOffice with every sheet readable', { timeout: 120_000 }, async () => {
    const ods = await bytesOf(await get(`/api/plans/${PLAN}/export.ods?version=cycle:${cycleId}&lang=en`));
    const text = pdfText(await converter.convert(ods, 'ods', 'pdf'));
    // Calc heads each printed page with its sheet's name.
    for (const sheet of ['Commitments', 'Milestones and KPIs', 'Budget', 'Public comments and responses', 'Suggestions and decisions']) expect(text).toContain(sheet);
    expect(text).toContain('Declined');
    expect(text).toContain('Improving the system for opening and reusing');
    expect(text).toContain('將於每季公布處理時間');
    expect(text).toContain('2021-05-10');
  });
});

describe.skipIf(!office)('ODT (our DOCX converted by LibreOffice)', () => {
  it('has the commitment table in content.xml, and the same bytes again for the snapshot URL', { timeout: 180_000 }, async () => {
    const url = `/api/plans/${PLAN}/export.odt?version=cycle:${cycleId}&commitment=${C04}`;
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.oasis.opendocument.text');
    const bytes = await bytesOf(res);
    const files = unzip(bytes);
    expect(files.mimetype).toBe('application/vnd.oasis.opendocument.text');
    const content = files['content.xml']!;
    const demo = (await (await get(`/api/commitments/${C04}`)).json()).commitment;
    for (const s of [demo.title.zh, '權責機關', demo.leadAgency.zh, demo.milestones[0].indicator.zh, '會議日期：</text:span>中華民國110年4月30日']) expect(content).toContain(s);
    expect(content).toMatch(/<table:table /);
    // The footer's page fields survive the conversion.
    expect(files['styles.xml']).toMatch(/<text:page-number/);
    const again = await bytesOf(await get(url));
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it.skipIf(!poppler)('reads back in LibreOffice: the whole plan in English, every commitment with its table and the page footer', { timeout: 240_000 }, async () => {
    const res = await get(`/api/plans/${PLAN}/export.odt?lang=en`);
    expect(res.status).toBe(200);
    {
      const text = pdfText(await converter.convert(await bytesOf(res), 'odt', 'pdf'));
      const bare = (s: string) => s.replace(/\s+/g, '');
      const plan = (await (await get(`/api/plans/${PLAN}`)).json()) as { commitments: Array<{ number: string; title: { en: string } }> };
      expect(plan.commitments.length).toBe(19);
      for (const c of plan.commitments) expect(bare(text), c.number).toContain(bare(`${c.number} ${c.title.en}`));
      expect(text).toContain('Lead agency');
      // The cover has no footer; the pages after it are numbered.
      expect(text).toMatch(/Page 2 of \d+/);
    }
  });
});

describe.skipIf(!office || !poppler)('DOCX contents with page numbers', () => {
  it('writes a snapshot DOCX whose contents show, in LibreOffice, the pages the commitments are on', { timeout: 240_000 }, async () => {
    const res = await get(`/api/plans/${PLAN}/export.docx?version=cycle:${cycleId}`);
    expect(res.status).toBe(200);
    const docx = await bytesOf(res);
    let pages: string[];
    {
      const file = join(tmp.dir, `toc-${Date.now()}.pdf`);
      writeFileSync(file, await converter.convert(docx, 'docx', 'pdf'));
      const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
      pages = Array.from({ length: count }, (_, i) => execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', file, '-'], { encoding: 'utf8' }));
    }
    const toc = pages[1]!;
    const plan = (await (await get(`/api/plans/${PLAN}`)).json()) as { commitments: Array<{ number: string }> };
    for (const { number } of plan.commitments) {
      const line = toc.split('\n').find((l) => l.trim().startsWith(`${number} `));
      const page = Number(/(\d+)\s*$/.exec(line ?? '')?.[1]);
      expect(page, `${number}: ${line}`).toBeGreaterThan(2);
      const heading = new RegExp(`^\\s*${number.replace(/-/g, '\\-')}\\s+\\S`, 'm');
      expect(pages[page - 1], `${number} on page ${page}`).toMatch(heading);
      // (page 2 is the contents itself)
      if (page > 3) expect(pages[page - 2], `${number} not before page ${page}`).not.toMatch(heading);
    }
  });
});

describe.skipIf(!office || !poppler)('PDF/A (our DOCX printed by LibreOffice)', () => {
  it('declares PDF/A-2b, embeds every font, is tagged, and holds the commitment', { timeout: 180_000 }, async () => {
    const res = await get(`/api/plans/${PLAN}/export.pdfa?version=cycle:${cycleId}&commitment=${C04}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/\.pdf"/);
    const pdf = await bytesOf(res);
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(raw).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    const file = join(tmp.dir, 'archive.pdf');
    writeFileSync(file, pdf);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
    expect(fonts.length).toBeGreaterThan(0);
    // The "emb" column: every font is embedded, as PDF/A requires.
    for (const line of fonts) expect(line, line).toMatch(/\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
    const demo = (await (await get(`/api/commitments/${C04}`)).json()).commitment;
    expect(pdfText(pdf).replace(/\s+/g, '')).toContain(demo.title.zh);
    // A snapshot's archive PDF is made once: the same bytes again.
    expect(Buffer.from(await bytesOf(await get(`/api/plans/${PLAN}/export.pdfa?version=cycle:${cycleId}&commitment=${C04}`))).equals(Buffer.from(pdf))).toBe(true);
  });
});

describe.skipIf(!office || !poppler)('redline and 修正對照表 in LibreOffice', () => {

  it('keeps every tracked change, with its author, so it can be accepted or rejected', { timeout: 120_000 }, async () => {
    const docx = await renderRedlineDocx(editedRedline('zh'));
    const xml = unzip(docx)['word/document.xml']!;
    const expected = (xml.match(/<w:ins /g) ?? []).length + (xml.match(/<w:del /g) ?? []).length;
    const content = unzip(await converter.convert(docx, 'docx', 'odt'))['content.xml']!;
    expect(content).toContain('<text:tracked-changes');
    const regions = content.match(/<text:changed-region /g) ?? [];
    expect(regions.length).toBe(expected);
    expect((content.match(/<text:insertion>/g) ?? []).length).toBe((xml.match(/<w:ins /g) ?? []).length);
    expect((content.match(/<text:deletion>/g) ?? []).length).toBe((xml.match(/<w:del /g) ?? []).length);
    const creators = new Set([...content.matchAll(/<dc:creator>([^<]*)<\/dc:creator>/g)].map((m) => m[1]));
    expect(creators).toEqual(new Set(['林委員（民間）（民間）', '王科長（法務部）（政府機關）']));
    expect(content).toContain('<dc:date>2021-03-03T01:00:00</dc:date>');
  });

  it('lays the 修正對照表 out as three columns, 修正後 / 現行 / 說明, with the versions and page numbers in the footer', { timeout: 120_000 }, async () => {
    const text = pdfText(await converter.convert(await renderRedlineTableDocx(editedRedline('zh')), 'docx', 'pdf'));
    expect(text).toMatch(/修正後\s+現行\s+說明/);
    // The status row reads across: new value, old value, then the field and who changed it.
    expect(text).toMatch(/審查中\s+草擬中\s+狀態/);
    // pdftotext puts spaces between CJK and digits: 第 3 次, 中華民國 110 年.
    expect(text).toMatch(/第\s*3\s*次推動小組會議（中華民國\s*110\s*年\s*4\s*月\s*30\s*日 10:00） →[\s\S]{0,200}第 1 頁／共 \d+ 頁/);
  });

  it('serves the 修正對照表 as ODT from the route', { timeout: 120_000 }, async () => {
    const res = await get(`/api/plans/${PLAN}/redline.odt?layout=table&from=cycle:${cycleId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.oasis.opendocument.text');
    expect(res.headers.get('content-disposition')).toContain('_amendments_');
    const content = unzip(await bytesOf(res))['content.xml']!;
    expect(content).toContain('修正對照表');
  });
});

describe('without LibreOffice', () => {
  it('answers 501 for ODT with a sentence saying what to do, and still serves the ODS', async () => {
    const dir = tempDir();
    const bare = await startTestServer({ dataDir: dir.dir, env: { GONGBI_SOFFICE: '/nonexistent/soffice' } });
    try {
      const res = await fetch(`${bare.url}/api/plans/${PLAN}/export.odt`, { headers: bearer(bare.token) });
      expect(res.status).toBe(501);
      const body = await res.json();
      expect(body.error.code).toBe('odf_unavailable');
      expect(body.error.message).toContain('/nonexistent/soffice');
      expect(body.error.message).toContain('DOCX');
      expect((await fetch(`${bare.url}/api/plans/${PLAN}/export.ods`, { headers: bearer(bare.token) })).status).toBe(200);
      const archive = await fetch(`${bare.url}/api/plans/${PLAN}/export.pdfa`, { headers: bearer(bare.token) });
      expect(archive.status).toBe(501);
      expect((await archive.json()).error.code).toBe('odf_unavailable');
      const redline = await fetch(`${bare.url}/api/plans/${PLAN}/redline.odt?layout=table&from=live`, { headers: bearer(bare.token) });
      expect(redline.status).toBe(501);
      expect((await redline.json()).error.code).toBe('odf_unavailable');
    } finally {
      await bare.close();
      dir.remove();
    }
  });
});
