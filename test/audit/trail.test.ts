/**
 * The audit trail after a scripted session on a real server: a lead-agency move, a review
 * cycle and its snapshot, a publication, exports (who exported which version in which
 * format), a moderation decision and an answer, a cross-link — each listed with the right
 * actor; refused requests record nothing. And "forgot password" by e-mail through a real
 * SMTP server in this process: the link works once, ends the old sessions, and asking tells
 * nobody whether an address has an account.
 */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryView, AuditListResponse } from '../../shared/protocol/audit.js';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { connectRaw, type Closed } from '../reliability/rawClient.js';

const PLAN = 'plan-nap1';
const C01 = 'c-01-open-data-reuse';
const json = { 'content-type': 'application/json' };

describe('the audit trail records what people did through the API', () => {
  const tmp = tempDir();
  let server: TestServer;
  let coord = '';
  let cycleId = '';

  const call = (token: string, method: string, path: string, body?: unknown) =>
    fetch(server.url + path, { method, headers: { ...bearer(token), ...(body === undefined ? {} : json) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const trail = async (query = ''): Promise<AuditEntryView[]> => ((await (await call(coord, 'GET', `/api/audit${query}`)).json()) as AuditListResponse).entries;

  beforeAll(async () => {
    server = await startTestServer({ dataDir: tmp.dir });
    coord = server.token;
  }, 60_000);
  afterAll(async () => {
    await server.close();
    tmp.remove();
  });

  it('[AT3] lists lead-agency moves, cycles, snapshots, publications, exports, moderation, answers and links with their actor', { timeout: 60_000 }, async () => {
    const coordinator = ((await (await call(coord, 'GET', '/api/auth/me')).json()) as { user: { id: string; name: string } }).user;
    expect((await call(coord, 'POST', `/api/commitments/${C01}/lead-agency`, { leadAgency: { id: 'moda', zh: '數位發展部', en: 'Ministry of Digital Affairs' }, note: '組織改造' })).status).toBe(200);
    expect((await call(coord, 'POST', `/api/commitments/${C01}/co-agencies`, { agencyId: 'moj', note: '協辦' })).status).toBeLessThan(300);
    const cycle = await call(coord, 'POST', `/api/plans/${PLAN}/cycles`, { label: '第5次推動小組會議', meetingDate: '2022-03-30' });
    expect(cycle.status).toBe(201);
    cycleId = ((await cycle.json()) as { cycle: { id: string } }).cycle.id;
    const snapshot = await call(coord, 'POST', `/api/cycles/${cycleId}/snapshot`);
    expect(snapshot.status).toBe(201);
    const snapshotCount = ((await snapshot.json()) as { snapshots: unknown[] }).snapshots.length;
    expect(snapshotCount).toBeGreaterThan(1);
    expect((await call(coord, 'POST', `/api/cycles/${cycleId}/publish`)).status).toBe(201);

    const agency = await signIn(over(server.url), DEMO.agency);
    const exported = await call(agency, 'GET', `/api/plans/${PLAN}/export.md?version=cycle:${cycleId}&lang=zh&commitment=${C01}`);
    expect(exported.status).toBe(200);
    await exported.arrayBuffer();
    const live = await call(coord, 'GET', `/api/plans/${PLAN}/export.json`);
    await live.arrayBuffer();
    // Refused: a bad format is no export, a viewer's lead-agency move is no move.
    expect((await call(agency, 'GET', `/api/plans/${PLAN}/export.exe`)).status).toBe(400);
    const viewer = await signIn(over(server.url), DEMO.viewer);
    expect((await call(viewer, 'POST', `/api/commitments/${C01}/lead-agency`, { leadAgency: { id: 'x', zh: 'x' } })).status).toBe(403);

    await server.store.addPublicComment({
      id: 'pc-1', planId: PLAN, commitmentId: C01, milestoneId: null, cycleId, name: '王小明', email: null, text: '請公開資料格式', status: 'pending',
      createdAt: Date.now(), ipHash: 'x', moderatedBy: null, moderatedAt: null, response: null,
    });
    expect((await call(coord, 'POST', '/api/public-comments/pc-1/moderate', { decision: 'approve' })).status).toBe(200);
    expect((await call(coord, 'POST', '/api/public-comments/pc-1/response', { text: '已規劃於第二季公開' })).status).toBe(200);
    expect((await call(coord, 'POST', `/api/commitments/${C01}/links`, { to: 'c-02-open-data-platform' })).status).toBeLessThan(300);

    const entries = await trail();
    const byAction = (action: string) => entries.filter((e) => e.action === action);
    expect(byAction('lead_agency_moved')).toMatchObject([{ target: C01, actor: { userId: coordinator.id, name: coordinator.name }, details: { to: { id: 'moda' }, note: '組織改造' } }]);
    expect(byAction('rights_changed')).toMatchObject([{ target: C01, actor: { userId: coordinator.id }, details: { added: 'moj', note: '協辦' } }]);
    expect(byAction('cycle_created')).toMatchObject([{ target: cycleId, details: { planId: PLAN, label: '第5次推動小組會議' } }]);
    expect(byAction('snapshot_taken')).toMatchObject([{ target: cycleId, details: { documents: snapshotCount } }]);
    expect(byAction('published')).toMatchObject([{ target: cycleId, details: { planId: PLAN } }]);
    expect(byAction('exported').map((e) => [e.actor.name !== coordinator.name ? 'agency' : 'coordinator', e.target, e.details]).reverse()).toEqual([
      ['agency', PLAN, { format: 'md', version: `cycle:${cycleId}`, lang: 'zh', commitment: C01 }],
      ['coordinator', PLAN, { format: 'json', version: 'live' }],
    ]);
    expect(byAction('comment_moderated')).toMatchObject([{ target: 'pc-1', details: { decision: 'approve' } }]);
    expect(byAction('comment_answered')).toMatchObject([{ target: 'pc-1', actor: { userId: coordinator.id } }]);
    expect(byAction('link_added')).toMatchObject([{ target: C01, details: { to: 'c-02-open-data-platform' } }]);
    expect(entries.every((e) => e.address === '127.0.0.1' || e.address === '::ffff:127.0.0.1')).toBe(true);
    expect((await trail(`?target=${cycleId}`)).map((e) => e.action)).toEqual(['published', 'snapshot_taken', 'cycle_created']);
  });

  it('[AT4] pages through the trail with `before` and answers 400 to bad filters', async () => {
    const first = (await (await call(coord, 'GET', '/api/audit?limit=2')).json()) as AuditListResponse;
    expect(first.entries).toHaveLength(2);
    expect(first.next).toBe(first.entries[1]!.id);
    const second = (await (await call(coord, 'GET', `/api/audit?limit=2&before=${first.next}`)).json()) as AuditListResponse;
    expect(second.entries[0]!.id).toBeLessThan(first.next!);
    for (const q of ['limit=0', 'limit=5000', 'from=yesterday', 'from=2026-02-01&to=2026-01-01', 'before=-1']) {
      const res = await call(coord, 'GET', `/api/audit?${q}`);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/query parameters/i);
    }
  });

  it('[AC9] a signed-in person changes their own password with the current one; their other sessions end and their sockets close', async () => {
    const here = await signIn(over(server.url), DEMO.translator);
    const elsewhere = await signIn(over(server.url), DEMO.translator);
    const socket = await connectRaw(server.wsUrl, C01, elsewhere);
    expect((await call(here, 'POST', '/api/auth/password', { current: 'not it at all', password: 'translator password 9' })).status).toBe(403);
    expect((await call(here, 'POST', '/api/auth/password', { current: 'gongbi-demo-2021', password: 'short' })).status).toBe(400);
    const changed = await call(here, 'POST', '/api/auth/password', { current: 'gongbi-demo-2021', password: 'translator password 9' });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({ ok: true, sessionsEnded: 1 });
    const closed = (await Promise.race([socket.closed, new Promise<null>((r) => setTimeout(() => r(null), 5000))])) as Closed | null;
    expect(closed?.code).toBe(4401);
    expect((await call(elsewhere, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await call(here, 'GET', '/api/auth/me')).status).toBe(200);
    expect(await signIn(over(server.url), DEMO.translator, 'translator password 9')).toBeTruthy();
    const entry = (await trail(`?target=${encodeURIComponent(DEMO.translator)}&action=password_reset`))[0];
    expect(entry?.details).toEqual({ by: 'the person', sessionsEnded: 1 });
  });

  it('[AC8] says plainly that no reset mail can be sent when no SMTP server is configured', async () => {
    const res = await fetch(`${server.url}/api/auth/password-reset`, { method: 'POST', headers: json, body: JSON.stringify({ email: DEMO.civil }) });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('mail_unavailable');
  });
});

describe('password reset by e-mail through the configured SMTP server', () => {
  const tmp = tempDir();
  let server: TestServer;
  let smtp: SMTPServer;
  const mails: Array<{ to: string[]; text: string }> = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        let text = '';
        stream.on('data', (c: Buffer) => (text += c.toString()));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), text });
          callback();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    const port = (smtp.server.address() as AddressInfo).port;
    server = await startTestServer({ dataDir: tmp.dir, env: { GONGBI_SMTP_URL: `smtp://127.0.0.1:${port}`, GONGBI_MAIL_FROM: 'Gongbi <gongbi@ndc.gov.tw>' } });
  }, 60_000);
  afterAll(async () => {
    await server.close();
    await new Promise<void>((r) => smtp.close(() => r()));
    tmp.remove();
  });

  const ask = (email: string) => fetch(`${server.url}/api/auth/password-reset`, { method: 'POST', headers: json, body: JSON.stringify({ email }) });

  it('[AC8] mails a one-time link; using it sets the password and ends the old sessions; an unknown address gets the same answer and no mail', { timeout: 30_000 }, async () => {
    const oldSession = await signIn(over(server.url), DEMO.civil);
    const asked = await ask(DEMO.civil);
    expect(asked.status).toBe(202);
    const unknown = await ask('nobody@example.gov.tw');
    expect(unknown.status).toBe(202);
    expect(await unknown.json()).toEqual(await asked.json());
    await waitFor(() => mails.length >= 1, { what: 'the reset mail', timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual([DEMO.civil]);
    expect(mails[0]!.text).toContain('From: Gongbi <gongbi@ndc.gov.tw>');
    // Quoted-printable may fold the line; the token is base64url, so unfold and find it.
    const unfolded = mails[0]!.text.replace(/=\r?\n/g, '');
    const token = /\/reset-password\/([\w-]{20,})/.exec(unfolded)?.[1];
    expect(token).toBeTruthy();

    const done = await fetch(`${server.url}/api/auth/password-reset/${token}`, { method: 'POST', headers: json, body: JSON.stringify({ password: 'a fresh password 2' }) });
    expect(done.status).toBe(200);
    expect((await fetch(`${server.url}/api/auth/me`, { headers: bearer(oldSession) })).status).toBe(401);
    expect(await signIn(over(server.url), DEMO.civil, 'a fresh password 2')).toBeTruthy();
    const again = await fetch(`${server.url}/api/auth/password-reset/${token}`, { method: 'POST', headers: json, body: JSON.stringify({ password: 'another password 3' }) });
    expect(again.status).toBe(410);
    const short = await fetch(`${server.url}/api/auth/password-reset/${token}`, { method: 'POST', headers: json, body: JSON.stringify({ password: 'short' }) });
    expect(short.status).toBe(400);

    const entries = ((await (await fetch(`${server.url}/api/audit?target=${encodeURIComponent(DEMO.civil)}`, { headers: bearer(server.token) })).json()) as AuditListResponse).entries;
    expect(entries.map((e) => e.action)).toEqual(['sign_in', 'password_reset', 'password_reset_requested', 'sign_in']);
    expect(entries[1]!.details).toMatchObject({ by: 'e-mail link', sessionsEnded: 1 });
  });
});
