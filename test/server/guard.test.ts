/**
 * HS13: the API's one sign-in guard, over a real server: every /api/ route the app mounts
 * answers 401 without a session unless the guard's table of public routes names it, and each
 * public route answers without one. A route added without thought is therefore closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_ROUTES, isPublicRoute } from '../../server/http/guard.js';
import { patternRegExp } from '../../server/http/methods.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';

let tmp: ReturnType<typeof tempDir>;
let server: TestServer;

beforeAll(async () => {
  tmp = tempDir();
  server = await startTestServer({ dataDir: tmp.dir });
});
afterAll(async () => {
  await server.close();
  tmp.remove();
});

/** The app's own API routes (method and pattern), middleware left out. */
const apiRoutes = () =>
  [...new Set(server.gongbi.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`))].map((k) => {
    const [method, path] = k.split(' ') as [string, string];
    return { method, path, url: path.replace(/:\w+/g, 'x').replace(/\*/g, 'x') };
  });

describe('HS13 one deny-by-default sign-in guard', () => {
  it('every API route not in the public table answers 401 unauthorized without a session', async () => {
    const routes = apiRoutes().filter((r) => !isPublicRoute(r.method, r.url));
    // The sweep must cover the feature routes, not an empty list.
    expect(routes.length).toBeGreaterThan(60);
    const open: string[] = [];
    for (const r of routes) {
      const res = await fetch(server.url + r.url, { method: r.method });
      const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
      if (res.status !== 401 || body?.error?.code !== 'unauthorized') open.push(`${r.method} ${r.path} → ${res.status}`);
    }
    expect(open).toEqual([]);
  });

  it('each public route answers without a session, and every entry of the table is a mounted route', async () => {
    const routes = apiRoutes();
    for (const [method, pattern] of PUBLIC_ROUTES) {
      const re = patternRegExp(pattern);
      expect(routes.some((r) => r.method === method && re.test(r.url)), `${method} ${pattern} is mounted`).toBe(true);
    }
    const closed: string[] = [];
    for (const r of routes.filter((x) => isPublicRoute(x.method, x.url))) {
      const res = await fetch(server.url + r.url, { method: r.method });
      if (res.status === 401) closed.push(`${r.method} ${r.path}`);
    }
    expect(closed).toEqual([]);
  });

  it('with a session the guard lets signed-in routes through; HEAD is GET; other methods on public paths still need a session', async () => {
    const auth = { authorization: `Bearer ${server.token}` };
    expect((await fetch(`${server.url}/api/plans`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${server.url}/api/public/plans`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${server.url}/api/public/plans`, { method: 'DELETE' })).status).toBe(401);
    expect((await fetch(`${server.url}/api/no-such-route`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/no-such-route`, { headers: auth })).status).toBe(404);
  });
});
