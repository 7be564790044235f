/**
 * What a page of another origin can make a signed-in browser do, tried against a real server
 * on a real port with the headers browsers send: change nothing over HTTP (HS1, HS2), send
 * no body but declared JSON (HS3), open no sync socket (HS4); and `?token=` signs in only on
 * /sync (HS5).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { shortText } from '../../shared/schema/index.js';
import { applyLoaded } from '../../server/sync/applyLoaded.js';
import { SESSION_COOKIE } from '../../server/auth/sessions.js';
import { DEMO, bearer } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { openRaw, synced, type Closed, type RawClient } from '../reliability/rawClient.js';

const PLAN = 'plan-nap1';
const DOC = 'c-01-open-data-reuse';
const C04 = 'c-04-access-to-information';
const CYCLE = { label: '跨站測試會議', meetingDate: '2021-06-30' };
const PUBLIC_ORIGIN = 'https://gongbi.example.gov.tw';

const json = (body: unknown) => JSON.stringify(body);
const cookie = (token: string) => ({ cookie: `${SESSION_COOKIE}=${token}` });

async function storedTitle(server: TestServer, doc = DOC): Promise<string> {
  const d = new Y.Doc();
  applyLoaded(d, await server.store.loadDocument(doc), null);
  return shortText(d, 'title', 'zh').toString();
}

/** Resolves with the close, or null when the socket is still open after `ms`. */
const closedWithin = (c: RawClient, ms: number) => Promise.race([c.closed, new Promise<null>((r) => setTimeout(() => r(null), ms))]);

describe('HTTP and sync from another origin (GONGBI_PUBLIC_ORIGIN empty: the request host)', () => {
  const tmp = tempDir();
  let server: TestServer;
  let token: string;
  let own: string;

  beforeAll(async () => {
    server = await startTestServer({ dataDir: tmp.dir });
    token = server.token;
    own = server.url;
  });
  afterAll(async () => {
    await server.close();
    tmp.remove();
  });

  const cycles = async () => ((await (await fetch(`${server.url}/api/plans/${PLAN}/cycles`, { headers: bearer(token) })).json()) as { cycles: unknown[] }).cycles.length;
  const createCycle = (headers: Record<string, string>, body = json(CYCLE)) =>
    fetch(`${server.url}/api/plans/${PLAN}/cycles`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('[HS1] a cookie-signed request that changes something, from a page of another origin, is refused 403 cross_origin; nothing changes', async () => {
    const before = await cycles();
    const attacks: Array<[string, Record<string, string>]> = [
      ['another site', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
      ['another port of the same host (same site: the Lax cookie is sent)', { origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'same-site' }],
      ['an Origin only, no Sec-Fetch-Site (plain http to a non-local host)', { origin: 'http://evil.example' }],
      ['Sec-Fetch-Site: cross-site without an Origin', { 'sec-fetch-site': 'cross-site' }],
      ['Sec-Fetch-Site: same-site without an Origin', { 'sec-fetch-site': 'same-site' }],
      ['a sandboxed page (Origin: null)', { origin: 'null' }],
      ['an Origin that is not one', { origin: '%%%' }],
      ['the right host on another port', { origin: own.replace(/:(\d+)$/, (_, p) => `:${Number(p) + 1}`) }],
    ];
    for (const [what, headers] of attacks) {
      const res = await createCycle({ ...cookie(token), ...headers });
      expect(res.status, what).toBe(403);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code, what).toBe('cross_origin');
      expect(body.error.message, what).toMatch(/其他網站.*another site/);
    }
    expect(await cycles()).toBe(before);

    // Every method that changes something: the title, a link, the session itself.
    const titleBefore = await storedTitle(server);
    const links = async () => JSON.stringify(await fetch(`${server.url}/api/commitments/${DOC}/links`, { headers: bearer(token) }).then((r) => r.json()));
    const linksBefore = await links();
    const evil = { ...cookie(token), origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' };
    expect((await fetch(`${server.url}/api/commitments/${DOC}`, { method: 'PATCH', headers: evil, body: json({ title: { zh: '被竄改', en: 'Hijacked' } }) })).status).toBe(403);
    expect((await fetch(`${server.url}/api/commitments/${DOC}/links`, { method: 'POST', headers: evil, body: json({ to: C04 }) })).status).toBe(403);
    expect((await fetch(`${server.url}/api/commitments/${DOC}/links/${C04}`, { method: 'DELETE', headers: evil })).status).toBe(403);
    expect((await fetch(`${server.url}/api/auth/sign-out`, { method: 'POST', headers: evil })).status).toBe(403);
    // Signing a victim in as the attacker (login CSRF) is refused the same way.
    expect((await fetch(`${server.url}/api/auth/sign-in`, { method: 'POST', headers: evil, body: json({ email: DEMO.viewer, password: 'gongbi-demo-2021' }) })).status).toBe(403);
    expect(await storedTitle(server)).toBe(titleBefore);
    expect(await links()).toBe(linksBefore);
    expect((await fetch(`${server.url}/api/auth/me`, { headers: cookie(token) })).status, 'the session survived the forged sign-out').toBe(200);
  });

  it('[HS1] the same requests from the server\'s own pages, and from scripts that send no Origin, are served', async () => {
    const before = await cycles();
    expect((await createCycle({ ...cookie(token), origin: own, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    expect((await createCycle({ ...cookie(token), origin: own.replace('http', 'HTTP') })).status, 'origins compare case-insensitively').toBe(201);
    expect((await createCycle(cookie(token))).status, 'a script with the cookie and no Origin').toBe(201);
    expect(await cycles()).toBe(before + 3);
    // Reading is not refused: another origin's page cannot read the answer anyway (no CORS).
    expect((await fetch(`${server.url}/api/plans/${PLAN}/cycles`, { headers: { ...cookie(token), origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } })).status).toBe(200);
  });

  it('[HS2] a request with a bearer token is a script\'s: its Origin does not matter', async () => {
    const before = await cycles();
    const res = await createCycle({ ...bearer(token), ...cookie(token), origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(201);
    expect(await cycles()).toBe(before + 1);
  });

  it('[HS3] a body that is not declared application/json is refused 415 on every route that reads one; nothing changes', async () => {
    const before = await cycles();
    const refused: Array<string | undefined> = ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'application/json; charset=latin1', 'text/json', undefined];
    for (const type of refused) {
      const headers: Record<string, string> = { ...bearer(token), ...(type ? { 'content-type': type } : {}) };
      const res = await fetch(`${server.url}/api/plans/${PLAN}/cycles`, { method: 'POST', headers, body: new TextEncoder().encode(json(CYCLE)) });
      expect(res.status, String(type)).toBe(415);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('unsupported_media_type');
      expect(body.error.message).toContain('Content-Type: application/json');
    }
    expect(await cycles()).toBe(before);
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8']) {
      expect((await fetch(`${server.url}/api/plans/${PLAN}/cycles`, { method: 'POST', headers: { ...bearer(token), 'content-type': type }, body: json(CYCLE) })).status, type).toBe(201);
    }
    // Routes without a session read their body the same way.
    const signInPlain = await fetch(`${server.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: json({ email: DEMO.viewer, password: 'gongbi-demo-2021' }) });
    expect(signInPlain.status).toBe(415);
    expect(signInPlain.headers.get('set-cookie')).toBeNull();
    // The public comment form, once a cycle is published.
    const cycle = ((await (await createCycle(bearer(token))).json()) as { cycle: { id: string } }).cycle.id;
    expect((await fetch(`${server.url}/api/cycles/${cycle}/snapshot`, { method: 'POST', headers: bearer(token) })).status).toBe(201);
    expect((await fetch(`${server.url}/api/cycles/${cycle}/publish`, { method: 'POST', headers: bearer(token) })).status).toBe(201);
    const comment = await fetch(`${server.url}/api/public/commitments/${DOC}/comments`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: json({ name: 'x', text: 'y', token: 'z' }) });
    expect(comment.status).toBe(415);
  });

  it('[HS4] a browser socket from a page of another origin is closed with 4403 and a reason; nothing it sends is stored', async () => {
    const titleBefore = await storedTitle(server);
    for (const origin of ['https://evil.example', 'http://127.0.0.1:1', 'null']) {
      const c = await openRaw(server.wsUrl, DOC, '', { headers: { ...cookie(token), origin } });
      shortText(c.doc, 'title', 'zh').insert(0, '跨站寫入');
      const closed = (await closedWithin(c, 3000)) as Closed | null;
      expect(closed, `${origin}: still open`).not.toBeNull();
      expect(closed!.code).toBe(4403);
      expect(closed!.reason).toMatch(/cross-origin/);
      expect(c.sync.synced).toBe(false);
    }
    // With the token in the URL, as the stock provider passes it, the same.
    const c = await openRaw(server.wsUrl, DOC, token, { headers: { origin: 'https://evil.example' } });
    shortText(c.doc, 'title', 'zh').insert(0, '跨站寫入');
    expect(((await closedWithin(c, 3000)) as Closed | null)?.code).toBe(4403);
    expect(await storedTitle(server)).toBe(titleBefore);
  });

  it('[HS4] the editor\'s own page (cookie, own Origin) and clients without an Origin (token) still sync', async () => {
    const page = await openRaw(server.wsUrl, DOC, '', { headers: { ...cookie(token), origin: own } });
    await synced(page);
    shortText(page.doc, 'title', 'zh').insert(0, '同源');
    await page.ack();
    const script = await openRaw(server.wsUrl, DOC, token);
    await synced(script);
    expect(shortText(script.doc, 'title', 'zh').toString()).toMatch(/^同源/);
    await page.close();
    await script.close();
  });

  it('[HS5] ?token= signs in only on /sync: every other route ignores it (401), and nothing changes', async () => {
    const before = await cycles();
    for (const path of ['/api/auth/me', `/api/commitments?plan=${PLAN}`, `/api/plans/${PLAN}/cycles`, `/api/plans/${PLAN}/export.json`]) {
      const res = await fetch(`${server.url}${path}${path.includes('?') ? '&' : '?'}token=${token}`);
      expect(res.status, path).toBe(401);
    }
    const post = await fetch(`${server.url}/api/plans/${PLAN}/cycles?token=${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json(CYCLE) });
    expect(post.status).toBe(401);
    expect(await cycles()).toBe(before);
    const sync = await openRaw(server.wsUrl, DOC, token);
    await synced(sync);
    await sync.close();
  });
});

describe('HTTP and sync with GONGBI_PUBLIC_ORIGIN set (behind a proxy)', () => {
  const tmp = tempDir();
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ dataDir: tmp.dir, env: { GONGBI_PUBLIC_ORIGIN: PUBLIC_ORIGIN + '/' } });
  });
  afterAll(async () => {
    await server.close();
    tmp.remove();
  });

  const createCycle = (origin: string) =>
    fetch(`${server.url}/api/plans/${PLAN}/cycles`, { method: 'POST', headers: { 'content-type': 'application/json', ...cookie(server.token), origin, 'sec-fetch-site': 'same-origin' }, body: json(CYCLE) });

  it('[HS1] only the configured origin may change things with the cookie, whatever Host the proxy passes', async () => {
    expect((await createCycle(PUBLIC_ORIGIN)).status).toBe(201);
    expect((await createCycle('https://GONGBI.example.gov.tw:443')).status).toBe(201);
    expect((await createCycle(server.url)).status, 'the Host itself is not the public origin').toBe(403);
    expect((await createCycle('http://gongbi.example.gov.tw')).status, 'another scheme is another origin').toBe(403);
    expect((await createCycle('https://evil.gongbi.example.gov.tw')).status).toBe(403);
  });

  it('[HS4] the sync socket accepts the configured origin and refuses the rest with 4403', async () => {
    const good = await openRaw(server.wsUrl, DOC, '', { headers: { ...cookie(server.token), origin: PUBLIC_ORIGIN } });
    await synced(good);
    await good.close();
    const bad = await openRaw(server.wsUrl, DOC, '', { headers: { ...cookie(server.token), origin: server.url } });
    expect(((await closedWithin(bad, 3000)) as Closed | null)?.code).toBe(4403);
    const script = await openRaw(server.wsUrl, DOC, server.token);
    await synced(script);
    await script.close();
  });

  it('[HS11] a GONGBI_PUBLIC_ORIGIN that is not an origin stops the server with a message naming it', async () => {
    const { loadConfig } = await import('../../server/config.js');
    for (const bad of ['gongbi.example.gov.tw', 'https://gongbi.example.gov.tw/app', 'ftp://x', 'https://user@x']) {
      expect(() => loadConfig({ GONGBI_PUBLIC_ORIGIN: bad }), bad).toThrow(/GONGBI_PUBLIC_ORIGIN: must be an origin/);
    }
    expect(loadConfig({}).publicOrigin).toBe('');
    expect(loadConfig({ GONGBI_PUBLIC_ORIGIN: 'HTTPS://Gongbi.Example.gov.tw:443/' }).publicOrigin).toBe(PUBLIC_ORIGIN);
  });
});
