/**
 * Hostile input on every HTTP entry point: seeded random JSON, deeply nested JSON, huge
 * strings, wrong types, unicode edge cases and non-JSON bodies on every route that reads a
 * body; hostile query strings; hostile path parameters on every registered route. Every
 * answer is a 4xx JSON error `{error:{code,message}}` (never a 500), nothing is stored, the
 * server stays healthy and its sync clients keep working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { renderCommitment, shortText } from '../../shared/schema/index.js';
import { bearer } from '../helpers/auth.js';
import { connectSynced, type Peer } from '../helpers/peers.js';
import { seededRng, type SeededRng } from '../helpers/rng.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';

const PLAN = 'plan-nap1';
const DOC = 'c-06-referendum-e-petition';
const SEED = 1231;
const MAX_BODY = 64 * 1024;

/** Strings that have broken parsers, routers, databases and renderers somewhere. */
const NASTY_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', '\udfff\ud800', '\u202e\u202d', '\u200b\ufeff', '👍🏽🇹🇼', '承諾事項', 'ｓｌｕｇ',
  '../../etc/passwd', '..\\..\\windows', '%00', '%2e%2e%2f', "'; DROP TABLE documents; --", '<script>alert(1)</script>',
  'javascript:alert(1)', '${7*7}', '{{7*7}}', '__proto__', 'constructor', 'NaN', '-1', '1e309', 'null', 'x'.repeat(600), '\n\r\t',
];
/** Hostile path segments and query values, already as they go on the wire. */
const NASTY_NAMES = [
  '..', '.', '%2e%2e', '..%2f..%2fetc%2fpasswd', '%2e%2e%2f%2e%2e%2f', '%00', 'c-01%00', '%ZZ', '%E0%A4%A', '%ED%A0%80', 'a'.repeat(5000),
  encodeURIComponent('承諾'), encodeURIComponent('\u202e'), encodeURIComponent('👍'), 'C-01-OPEN-DATA-REUSE', '-', '%20', '%0a', 'plan-nap1%2f..',
];
/** A real id of the other kind: a commitment where a plan is expected, and the reverse. */
const crossKind = (param: string) => (param.startsWith('plan') ? 'c-01-open-data-reuse' : 'plan-nap1');

function randomJson(rng: SeededRng, depth = 0): unknown {
  const r = rng.int(depth > 3 ? 6 : 9);
  switch (r) {
    case 0: return null;
    case 1: return rng.next() < 0.5;
    case 2: return rng.pick([0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, Number.MIN_VALUE]);
    case 3:
    case 4: return rng.pick(NASTY_STRINGS);
    case 5: return rng.pick(NASTY_STRINGS).repeat(1 + rng.int(3));
    case 6: return Array.from({ length: rng.int(4) }, () => randomJson(rng, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = 0, n = rng.int(5); i < n; i++) {
        o[rng.pick(['slug', 'title', 'zh', 'en', 'email', 'password', 'name', 'leadAgency', 'id', 'note', 'role', 'domains', 'domainId', 'number', '__proto__', 'constructor', rng.pick(NASTY_STRINGS)])] = randomJson(rng, depth + 1);
      }
      return o;
    }
  }
}

/** Values of the wrong type for a field: always invalid, whatever the field wants. */
function wrongTypes(kind: FieldKind): unknown[] {
  if (kind === 'string') return [null, 0, true, [], {}, ['a'], { zh: 'a' }];
  if (kind === 'array') return [null, 0, true, 'a', {}, [1], [null]];
  return [null, 0, true, 'a', '', [], ['a']];
}

type FieldKind = 'string' | 'array' | 'object';

/** Every path to a string or object field of `body` (not into arrays), with its kind. */
function fieldPaths(body: unknown, prefix: string[] = []): Array<{ path: string[]; kind: FieldKind }> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [];
  const out: Array<{ path: string[]; kind: FieldKind }> = [];
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    out.push({ path: [...prefix, k], kind: typeof v === 'string' ? 'string' : Array.isArray(v) ? 'array' : 'object' });
    out.push(...fieldPaths(v, [...prefix, k]));
  }
  return out;
}

function withField(body: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[path[path.length - 1]!] = value;
  return copy;
}

describe('hostile HTTP input', () => {
  const tmp = tempDir();
  let server: TestServer;
  let peerA: Peer;
  let peerB: Peer;
  let invitation = '';
  let before: string;

  /** What the server stores, in one comparable string: every table's row count, and the documents. */
  async function storedState(): Promise<string> {
    const db = server.store.db;
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[]).map(
      (t) => `${t}:${db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number}`,
    );
    const docs = (await server.store.listDocuments()).map((d) => `${d.name}@${d.updatedAt}`);
    const json = await server.gongbi.rooms.read(DOC, renderCommitment);
    const plan = await server.gongbi.catalog.getPlan(PLAN);
    return JSON.stringify({ tables, docs, json, plan });
  }

  async function expectRefusal(res: Response, what: string): Promise<void> {
    const text = await res.text();
    expect(res.status, `${what} → ${res.status} ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
    expect(res.status, `${what} → ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500);
    expect(res.headers.get('content-type') ?? '', what).toContain('application/json');
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof body.error?.code, `${what}: error.code`).toBe('string');
    expect(typeof body.error?.message, `${what}: error.message`).toBe('string');
    expect((body.error!.message as string).length, `${what}: error.message`).toBeGreaterThan(0);
  }

  const call = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
    fetch(server.url + path, { method, headers: { ...bearer(server.token), 'content-type': 'application/json', ...headers }, body });

  /**
   * A request with a path exactly as given (fetch would normalise `..` and escapes). With
   * `declaredLength`, the body is announced that long but never sent: the server must refuse
   * it from the header alone.
   */
  function rawRequest(method: string, path: string, body?: string, declaredLength?: number): Promise<Response> {
    return new Promise((resolve, reject) => {
      const length = declaredLength ?? (body === undefined ? undefined : Buffer.byteLength(body));
      const headers = { ...bearer(server.token), 'content-type': 'application/json', ...(length === undefined ? {} : { 'content-length': String(length) }) };
      const req = httpRequest(
        { host: '127.0.0.1', port: server.port, method, path, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const headers = new Headers();
            for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
            resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers }));
          });
        },
      );
      req.on('error', reject);
      if (declaredLength !== undefined) req.flushHeaders();
      else {
        if (body !== undefined) req.write(body);
        req.end();
      }
    });
  }

  beforeAll(async () => {
    server = await startTestServer({ dataDir: tmp.dir, env: { GONGBI_MAX_BODY_BYTES: String(MAX_BODY) } });
    peerA = await connectSynced(server.wsUrl, DOC, server.token);
    peerB = await connectSynced(server.wsUrl, DOC, server.token);
    const res = await call('POST', '/api/invitations', JSON.stringify({ email: 'new.member@example.org', role: 'civil_editor', affiliation: { kind: 'civil_society', id: 'ocf', name: '開放文化基金會' } }));
    expect(res.status).toBe(201);
    invitation = ((await res.json()) as { token: string }).token;
    before = await storedState();
  });
  afterAll(async () => {
    peerA.destroy();
    peerB.destroy();
    await server.close();
    tmp.remove();
  });

  /** Valid bodies of every route that reads one: hostile ones are derived from these. */
  const routes = () => [
    { method: 'POST', path: '/api/plans', valid: { slug: 'nap9', title: { zh: '第九期', en: 'Ninth' }, periodStart: '2030-01-01', periodEnd: '2033-12-31', domains: [{ id: 'd1', name: { zh: '範疇', en: 'Domain' } }] } },
    { method: 'POST', path: `/api/plans/${PLAN}/commitments`, valid: { slug: 'new-one', domainId: 'd1', number: '20', title: { zh: '新承諾', en: 'New' }, leadAgency: { id: 'ndc', zh: '國家發展委員會', en: 'NDC' } } },
    { method: 'PATCH', path: `/api/commitments/${DOC}`, valid: { title: { zh: '改名', en: 'Renamed' } } },
    { method: 'POST', path: `/api/commitments/${DOC}/lead-agency`, valid: { leadAgency: { id: 'moda', zh: '數位發展部', en: 'MODA' }, note: '組織改造' } },
    { method: 'POST', path: '/api/auth/sign-in', valid: { email: 'nobody@example.org', password: 'not the password' } },
    { method: 'POST', path: '/api/invitations', valid: { email: 'someone@example.org', role: 'viewer', affiliation: { kind: 'civil_society', id: 'g0v', name: 'g0v' } } },
    { method: 'POST', path: `/api/invitations/${invitation}/accept`, valid: { name: '新成員', password: 'a long enough password' } },
  ];

  it(`[AP1] wrong types in every field of every body, on every route: 4xx JSON errors, nothing stored (seed ${SEED})`, async () => {
    const rng = seededRng(SEED);
    let n = 0;
    for (const route of routes()) {
      for (const { path, kind } of fieldPaths(route.valid)) {
        for (const value of [...wrongTypes(kind), ...(kind === 'string' ? [] : [rng.pick(NASTY_STRINGS)])]) {
          const body = withField(route.valid, path, value);
          await expectRefusal(await call(route.method, route.path, JSON.stringify(body)), `${route.method} ${route.path} ${path.join('.')}=${JSON.stringify(value)}`);
          n++;
        }
      }
    }
    expect(n).toBeGreaterThan(150);
    expect(await storedState()).toBe(before);
  });

  it(`[AP2] seeded random JSON, unicode edge cases and non-JSON bodies: 4xx JSON errors, nothing stored (seed ${SEED})`, async () => {
    const rng = seededRng(SEED + 1);
    const raw = ['', '{', '}', 'nul', '\u0000', '\ufeff{}', '[]', '"str"', '1e999', '-0', 'true', '{"a":1,"a":2}', '{"__proto__":{"admin":true}}', '['.repeat(30_000) + ']'.repeat(30_000), '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)];
    for (const route of routes()) {
      for (const body of raw) await expectRefusal(await call(route.method, route.path, body), `${route.method} ${route.path} raw ${JSON.stringify(body.slice(0, 20))}`);
      for (let i = 0; i < 25; i++) {
        const body = JSON.stringify(randomJson(rng));
        await expectRefusal(await call(route.method, route.path, body), `${route.method} ${route.path} ${body.slice(0, 120)}`);
      }
      // A body just under the size limit with an over-long string, and one over it.
      const long = withField(route.valid, fieldPaths(route.valid).find((f) => f.kind === 'string')!.path, '承'.repeat(MAX_BODY / 4));
      await expectRefusal(await call(route.method, route.path, JSON.stringify(long)), `${route.method} ${route.path} long string`);
      const res = await rawRequest(route.method, route.path, undefined, MAX_BODY * 4);
      expect(res.status).toBe(413);
      await expectRefusal(res, `${route.method} ${route.path} oversized body`);
    }
    expect(await storedState()).toBe(before);
  });

  it('[AP3] a body over the limit is refused without being read whole: announced (Content-Length) or streamed (chunked)', async () => {
    const announced = await rawRequest('POST', '/api/plans', undefined, 1024 ** 3);
    expect(announced.status).toBe(413);
    await expectRefusal(announced, 'a 1 GiB body announced');
    // Chunked, with no length: the server stops reading once past the limit and answers.
    const streamed = await new Promise<Response>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/plans', headers: { ...bearer(server.token), 'content-type': 'application/json' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers: { 'content-type': String(res.headers['content-type']) } })));
        },
      );
      let answered = false;
      req.on('response', () => (answered = true));
      req.on('error', (err) => (answered ? undefined : reject(err)));
      const chunk = 'x'.repeat(16 * 1024);
      let sent = 0;
      const pump = () => {
        while (!answered && sent < 64 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
    expect(streamed.status).toBe(413);
    await expectRefusal(streamed, 'a streamed body over the limit');
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('[AP4] hostile query strings: ?plan= and ?token= answer 4xx JSON errors', async () => {
    for (const name of [...NASTY_NAMES, crossKind('plan')]) {
      await expectRefusal(await rawRequest('GET', `/api/commitments?plan=${name}`), `?plan=${name.slice(0, 40)}`);
    }
    for (const q of ['plan[]=plan-nap1', 'plan=plan-nap1&plan=..', 'plan=%zz']) {
      const res = await rawRequest('GET', `/api/commitments?${q}`);
      // Either the first value wins (a real plan: 200) or it is refused; never a 500.
      if (res.status !== 200) await expectRefusal(res, `?${q}`);
    }
    for (const token of ['', 'x'.repeat(10_000), '%00', '..%2f', encodeURIComponent('承諾')]) {
      const res = await fetch(`${server.url}/api/commitments?token=${token}`);
      await expectRefusal(res, `?token=${token.slice(0, 20)}`);
      expect(res.status).toBe(401);
    }
    expect(await storedState()).toBe(before);
  });

  it('[AP5] hostile path parameters on every registered API route: 4xx JSON errors, nothing stored', async () => {
    const apiRoutes = [...new Set(server.gongbi.app.routes.filter((r) => r.path.startsWith('/api/') && r.path.includes(':')).map((r) => `${r.method} ${r.path}`))];
    expect(apiRoutes.length).toBeGreaterThan(8);
    // Bodies that pass validation, so the handler gets as far as looking the id up.
    const bodies: Record<string, unknown> = {
      'POST /api/plans/:planId/commitments': routes()[1]!.valid,
      'PATCH /api/commitments/:id': routes()[2]!.valid,
      'POST /api/commitments/:id/lead-agency': routes()[3]!.valid,
      'POST /api/invitations/:token/accept': routes()[6]!.valid,
      'POST /api/plans/:planId/cycles': { label: '第3次推動小組會議', meetingDate: '2021-04-30' },
      'POST /api/commitments/:id/suggestions': { field: 'title', lang: 'zh', text: '建議的標題' },
      'POST /api/suggestions/:sid/decline': { reason: '不採納' },
    };
    let n = 0;
    for (const route of apiRoutes) {
      const [method, pattern] = route.split(' ') as [string, string];
      const param = /:([A-Za-z]+)/.exec(pattern)![1]!;
      for (const name of [...NASTY_NAMES, crossKind(param)]) {
        const path = pattern.replace(/:[A-Za-z]+/g, name).replace(/\/\*$/, '/x');
        const body = method === 'GET' ? undefined : JSON.stringify(bodies[route] ?? {});
        const res = await rawRequest(method === 'ALL' ? 'POST' : method, path, body);
        await expectRefusal(res, `${method} ${path.slice(0, 80)}`);
        n++;
      }
    }
    expect(n).toBeGreaterThan(150);
    expect(await storedState()).toBe(before);
  });

  it('[AP6] after all of it: healthy, and the sync clients still work', async () => {
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    shortText(peerA.doc, 'partners', 'zh').insert(0, '仍然同步');
    await waitFor(() => shortText(peerB.doc, 'partners', 'zh').toString().startsWith('仍然同步'), { what: 'the sync clients to keep working' });
  });
});
