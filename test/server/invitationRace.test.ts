/**
 * Two invitations for one e-mail address accepted at the same moment, against a real server:
 * one account is created (201) and the other accept is told the account exists (409) — not
 * a server error — and nothing else breaks. Rules cited: IV invitations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';

const tmp = tempDir();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ dataDir: tmp.dir });
});
afterAll(async () => {
  await server.close();
  tmp.remove();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('[IV] invitations', () => {
  it('[IV1] two invitations for one address accepted at once: one 201, one 409 account_exists', async () => {
    const email = 'twice.invited@example.gov.tw';
    const tokens: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await post('/api/invitations', { email, role: 'viewer', affiliation: { kind: 'civil_society', id: 'cs', name: 'Civil' } }, bearer(server.token));
      expect(res.status).toBe(201);
      tokens.push(((await res.json()) as { token: string }).token);
    }
    const answers = await Promise.all(tokens.map((t, i) => post(`/api/invitations/${t}/accept`, { name: `Person ${i}`, password: 'a long enough password' })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('account_exists');
    // The account works.
    const signedIn = await post('/api/auth/sign-in', { email, password: 'a long enough password' });
    expect(signedIn.status).toBe(200);
  }, 30_000);
});
