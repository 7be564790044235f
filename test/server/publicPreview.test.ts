/**
 * Link previews of public pages: `/public/plans/:id` and `/public/c/:id` carry their own
 * `<title>`, description and `og:` tags once a version is published (chat apps read them
 * without running scripts); nothing is described before publication, and signed-in pages
 * never describe the live text.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';

const PLAN = 'plan-nap1';
const C04 = 'c-04-access-to-information';
let tmp: ReturnType<typeof tempDir>;
let server: TestServer;

const page = async (path: string) => {
  const res = await fetch(server.url + path);
  return { status: res.status, html: await res.text(), csp: res.headers.get('content-security-policy') ?? '' };
};
const og = (html: string, property: string) => new RegExp(`<meta property="og:${property}" content="([^"]*)" />`).exec(html)?.[1] ?? null;
const post = (path: string, body?: unknown) =>
  fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(server.token) }, body: JSON.stringify(body ?? {}) });

beforeAll(async () => {
  tmp = tempDir('gongbi-preview-');
  // The app page as the build writes it (its head is what matters here), without building the client.
  const clientDir = join(tmp.dir, 'client');
  mkdirSync(clientDir, { recursive: true });
  copyFileSync(join(import.meta.dirname, '../../client/index.html'), join(clientDir, 'index.html'));
  server = await startTestServer({ dataDir: join(tmp.dir, 'data'), env: { GONGBI_CLIENT_DIR: clientDir } });
});
afterAll(async () => {
  await server?.close();
  tmp?.remove();
});

describe('[UI12] link previews of public pages', () => {
  it('before publication: the generic title, no og: tags', async () => {
    const p = await page(`/public/c/${C04}`);
    expect(p.status).toBe(200);
    expect(p.html).toContain('<title>共筆 Gongbi</title>');
    expect(og(p.html, 'title')).toBeNull();
  });

  it('after publication: the commitment and the plan pages name themselves; the CSP is unchanged; private pages stay generic', async () => {
    const before = await page(`/public/c/${C04}`);
    const cycle = (await (await post(`/api/plans/${PLAN}/cycles`, { label: '第一次審查會議', meetingDate: '2021-04-30' })).json()).cycle.id as string;
    expect((await post(`/api/cycles/${cycle}/snapshot`)).status).toBe(201);
    expect((await post(`/api/cycles/${cycle}/publish`)).status).toBe(201);

    const c = await page(`/public/c/${C04}`);
    const title = og(c.html, 'title');
    expect(title).toMatch(/^\S+ .+｜/);
    expect(title).toContain('資訊');
    expect(c.html).toContain(`<title>${title}</title>`);
    expect(og(c.html, 'description')).toMatch(/權責機關 Lead agency：法務部/);
    expect(og(c.html, 'description')).toContain('第一次審查會議');
    expect(c.html).toMatch(/<meta name="description" content="[^"]*法務部[^"]*" \/>/);
    expect(c.csp).toBe(before.csp);

    const plan = await page(`/public/plans/${PLAN}`);
    expect(og(plan.html, 'title')).toMatch(/｜共筆 Gongbi$/);
    expect(og(plan.html, 'description')).toMatch(/19 項承諾事項/);

    for (const path of [`/c/${C04}`, `/plans/${PLAN}`, '/public/c/no-such-commitment', '/public/c/%E0%A4%A']) {
      const p = await page(path);
      expect(og(p.html, 'title'), path).toBeNull();
      expect(p.html, path).toContain('<title>共筆 Gongbi</title>');
    }
  });
});
