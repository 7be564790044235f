/**
 * The export routes against a real server with the demo plan: every format and scope from a
 * review-cycle snapshot and from the live text, stable bytes per snapshot URL (PDFs from the
 * disk cache), caching headers, and clear 400/401/404/501 answers.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../../server/export/index.js';
import { pdfAvailable } from '../../server/export/pdf.js';
import { canonicalJSON, sha256Hex } from '../../server/versions/index.js';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { parseHtml, unzip } from './fixtures.js';

const PLAN = 'plan-nap1';
const C04 = 'c-04-access-to-information';
const chromium = pdfAvailable();

let tmp: ReturnType<typeof tempDir>;
let server: TestServer;
let viewer = '';
let cycleId = '';

beforeAll(async () => {
  tmp = tempDir();
  server = await startTestServer({ dataDir: tmp.dir });
  viewer = await signIn(over(server.url), DEMO.viewer);
  const post = (path: string, body?: unknown) =>
    fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(server.token) }, body: JSON.stringify(body ?? {}) });
  cycleId = (await (await post(`/api/plans/${PLAN}/cycles`, { label: '第3次推動小組會議 核定本', meetingDate: '2021-04-30' })).json()).cycle.id;
  expect((await post(`/api/cycles/${cycleId}/snapshot`)).status).toBe(201);
});
afterAll(async () => {
  await server.close();
  tmp.remove();
});

const get = (path: string, headers: Record<string, string> = bearer(viewer)) => fetch(server.url + path, { headers });
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe('GET /api/plans/:planId/export.:format', () => {
  const formats = (Object.keys(FORMATS) as Array<keyof typeof FORMATS>).filter((f) => f !== 'pdf' || chromium);

  for (const format of formats) {
    it(`${format}: 200 from a cycle snapshot with type, attachment name and immutable caching (any signed-in role)`, { timeout: 120_000 }, async () => {
      const res = await get(`/api/plans/${PLAN}/export.${format}?version=cycle:${cycleId}&lang=zh`);
      expect(res.status, await res.clone().text().then((t) => t.slice(0, 300))).toBe(200);
      expect(res.headers.get('content-type')).toBe(FORMATS[format].contentType);
      expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="plan-nap1_plan_[a-z0-9-]+_zh\\.${format}"; filename\\*=UTF-8''`));
      expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toContain('第3次推動小組會議-核定本');
      expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
      expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      if (format === 'html') expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      expect((await bytesOf(res)).length).toBeGreaterThan(500);
    });
  }

  it('the same snapshot URL gives the same bytes (DOCX), and a matching ETag is a 304', async () => {
    const url = `/api/plans/${PLAN}/export.docx?version=cycle:${cycleId}&lang=both`;
    const a = await get(url);
    const b = await get(url);
    expect(Buffer.from(await bytesOf(a)).equals(Buffer.from(await bytesOf(b)))).toBe(true);
    const again = await get(url, { ...bearer(viewer), 'if-none-match': a.headers.get('etag')! });
    expect(again.status).toBe(304);
    const doc = unzip(await bytesOf(await get(url)))['word/document.xml']!;
    expect(doc).toContain('第3次推動小組會議 核定本');
    expect(doc).toContain('中華民國110年4月30日（30 April 2021）');
  });

  it.skipIf(!chromium)('the same snapshot URL gives the same PDF bytes: printed once, then served from <dataDir>/exports', { timeout: 180_000 }, async () => {
    const url = `/api/plans/${PLAN}/export.pdf?version=cycle:${cycleId}&commitment=${C04}&lang=en`;
    const first = await bytesOf(await get(url));
    const cached = readdirSync(join(tmp.dir, 'exports')).filter((f) => f.endsWith('.pdf'));
    expect(cached.length).toBeGreaterThanOrEqual(1);
    for (const f of cached) expect(f).toMatch(/^[0-9a-f]{64}\.pdf$/);
    const started = performance.now();
    const second = await bytesOf(await get(url));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    expect(new TextDecoder().decode(first.slice(0, 5))).toBe('%PDF-');
  });

  it('live exports say "live", carry today and the content hash, and are never cached', async () => {
    const res = await get(`/api/plans/${PLAN}/export.json?commitment=${C04}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toContain(`filename="plan-nap1_commitment-${C04}_live_zh.json"`);
    const json = JSON.parse(new TextDecoder().decode(await bytesOf(res)));
    const text = JSON.stringify(json);
    expect(json.commitments.map((c: { id: string }) => c.id)).toEqual([C04]);
    expect(json.version).toMatchObject({ label: 'live', date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const live = (await (await get(`/api/commitments/${C04}`)).json()).commitment;
    expect(text).toContain(sha256Hex(canonicalJSON(live)));
    expect(existsSync(join(tmp.dir, 'exports'))).toBe(chromium);
  });

  it('a domain export holds only that domain; a one-commitment snapshot export prints the snapshot hash', async () => {
    const plan = (await (await get(`/api/plans/${PLAN}`)).json()).plan;
    const domain = plan.domains[3];
    const md = new TextDecoder().decode(await bytesOf(await get(`/api/plans/${PLAN}/export.md?domain=${domain.id}&version=cycle:${cycleId}`)));
    expect(md).toContain(domain.name.zh);
    expect(md).not.toContain(plan.domains[0].name.zh);
    const snaps = (await (await get(`/api/cycles/${cycleId}/snapshots`)).json()).snapshots as Array<{ id: string; docName: string; hash: string }>;
    const c04 = snaps.find((s) => s.docName === C04)!;
    const html = new TextDecoder().decode(await bytesOf(await get(`/api/plans/${PLAN}/export.html?version=snapshot:${c04.id}&commitment=${C04}`)));
    const doc = parseHtml(html);
    expect(doc.querySelectorAll('article.commitment')).toHaveLength(1);
    expect(doc.querySelector('.title-page')!.textContent).toContain(c04.hash);
    expect(doc.querySelector('.title-page')!.textContent).toContain('第3次推動小組會議 核定本');
  });

  it('bad parameters are 400s naming the parameter and the accepted values', async () => {
    const bad = async (path: string, message: RegExp) => {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect((await res.json()).error.message, path).toMatch(message);
    };
    await bad(`/api/plans/${PLAN}/export.exe`, /format "exe".*docx, pdf, html, md, json, csv/);
    await bad(`/api/plans/${PLAN}/export.docx?lang=fr`, /"lang" \(got "fr"\): use one of zh, en, both/);
    await bad(`/api/plans/${PLAN}/export.docx?version=yesterday`, /"version" \(got "yesterday"\).*"live", "cycle:<cycleId>" or "snapshot:<snapshotId>"/);
    await bad(`/api/plans/${PLAN}/export.docx?domain=nope`, /"domain" \(got "nope"\): use one of d\d|"domain" \(got "nope"\): use one of/);
    await bad(`/api/plans/${PLAN}/export.docx?domain=x&commitment=y`, /"domain" and "commitment"/);
    await bad(`/api/plans/${PLAN}/export.docx?commitment=c-nope`, /"commitment" \(got "c-nope"\)/);
    await bad(`/api/plans/${PLAN}/export.docx?commitment=../../etc`, /"commitment"/);
    const unknown = await get(`/api/plans/${PLAN}/export.docx?version=cycle:cy_000000`);
    expect(unknown.status).toBe(404);
    expect((await get(`/api/plans/plan-nope/export.docx`)).status).toBe(404);
  });

  it('401 without a session', async () => {
    const res = await get(`/api/plans/${PLAN}/export.docx`, {});
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthorized');
  });

  it.skipIf(chromium)('PDF without Chromium is a 501 that says what to do instead', async () => {
    const res = await get(`/api/plans/${PLAN}/export.pdf`);
    expect(res.status).toBe(501);
    expect((await res.json()).error.message).toMatch(/PDF export is not available.*Export DOCX or HTML instead/);
  });
});
