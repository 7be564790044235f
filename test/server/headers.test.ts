/**
 * HTTP hygiene on real answers of a real server: security headers on every answer, the app
 * page's CSP allowing exactly its inline script (by hash), HSTS only on https, hashed assets
 * compressed and cached immutably while index.html is revalidated, unknown pages serving the
 * app and unknown API routes answering JSON.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';

const INLINE = "\n      try { document.documentElement.lang = 'en'; } catch (e) {}\n    ";
const INDEX = `<!doctype html><html><head><script>${INLINE}</script><script type="module" src="/assets/app-1a2b3c.js"></script></head><body><div id="root"></div></body></html>`;
const BUNDLE = `console.log(${JSON.stringify('共筆 '.repeat(5000))});`;

describe('security headers, CSP, compression and caching', () => {
  const tmp = tempDir();
  let server: TestServer;

  beforeAll(async () => {
    const client = join(tmp.dir, 'dist');
    mkdirSync(join(client, 'assets'), { recursive: true });
    writeFileSync(join(client, 'index.html'), INDEX);
    writeFileSync(join(client, 'assets', 'app-1a2b3c.js'), BUNDLE);
    server = await startTestServer({ dataDir: join(tmp.dir, 'data'), env: { GONGBI_CLIENT_DIR: client } });
  }, 60_000);
  afterAll(async () => {
    await server.close();
    tmp.remove();
  });

  it('[HY1] every answer (page, API, error) has nosniff, no framing and a same-origin referrer policy; HSTS only on https', async () => {
    for (const [path, headers] of [['/', {}], ['/api/health', {}], ['/api/plans', bearer(server.token)], ['/api/nothing', bearer(server.token)], ['/api/plans', {}]] as const) {
      const res = await fetch(server.url + path, { headers });
      await res.arrayBuffer();
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
    const proxied = await fetch(`${server.url}/api/health`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(proxied.headers.get('strict-transport-security')).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
  });

  it('[HY1] the app page\'s CSP allows its inline script by hash, and no other inline script or framing', async () => {
    for (const path of ['/', '/c/c-01-open-data-reuse', '/audit', '/reset-password/abc']) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toBe(INDEX);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const csp = res.headers.get('content-security-policy') ?? '';
      const hash = createHash('sha256').update(INLINE).digest('base64');
      expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
    }
  });

  it('[HY2] hashed assets are compressed and cached for a year as immutable', async () => {
    const res = await fetch(`${server.url}/assets/app-1a2b3c.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    // fetch decodes gzip itself; what arrived is the file, whole.
    expect(await res.text()).toBe(BUNDLE);
    const raw = await new Promise<Buffer>((resolve, reject) => {
      import('node:http').then(({ get }) =>
        get(`${server.url}/assets/app-1a2b3c.js`, { headers: { 'accept-encoding': 'gzip' } }, (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => resolve(Buffer.concat(chunks)));
        }).on('error', reject),
      );
    });
    expect(raw.length).toBeLessThan(Buffer.byteLength(BUNDLE) / 5);
    expect(gunzipSync(raw).toString()).toBe(BUNDLE);
    const missing = await fetch(`${server.url}/assets/nothing-here.js`);
    // A missing asset is a 404, never the app page cached for a year under the asset's name.
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control') ?? '').not.toContain('immutable');
  });

  it('[HY2] a known API path asked with another method answers 405 with Allow', async () => {
    for (const [method, path, allow] of [
      ['DELETE', '/api/plans', 'GET, HEAD, POST'],
      ['GET', '/api/auth/sign-in', 'POST'],
      ['PUT', '/api/plans/plan-nap1/export.docx', 'GET, HEAD'],
      ['POST', '/api/audit', 'GET, HEAD'],
    ] as const) {
      const res = await fetch(server.url + path, { method, headers: { ...bearer(server.token), 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow')).toBe(allow);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('method_not_allowed');
    }
  });

  it('[HY2] unknown API routes answer JSON 404, not the app page', async () => {
    const res = await fetch(`${server.url}/api/no-such-thing`, { headers: bearer(server.token) });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
