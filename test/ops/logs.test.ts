/**
 * The server's stdout during a scripted session, read from a real server process: JSON lines
 * only (pino), one access line per request with method, path, status, time and user id, the
 * refusals (401, 403, a failed sign-in, refused sockets, a socket closed by its session's
 * end) findable, and no session token or password anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safePath } from '../../server/log.js';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { spawnServer, type SpawnedServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { openRaw, connectRaw } from '../reliability/rawClient.js';

interface Line { time: string; level: string; msg: string; [k: string]: unknown }

describe('log lines of a scripted session', () => {
  const tmp = tempDir();
  let server: SpawnedServer;

  beforeAll(async () => {
    server = await spawnServer({ dataDir: tmp.dir, env: { GONGBI_LOG_LEVEL: 'info' } });
  }, 60_000);
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    tmp.remove();
  });

  it('[LG1] [LG2] writes one access line per request, the refusals, and never a token', { timeout: 60_000 }, async () => {
    const secretPassword = 'wrong password 12345';
    const requests: Array<[string, string, number]> = [];
    const send = async (method: string, path: string, init: RequestInit = {}) => {
      const res = await fetch(server.url + path, { method, ...init });
      await res.arrayBuffer();
      requests.push([method, path, res.status]);
      return res;
    };
    // spawnServer signed the coordinator in: that is the first request.
    requests.push(['POST', '/api/auth/sign-in', 200]);
    const civil = await signIn(over(server.url), DEMO.civil);
    requests.push(['POST', '/api/auth/sign-in', 200]);
    await send('GET', '/api/plans', { headers: bearer(server.token) });
    await send('GET', '/api/plans');
    const plan = { slug: 'x', title: { zh: '計畫' }, periodStart: '2025-01-01', periodEnd: '2026-01-01' };
    await send('POST', '/api/plans', { headers: { ...bearer(civil), 'content-type': 'application/json' }, body: JSON.stringify(plan) });
    await send('POST', '/api/auth/sign-in', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO.viewer, password: secretPassword }) });
    // A token put in an API URL by mistake is not used there, and not written either.
    await send('GET', `/api/auth/me?token=${civil}`);
    await send('GET', '/api/nothing-here', { headers: bearer(server.token) });

    const bad = await openRaw(server.wsUrl, 'c-01-open-data-reuse', 'not-a-session').catch(() => null);
    await bad?.closed;
    requests.push(['GET', '/sync/c-01-open-data-reuse', 101]);
    const foreign = await openRaw(server.wsUrl, 'c-01-open-data-reuse', civil, { headers: { origin: 'https://evil.example' } }).catch(() => null);
    await foreign?.closed;
    requests.push(['GET', '/sync/c-01-open-data-reuse', 101]);
    const live = await connectRaw(server.wsUrl, 'c-01-open-data-reuse', civil);
    requests.push(['GET', '/sync/c-01-open-data-reuse', 101]);
    await send('POST', '/api/auth/sign-out', { headers: bearer(civil) });
    await live.closed;

    await waitFor(() => server.output().includes('"msg":"socket closed"'), { what: 'the socket-closed line', timeout: 5000 });
    const out = server.output();
    const lines = out.split('\n').filter((l) => l.startsWith('{'));
    const parsed = lines.map((l) => JSON.parse(l) as Line);
    for (const l of parsed) {
      expect(typeof l.time).toBe('string');
      expect(['info', 'error', 'debug']).toContain(l.level);
    }
    const access = parsed.filter((l) => l.msg === 'request');
    expect(access.map((l) => [l.method, (l.path as string).replace(/\?.*$/, ''), l.status === 101 || l.status === 200 ? 'ok' : l.status])).toEqual(
      requests.map(([m, p, s]) => [m, p.replace(/\?.*$/, ''), s === 101 || s === 200 ? 'ok' : s]),
    );
    for (const l of access) expect(typeof l.ms).toBe('number');
    expect(access.find((l) => l.path === '/api/plans' && l.status === 200)?.userId).toMatch(/^u-/);
    expect(access.filter((l) => l.refused).map((l) => l.status)).toEqual([401, 403, 401, 401]);
    expect(access.find((l) => (l.path as string).startsWith('/api/auth/me'))?.path).toBe('/api/auth/me?token=…');

    const refusedSockets = parsed.filter((l) => l.msg === 'socket refused').map((l) => l.reason);
    expect(refusedSockets).toEqual(['unauthenticated', 'cross_origin']);
    expect(parsed.find((l) => l.msg === 'socket closed')).toMatchObject({ reason: 'signed out', code: 4401, doc: 'c-01-open-data-reuse' });

    // No token, no password, anywhere in what the server wrote.
    expect(out).not.toContain(civil);
    expect(out).not.toContain(server.token);
    expect(out).not.toContain(secretPassword);
  });
});

describe('safePath', () => {
  it('[LG2] keeps query names, drops their values, and hides secrets in invitation and reset links', () => {
    expect(safePath('/sync/c-01?token=abc.def')).toBe('/sync/c-01?token=…');
    expect(safePath('/api/plans/p/export.docx?version=cycle:1&lang=zh')).toBe('/api/plans/p/export.docx?version=…&lang=…');
    expect(safePath('/api/invitations/SECRET/accept')).toBe('/api/invitations/[secret]/accept');
    expect(safePath('/invite/SECRET')).toBe('/invite/[secret]');
    expect(safePath('/api/auth/password-reset/SECRET')).toBe('/api/auth/password-reset/[secret]');
    expect(safePath('/reset-password/SECRET')).toBe('/reset-password/[secret]');
    expect(safePath('/api/plans')).toBe('/api/plans');
  });
});
