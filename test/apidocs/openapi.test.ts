/**
 * `GET /api/openapi.json` describes every mounted /api route (whoever adds a route must
 * describe it in server/apidocs/routes.ts), each example passes its route's own zod schema,
 * and `GET /api/docs` is a self-contained page that passes the app's CSP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiPath, ROUTES } from '../../server/apidocs/index.js';
import { appPolicy } from '../../server/http/securityHeaders.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';

describe('API description', () => {
  const data = tempDir();
  let server: TestServer;
  let doc: any;
  beforeAll(async () => {
    server = await startTestServer({ dataDir: data.dir, seed: false });
    const res = await fetch(`${server.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    doc = await res.json();
  });
  afterAll(async () => {
    await server.close();
    data.remove();
  });

  it('[OA1] every mounted /api route is described, and every described route is mounted', () => {
    const mounted = new Set(server.gongbi.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${openApiPath(r.path)}`));
    expect(mounted.size).toBeGreaterThan(60);
    const described = new Set(Object.entries(doc.paths as Record<string, object>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    expect([...mounted].filter((r) => !described.has(r)), 'routes missing from server/apidocs/routes.ts').toEqual([]);
    expect([...described].filter((r) => !mounted.has(r)), 'described routes that are not mounted').toEqual([]);
  });

  it('[OA2] each described request body has an example its route schema accepts', () => {
    const withBody = ROUTES.filter((r) => r.body);
    expect(withBody.length).toBeGreaterThan(20);
    for (const r of withBody) {
      const parsed = r.body!.schema.safeParse(r.body!.example);
      expect(parsed.success, `${r.method} ${r.path}: ${parsed.error?.message}`).toBe(true);
      const op = doc.paths[openApiPath(r.path)][r.method.toLowerCase()];
      expect(op.requestBody.content['application/json'].example).toEqual(r.body!.example);
      expect(doc.components.schemas[r.body!.name]).toBeTruthy();
    }
  });

  it('[OA3] the document has the shape of OpenAPI 3.1: every $ref resolves, auth is said', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBeTruthy();
    expect(doc.components.securitySchemes.bearer.scheme).toBe('bearer');
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.filter((r) => !doc.components.schemas[r])).toEqual([]);
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const op of Object.values(ops)) {
        expect(op.summary, path).toMatch(/^[A-Z]/);
        expect(Array.isArray(op.security), path).toBe(true);
        expect(Object.keys(op.responses).length, path).toBeGreaterThan(0);
        const names = (op.parameters as any[]).filter((p) => p.in === 'path').map((p) => p.name);
        expect(names, path).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
      }
    }
    expect(doc.paths['/api/auth/sign-in'].post.security).toEqual([]);
    expect(doc.paths['/api/plans'].get.security).toEqual([{ bearer: [] }, { cookie: [] }]);
  });

  it('[OA4] /api/docs is HTML with the app policy and nothing from elsewhere', async () => {
    const res = await fetch(`${server.url}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(res.headers.get('content-security-policy')).toBe(appPolicy(html));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son\w+\s*=/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*"(https?:)?\/\//i);
    expect(html).toContain('/api/plans/{planId}/export.{format}');
    expect(html).toContain('Agencies and rights');
  });
});
