/**
 * Sign-in limits and the per-address limits against a real server on a real port, with
 * requests sent from several loopback addresses (127.0.0.x) as different machines would:
 * attempts are reserved before the password hash (parallel guesses are not all evaluated),
 * the owner is slowed by their own failures only and never locked out, the guessing of
 * others does not stop them, and `X-Forwarded-For` is believed only from a trusted proxy —
 * for sign-in and for the public comment flood limit. Rules cited: SL sign-in limits.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import { DEMO_PASSWORD } from '../../server/seed/demoAccounts.js';
import { PUBLIC_COMMENT_LIMITS } from '../../shared/protocol/public.js';
import { DEMO, bearer } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';

interface Answer { status: number; retryAfter: string | undefined; body: any } // eslint-disable-line @typescript-eslint/no-explicit-any

/** A JSON request from the local address `from` (any 127.0.0.x is this machine on Linux). */
function send(server: TestServer, path: string, body: unknown, opts: { from?: string; headers?: Record<string, string>; method?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? '' : JSON.stringify(body);
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'POST', localAddress: opts.from ?? '127.0.0.1', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...opts.headers } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'] as string | undefined, body: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const signInFrom = (server: TestServer, from: string, email: string, password: string, headers?: Record<string, string>) =>
  send(server, '/api/auth/sign-in', { email, password }, { from, headers });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const tmp = tempDir();
const servers: TestServer[] = [];
async function server(env: Record<string, string> = {}): Promise<TestServer> {
  const dir = `${tmp.dir}/${servers.length}`;
  const s = await startTestServer({ dataDir: dir, env });
  servers.push(s);
  return s;
}
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
afterAll(() => tmp.remove());

describe('[SL] sign-in limits', () => {
  it('[SL1] guesses sent at once are counted before any is evaluated: 40 in parallel, only the free ones are tried', async () => {
    const s = await server({ GONGBI_SIGNIN_ATTEMPTS: '3' });
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => signInFrom(s, '127.0.0.2', DEMO.viewer, `wrong guess ${i}`)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((x) => x === 401)).toHaveLength(3);
    expect(statuses.filter((x) => x === 429)).toHaveLength(37);
    const refused = answers.find((a) => a.status === 429)!;
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.body.error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/^Too many failed sign-in attempts\. Wait \d+ seconds? and try again\.$/) });
  }, 60_000);

  it('[SL2] someone else guessing from another address does not lock the owner out', async () => {
    const s = await server({ GONGBI_SIGNIN_ATTEMPTS: '2' });
    for (let i = 0; i < 12; i++) await signInFrom(s, '127.0.0.2', DEMO.agency, `attacker guess ${i}`);
    expect((await signInFrom(s, '127.0.0.2', DEMO.agency, 'one more guess')).status).toBe(429);
    const owner = await signInFrom(s, '127.0.0.3', DEMO.agency, DEMO_PASSWORD);
    expect(owner.status).toBe(200);
    expect(owner.body.user.email).toBe(DEMO.agency);
  }, 60_000);

  it('[SL3] the owner\'s own failures slow them down (doubling from 1 s) but never lock them out', async () => {
    const s = await server({ GONGBI_SIGNIN_ATTEMPTS: '2' });
    expect((await signInFrom(s, '127.0.0.4', DEMO.civil, 'typo one')).status).toBe(401);
    expect((await signInFrom(s, '127.0.0.4', DEMO.civil, 'typo two')).status).toBe(401);
    const slowed = await signInFrom(s, '127.0.0.4', DEMO.civil, DEMO_PASSWORD);
    expect(slowed.status).toBe(429);
    expect(slowed.retryAfter).toBe('1');
    await sleep(1100);
    expect((await signInFrom(s, '127.0.0.4', DEMO.civil, 'typo three')).status).toBe(401);
    const doubled = await signInFrom(s, '127.0.0.4', DEMO.civil, DEMO_PASSWORD);
    expect(doubled.status).toBe(429);
    expect(doubled.retryAfter).toBe('2');
    await sleep(2100);
    expect((await signInFrom(s, '127.0.0.4', DEMO.civil, DEMO_PASSWORD)).status).toBe(200);
    // A success starts the count over.
    expect((await signInFrom(s, '127.0.0.4', DEMO.civil, 'typo four')).status).toBe(401);
  }, 60_000);

  it('[SL4] behind a trusted proxy, one visitor\'s failures do not lock out the others behind it', async () => {
    const s = await server({ GONGBI_SIGNIN_ATTEMPTS: '1', GONGBI_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8' });
    // 1 × 20 failures per address over all accounts: the attacker behind the proxy meets it.
    const attacker = { 'x-forwarded-for': '203.0.113.66, 10.1.2.3' };
    for (let i = 0; i < 20; i++) expect((await signInFrom(s, '127.0.0.1', `nobody${i}@example.org`, 'guess guess', attacker)).status).toBe(401);
    expect((await signInFrom(s, '127.0.0.1', 'nobody-more@example.org', 'guess guess', attacker)).status).toBe(429);
    const colleague = await signInFrom(s, '127.0.0.1', DEMO.viewer, DEMO_PASSWORD, { 'x-forwarded-for': '203.0.113.7' });
    expect(colleague.status).toBe(200);
  }, 60_000);

  it('[SL5] X-Forwarded-For from a peer that is not a trusted proxy is ignored: writing another address in it escapes nothing', async () => {
    const s = await server({ GONGBI_SIGNIN_ATTEMPTS: '1' });
    for (let i = 0; i < 20; i++) await signInFrom(s, '127.0.0.1', `nobody${i}@example.org`, 'guess guess', { 'x-forwarded-for': `198.51.100.${i}` });
    expect((await signInFrom(s, '127.0.0.1', 'nobody-more@example.org', 'guess guess', { 'x-forwarded-for': '198.51.100.200' })).status).toBe(429);
  }, 60_000);

  it('[SL6] an invalid GONGBI_TRUSTED_PROXIES stops start-up with a message naming it', async () => {
    await expect(server({ GONGBI_TRUSTED_PROXIES: '127.0.0.1, nginx.local' })).rejects.toThrow(/GONGBI_TRUSTED_PROXIES: "nginx\.local" is not an IP address/);
  });
});

describe('[SL] the public comment flood limit and X-Forwarded-For', () => {
  /** Publishes a cycle of the demo plan and returns a form token old enough to be used. */
  async function publishedForm(s: TestServer): Promise<{ path: string; token: string }> {
    const auth = { headers: bearer(s.token) };
    const created = await send(s, '/api/plans/plan-nap1/cycles', { label: 'Meeting', meetingDate: '2021-04-30' }, auth);
    const cycle = created.body.cycle.id as string;
    expect((await send(s, `/api/cycles/${cycle}/snapshot`, undefined, auth)).status).toBe(201);
    expect((await send(s, `/api/cycles/${cycle}/publish`, undefined, auth)).status).toBe(201);
    const page = await send(s, '/api/public/commitments/c-04-access-to-information', undefined, { method: 'GET' });
    await sleep(PUBLIC_COMMENT_LIMITS.minFormMs + 100);
    return { path: '/api/public/commitments/c-04-access-to-information/comments', token: page.body.formToken };
  }
  const comment = (token: string, i: number) => ({ name: `Visitor ${i}`, text: `Comment number ${i}`, token });

  it('[SL7] a visitor who writes a new X-Forwarded-For each time is still one address (no trusted proxy)', async () => {
    const s = await server();
    const form = await publishedForm(s);
    const statuses: number[] = [];
    for (let i = 0; i < PUBLIC_COMMENT_LIMITS.perAddress + 2; i++) {
      statuses.push((await send(s, form.path, comment(form.token, i), { headers: { 'x-forwarded-for': `198.51.100.${i}` } })).status);
    }
    expect(statuses).toEqual([...Array(PUBLIC_COMMENT_LIMITS.perAddress).fill(202), 429, 429]);
  }, 60_000);

  it('[SL8] behind a trusted proxy each visitor it names has a limit of their own', async () => {
    const s = await server({ GONGBI_TRUSTED_PROXIES: '127.0.0.1' });
    const form = await publishedForm(s);
    const flood: number[] = [];
    for (let i = 0; i < PUBLIC_COMMENT_LIMITS.perAddress + 1; i++) {
      flood.push((await send(s, form.path, comment(form.token, i), { headers: { 'x-forwarded-for': '198.51.100.1' } })).status);
    }
    expect(flood.at(-1)).toBe(429);
    expect((await send(s, form.path, comment(form.token, 99), { headers: { 'x-forwarded-for': '198.51.100.2' } })).status).toBe(202);
    // Not from the proxy: the header is ignored and 127.0.0.5 counts as itself.
    expect((await send(s, form.path, comment(form.token, 100), { from: '127.0.0.5', headers: { 'x-forwarded-for': '198.51.100.3' } })).status).toBe(202);
  }, 60_000);
});
