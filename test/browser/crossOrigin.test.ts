/**
 * A page served from another origin, opened in the browser of a signed-in coordinator (same
 * context, so the session cookie is there): it cannot create a review cycle over HTTP — with
 * fetch and `credentials: 'include'`, nor with an HTML form — nor write into a title over a
 * sync WebSocket. The attacker's page is on the same host, another port: the same *site*, so
 * the SameSite=Lax cookie does go with its requests, and only the origin checks stop them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { shortText } from '../../shared/schema/index.js';
import { MSG } from '../../shared/protocol/messages.js';
import { COORDINATOR, DEMO_PASSWORD, hasChromium, newPerson } from './helpers.js';
import { browser, server, useBrowser } from './fixture.js';

const PLAN = 'plan-nap1';
const DOC = 'c-01-open-data-reuse';
const MARK = '跨站寫入';

/** `[sync, update, …]` inserting MARK at the start of the Chinese title: needs nothing the server lacks. */
function titleUpdateMessage(): number[] {
  const doc = new Y.Doc();
  shortText(doc, 'title', 'zh').insert(0, MARK);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.sync);
  syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc));
  return [...encoding.toUint8Array(e)];
}

/** The attacker's page: everything a page can do to another origin without its consent. */
function attackerPage(target: string): string {
  const wsTarget = target.replace(/^http/, 'ws');
  const body = JSON.stringify({ label: '偽造的會議', meetingDate: '2021-12-31' });
  // enctype=text/plain sends `name=value`: a name holding JSON and a value closing it makes a JSON body.
  const [formName, formValue] = [body.slice(0, -2) + ',"x":"', '"}'];
  const update = JSON.stringify(titleUpdateMessage());
  return `<!doctype html><meta charset="utf-8"><title>attacker</title>
<iframe name="sink" id="sink"></iframe>
<form id="form" method="POST" action="${target}/api/plans/${PLAN}/cycles" enctype="text/plain" target="sink">
  <input type="hidden" name='${formName.replace(/'/g, '&#39;')}' value='${formValue}'>
</form>
<script>
window.results = {};
(async () => {
  const url = ${JSON.stringify(`${target}/api/plans/${PLAN}/cycles`)};
  // A simple request (text/plain): the browser sends it with the cookie, no preflight.
  try {
    await fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: ${JSON.stringify(body)} });
    window.results.simpleFetch = 'sent';
  } catch (e) { window.results.simpleFetch = 'error ' + e; }
  // A JSON request needs the server's consent first (CORS preflight), which it never gives.
  try {
    await fetch(url, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(body)} });
    window.results.jsonFetch = 'sent';
  } catch (e) { window.results.jsonFetch = 'blocked'; }
  // A sync socket carries the cookie too; WebSockets know no CORS.
  await new Promise((resolve) => {
    const ws = new WebSocket(${JSON.stringify(`${wsTarget}/sync/${DOC}`)});
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => { window.results.wsOpened = true; ws.send(new Uint8Array(${update})); };
    ws.onmessage = () => { window.results.wsMessages = (window.results.wsMessages || 0) + 1; };
    ws.onclose = (e) => { window.results.ws = { code: e.code, reason: e.reason }; resolve(); };
    setTimeout(() => { window.results.wsStillOpen = ws.readyState === 1; resolve(); }, 5000);
  });
  document.getElementById('sink').onload = () => { window.results.form = 'answered'; };
  document.getElementById('form').submit();
})();
</script>`;
}

describe.skipIf(!hasChromium)('a page of another origin, in a signed-in coordinator\'s browser', () => {
  let attacker: Server;
  let attackerUrl: string;
  let context: BrowserContext;
  let page: Page;
  let token: string;

  const api = async (path: string) => (await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).json();
  const cycles = async () => ((await api(`/api/plans/${PLAN}/cycles`)) as { cycles: unknown[] }).cycles.length;
  const title = async () => ((await api(`/api/commitments/${DOC}`)) as { commitment: { title: { zh: string } } }).commitment.title.zh;

  // No client needed: the attacker's page is all the browser opens.
  useBrowser({ client: false });
  beforeAll(async () => {
    attacker = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(attackerPage(server.url));
    });
    await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', r));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
    ({ context, page } = await newPerson(browser, server.url, COORDINATOR));
    const res = await fetch(`${server.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: COORDINATOR.email, password: DEMO_PASSWORD }) });
    token = ((await res.json()) as { token: string }).token;
  });
  afterAll(async () => {
    await new Promise((r) => attacker?.close(r));
  });

  it('[HS10] cannot create a review cycle (fetch with credentials, HTML form) nor write into a title over /sync', async () => {
    const before = { cycles: await cycles(), title: await title() };
    expect((await context.cookies(server.url)).map((c) => c.name)).toContain('gongbi_session');
    const answers: Array<{ url: string; status: number }> = [];
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(server.url)) sent.push(r.url());
    });
    page.on('response', (r) => {
      if (r.url().startsWith(server.url)) answers.push({ url: r.url(), status: r.status() });
    });
    await page.goto(attackerUrl);
    await page.waitForFunction(() => (window as unknown as { results: { form?: string } }).results.form === 'answered', undefined, { timeout: 20_000 });
    const results = await page.evaluate(() => (window as unknown as { results: Record<string, unknown> }).results);
    // Nothing changed: no cycle, no text in the title.
    expect(await cycles()).toBe(before.cycles);
    expect(await title()).toBe(before.title);
    expect(await title()).not.toContain(MARK);

    expect(results.jsonFetch).toBe('blocked');
    // The socket was closed by the server with 4403 before anything was read from it.
    expect(results.ws).toEqual({ code: 4403, reason: expect.stringMatching(/cross-origin/) });
    expect(results.wsMessages ?? 0).toBe(0);
    // The form's answer never shows in the attacker's frame (every answer says X-Frame-Options:
    // DENY, HY1); the unchanged cycles above show the server refused it.
    const sink = page.frames().find((f) => f.name() === 'sink')!;
    expect(await sink.content()).not.toMatch(/"cycle"\s*:/);
    // Both requests went out; every answer the page could see was a refusal (the framed one
    // is hidden from it by X-Frame-Options).
    expect(sent.filter((u) => u.endsWith(`/api/plans/${PLAN}/cycles`)).length).toBeGreaterThanOrEqual(2);
    const posts = answers.filter((a) => a.url.endsWith(`/api/plans/${PLAN}/cycles`));
    expect(posts.length).toBeGreaterThanOrEqual(1);
    for (const p of posts) expect(p.status).toBe(403);

  });
});
