/**
 * The admin command line, run as its own process against the store of a running server
 * (spawned too), on a real SQLite file and on PostgreSQL: with the demo off the first start
 * says how to make the first coordinator; the CLI makes one, who signs in and invites an
 * editor; `disable` closes that editor's open socket (4401) and refuses sign-in; `enable`
 * lets them back; `reset-password` ends old sessions; `set-role` changes the role; the audit
 * trail lists all of it with the right actor, and the database refuses to change it.
 */
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import pg from 'pg';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditListResponse } from '../../shared/protocol/audit.js';
import { spawnServer, type SpawnedServer } from '../helpers/server.js';
import { createTestSchema, postgresReachable, randomTag, redisReachable, skipNotice, TEST_DATABASE_URL, TEST_REDIS_URL, type TestSchema } from '../helpers/services.js';
import { DEMO, bearer, over, signIn as demoSignIn } from '../helpers/auth.js';
import { tempDir } from '../helpers/tempDir.js';
import { connectRaw, type Closed, type RawClient } from '../reliability/rawClient.js';

interface Run { code: number | null; stdout: string; stderr: string }

/** Runs `npm run admin -- …` as the operator would (the same entry, through tsx). */
function runAdmin(env: Record<string, string>, args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/ops/admin.ts', ...args], {
      env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', GONGBI_LOG_LEVEL: 'error', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

const json = { 'content-type': 'application/json' };
const closedWithin = (c: RawClient, ms: number) => Promise.race([c.closed, new Promise<null>((r) => setTimeout(() => r(null), ms))]);

const pgSkip = skipNotice(!(await postgresReachable()), `admin CLI on PostgreSQL: nothing answers at ${TEST_DATABASE_URL}`);

const backends = [
  { name: 'SQLite', skip: false },
  { name: 'PostgreSQL', skip: pgSkip },
];

describe.each(backends)('admin command line with a running server ($name)', ({ name, skip }) => {
  const tmp = tempDir();
  let schema: TestSchema | null = null;
  let env: Record<string, string>;
  let server: SpawnedServer;
  const sockets: RawClient[] = [];
  const COORD = 'chen@ndc.gov.tw';
  const EDITOR = 'lin@moda.gov.tw';
  let coordPassword = '';
  let coordToken = '';
  let editorToken = '';
  const EDITOR_PASSWORD = 'editor password 1';

  const signIn = (email: string, password: string) =>
    fetch(`${server.url}/api/auth/sign-in`, { method: 'POST', headers: json, body: JSON.stringify({ email, password }) });
  const audit = async (query = '') => {
    const res = await fetch(`${server.url}/api/audit${query}`, { headers: bearer(coordToken) });
    expect(res.status).toBe(200);
    return ((await res.json()) as AuditListResponse).entries;
  };

  beforeAll(async () => {
    if (skip) return;
    env = { GONGBI_DATA_DIR: tmp.dir };
    if (name === 'PostgreSQL') {
      schema = await createTestSchema();
      env.DATABASE_URL = schema.url;
    }
    server = await spawnServer({ dataDir: tmp.dir, env: { ...env, GONGBI_SEED_DEMO: '0', GONGBI_SESSION_CHECK_MS: '200', GONGBI_LOG_LEVEL: 'info' } });
  }, 60_000);
  afterAll(async () => {
    if (skip) return;
    for (const s of sockets) if (s.isOpen()) await s.close();
    server.child.kill('SIGTERM');
    await server.exited;
    await schema?.drop();
    tmp.remove();
  });

  it.skipIf(skip)('[AC4] the first start without the demo says how to create the first coordinator', () => {
    expect(server.output()).toContain('No account exists yet');
    expect(server.output()).toContain('npm run admin -- create-user');
  });

  it.skipIf(skip)('[AC5] create-user makes the first coordinator with a one-time password printed once, who signs in and invites an editor', async () => {
    const run = await runAdmin(env, ['create-user', '--email', COORD, '--name', '陳協調', '--role', 'coordinator', '--affiliation-kind', 'agency', '--affiliation-id', 'ndc', '--affiliation-name', '國家發展委員會']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    coordPassword = /One-time password[^:]*: (\S+)/.exec(run.stdout)?.[1] ?? '';
    expect(coordPassword.length).toBeGreaterThanOrEqual(20);
    const res = await signIn(COORD, coordPassword);
    expect(res.status).toBe(200);
    coordToken = ((await res.json()) as { token: string }).token;

    const again = await runAdmin(env, ['create-user', '--email', COORD, '--name', 'x', '--role', 'viewer', '--affiliation-kind', 'agency', '--affiliation-id', 'ndc', '--affiliation-name', 'x']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');

    const plan = await fetch(`${server.url}/api/plans`, {
      method: 'POST',
      headers: { ...json, ...bearer(coordToken) },
      body: JSON.stringify({ slug: 'ogp3', title: { zh: '第三期國家行動方案' }, periodStart: '2025-01-01', periodEnd: '2028-12-31' }),
    });
    expect(plan.status).toBe(201);
    const invite = await fetch(`${server.url}/api/invitations`, {
      method: 'POST',
      headers: { ...json, ...bearer(coordToken) },
      body: JSON.stringify({ email: EDITOR, role: 'agency_editor', affiliation: { kind: 'agency', id: 'moda', name: '數位發展部' } }),
    });
    expect(invite.status).toBe(201);
    const { token } = (await invite.json()) as { token: string };
    const accepted = await fetch(`${server.url}/api/invitations/${token}/accept`, { method: 'POST', headers: json, body: JSON.stringify({ name: '林編輯', password: EDITOR_PASSWORD }) });
    expect(accepted.status).toBe(201);
    editorToken = ((await accepted.json()) as { token: string }).token;
  });

  it.skipIf(skip)('[AC6] disable closes the editor\'s open socket with 4401 and refuses their sign-in; enable lets them back', async () => {
    const socket = await connectRaw(server.wsUrl, 'plan-ogp3', editorToken);
    sockets.push(socket);
    const run = await runAdmin(env, ['disable', '--email', EDITOR]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Ended 1 session(s)');
    const closed = (await closedWithin(socket, 10_000)) as Closed | null;
    expect(closed, 'the socket is still open after disable').not.toBeNull();
    expect(closed!.code).toBe(4401);
    expect((await fetch(`${server.url}/api/auth/me`, { headers: bearer(editorToken) })).status).toBe(401);
    const refused = await signIn(EDITOR, EDITOR_PASSWORD);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('account_disabled');
    // A wrong password says nothing about the account being disabled.
    expect((await signIn(EDITOR, 'not the password')).status).toBe(401);

    expect((await runAdmin(env, ['enable', '--email', EDITOR])).code).toBe(0);
    const back = await signIn(EDITOR, EDITOR_PASSWORD);
    expect(back.status).toBe(200);
    editorToken = ((await back.json()) as { token: string }).token;
  });

  it.skipIf(skip)('[AC7] reset-password takes the new password from stdin (never argv) and ends the old sessions', async () => {
    const run = await runAdmin(env, ['reset-password', '--email', EDITOR, '--password-stdin'], 'a brand new password\n');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('One-time password');
    expect((await fetch(`${server.url}/api/auth/me`, { headers: bearer(editorToken) })).status).toBe(401);
    expect((await signIn(EDITOR, EDITOR_PASSWORD)).status).toBe(401);
    expect((await signIn(EDITOR, 'a brand new password')).status).toBe(200);
    const inArgv = await runAdmin(env, ['reset-password', '--email', EDITOR, '--password=a brand new password']);
    expect(inArgv.code).toBe(2);
    expect(inArgv.stderr).toContain('never taken on the command line');
    const short = await runAdmin(env, ['reset-password', '--email', EDITOR, '--password-stdin'], 'short\n');
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('at least 10 characters');
  });

  it.skipIf(skip)('[AC7] set-role changes the role; list-users shows every account and its state', async () => {
    expect((await runAdmin(env, ['set-role', '--email', EDITOR, '--role', 'viewer'])).stdout).toContain('agency_editor → viewer');
    const bad = await runAdmin(env, ['set-role', '--email', EDITOR, '--role', 'king']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown role "king"');
    const list = await runAdmin(env, ['list-users', '--json']);
    const users = JSON.parse(list.stdout) as Array<{ email: string; role: string; disabledAt: number | null }>;
    expect(users.map((u) => [u.email, u.role, u.disabledAt])).toEqual([
      [COORD, 'coordinator', null],
      [EDITOR, 'viewer', null],
    ]);
    expect((await runAdmin(env, ['disable', '--email', 'nobody@x.tw'])).stderr).toContain('no account');
  });

  it.skipIf(skip)('[AT3] [AT2] the audit trail lists each action with its actor, filters, exports CSV, and the database refuses to change it', async () => {
    const entries = await audit();
    const seen = entries.map((e) => `${e.action} ${e.target} by ${e.actor.userId.startsWith('cli:') ? 'cli' : e.actor.name || '-'}`).reverse();
    expect(seen).toEqual([
      `account_created ${COORD} by cli`,
      `sign_in ${COORD} by 陳協調`,
      `invitation_created ${EDITOR} by 陳協調`,
      `invitation_accepted ${EDITOR} by 林編輯`,
      `account_disabled ${EDITOR} by cli`,
      `sign_in_failed ${EDITOR} by not signed in`,
      `sign_in_failed ${EDITOR} by not signed in`,
      `account_enabled ${EDITOR} by cli`,
      `sign_in ${EDITOR} by 林編輯`,
      `password_reset ${EDITOR} by cli`,
      `sign_in_failed ${EDITOR} by not signed in`,
      `sign_in ${EDITOR} by 林編輯`,
      `role_changed ${EDITOR} by cli`,
    ]);
    expect(entries.find((e) => e.action === 'role_changed')?.details).toMatchObject({ from: 'agency_editor', to: 'viewer' });
    expect(entries.filter((e) => e.action === 'sign_in_failed').map((e) => e.details.reason)).toEqual(['bad_credentials', 'bad_credentials', 'disabled']);
    expect((await audit('?action=sign_in')).map((e) => e.target)).toEqual([EDITOR, EDITOR, COORD]);
    expect((await audit(`?target=${encodeURIComponent(COORD)}`)).map((e) => e.action)).toEqual(['sign_in', 'account_created']);
    expect((await audit('?actor=' + encodeURIComponent('陳協調'))).map((e) => e.action)).toEqual(['invitation_created', 'sign_in']);
    expect(await audit('?from=2999-01-01')).toEqual([]);
    expect((await fetch(`${server.url}/api/audit?action=nope`, { headers: bearer(coordToken) })).status).toBe(400);

    const csv = await fetch(`${server.url}/api/audit.csv`, { headers: bearer(coordToken) });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    // A byte-order mark first, so Excel reads the Chinese names right.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n');
    expect(lines[0]).toBe('id,time,actor_id,actor_name,affiliation,action,target,details,address');
    expect(lines).toHaveLength(entries.length + 1);

    const viewer = await signIn(EDITOR, 'a brand new password');
    const viewerToken = ((await viewer.json()) as { token: string }).token;
    expect((await fetch(`${server.url}/api/audit`, { headers: bearer(viewerToken) })).status).toBe(403);
    expect((await fetch(`${server.url}/api/audit`)).status).toBe(401);
    for (const method of ['DELETE', 'PUT', 'PATCH', 'POST']) {
      expect((await fetch(`${server.url}/api/audit`, { method, headers: { ...json, ...bearer(coordToken) }, body: method === 'DELETE' ? undefined : '{}' })).status).toBeGreaterThanOrEqual(404);
    }

    const attempts = ['UPDATE audit_log SET actor_name = \'x\'', 'DELETE FROM audit_log'];
    if (name === 'SQLite') {
      const db = new Database(join(tmp.dir, 'gongbi.db'));
      try {
        for (const sql of attempts) expect(() => db.exec(sql)).toThrow(/append-only/);
      } finally {
        db.close();
      }
    } else {
      const client = new pg.Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      try {
        for (const sql of [...attempts, 'TRUNCATE audit_log']) await expect(client.query(sql)).rejects.toThrow(/append-only/);
      } finally {
        await client.end();
      }
    }
    expect(await audit()).toHaveLength(entries.length + 1);
  });
});

const redisSkip = skipNotice(!(await redisReachable()), `admin CLI with Redis: nothing answers at ${TEST_REDIS_URL}`);

describe.skipIf(redisSkip)('admin command line with Redis', () => {
  const tmp = tempDir();
  let server: SpawnedServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    env = { GONGBI_DATA_DIR: tmp.dir, REDIS_URL: TEST_REDIS_URL, GONGBI_REDIS_PREFIX: `gongbi-test-${randomTag()}:` };
    // The store check is an hour away: only the message over Redis can close the socket in time.
    server = await spawnServer({ dataDir: tmp.dir, env: { ...env, GONGBI_SESSION_CHECK_MS: '3600000' } });
  }, 60_000);
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    tmp.remove();
  });

  it('[AC6] disable closes the person\'s open socket at once, told over Redis', async () => {
    const token = await demoSignIn(over(server.url), DEMO.civil);
    const socket = await connectRaw(server.wsUrl, 'c-01-open-data-reuse', token);
    const run = await runAdmin(env, ['disable', '--email', DEMO.civil]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('close now');
    const closed = (await closedWithin(socket, 5000)) as Closed | null;
    expect(closed, 'still open: the server was not told').not.toBeNull();
    expect(closed).toEqual({ code: 4401, reason: 'sign-in required: account disabled or sessions ended' });
  });
});
