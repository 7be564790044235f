/** The JSON HTTP API through `createApp(...).app.request()`: a real SQLite store in a temp dir, no network. */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { createApp, type GongbiApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/log.js';
import { seedDemoIfEmpty } from '../../server/seed/seed.js';
import { SqliteStore } from '../../server/storage/index.js';
import { DOC_NAME_RE } from '../../shared/protocol/docNames.js';
import type {
  CommitmentResponse,
  CommitmentsResponse,
  ErrorBody,
  PlanResponse,
  PlansResponse,
} from '../../shared/protocol/api.js';
import { DEMO, bearer, signIn } from '../helpers/auth.js';
import { renderCommitment, type CommitmentJSON, type PlanJSON } from '../../shared/schema/index.js';

const PLAN = 'plan-nap1';

let dir: string;
let store: SqliteStore;
let gongbi: GongbiApp;
/** A coordinator's session: these tests exercise the API, the role table is tested apart. */
let token: string;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongbi-'));
  // NORMAL: tests need no power-loss durability, and seeding 20 documents is 4x faster.
  const config = loadConfig({ GONGBI_DATA_DIR: dir, GONGBI_LOG_LEVEL: 'silent', GONGBI_SQLITE_SYNC: 'NORMAL' });
  store = new SqliteStore({ file: path.join(config.dataDir, 'gongbi.db'), synchronous: config.sqliteSync });
  gongbi = createApp({ config, store, logger: silentLogger });
  expect(await seedDemoIfEmpty(store, gongbi.rooms)).toBe(true);
  token = await signIn((p, init) => gongbi.app.request(p, init), DEMO.coordinator);
});

afterEach(async () => {
  await gongbi.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Sends a request; a non-string body is sent as JSON. */
async function call(method: string, url: string, body?: unknown): Promise<{ status: number; json: any }> {
  const init: RequestInit = { method, headers: bearer(token) };
  if (body !== undefined) {
    init.headers = { ...bearer(token), 'Content-Type': 'application/json' };
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await gongbi.app.request(url, init);
  expect(res.headers.get('content-type') ?? '').toMatch(/application\/json/);
  return { status: res.status, json: await res.json() };
}

/** Every error answer: the status, and the body `{ error: { code, message } }` with a readable message. */
async function expectError(method: string, url: string, status: number, code: string, body?: unknown): Promise<string> {
  const res = await call(method, url, body);
  expect(res.status).toBe(status);
  expect(Object.keys(res.json)).toEqual(['error']);
  const error = (res.json as ErrorBody).error;
  expect(Object.keys(error).sort()).toEqual(['code', 'message']);
  expect(error.code).toBe(code);
  expect(typeof error.message).toBe('string');
  expect(error.message.length).toBeGreaterThan(10);
  return error.message;
}

const getCommitment = async (id: string) => {
  const res = await call('GET', `/api/commitments/${id}`);
  expect(res.status).toBe(200);
  return res.json as CommitmentResponse;
};

const getPlan = async (id = PLAN) => {
  const res = await call('GET', `/api/plans/${id}`);
  expect(res.status).toBe(200);
  return res.json as PlanResponse;
};

/** The commitment as stored: rebuilt from the store itself, not from the server's memory. */
async function storedCommitment(id: string): Promise<CommitmentJSON> {
  const loaded = await store.loadDocument(id);
  const doc = new Y.Doc();
  for (const part of loaded.state ? [loaded.state, ...loaded.updates] : loaded.updates) Y.applyUpdate(doc, part);
  return renderCommitment(doc);
}

const newPlan = {
  slug: 'nap2',
  title: { zh: '第二期國家行動方案', en: 'Second National Action Plan' },
  periodStart: '2025-01-01',
  periodEnd: '2028-12-31',
  domains: [
    { id: 'open-data', name: { zh: '開放資料', en: 'Open data' } },
    { id: 'integrity', name: { zh: '廉政', en: 'Integrity' } },
  ],
};

const newCommitment = {
  slug: 'data-catalogue',
  domainId: 'd2',
  number: '2-6',
  title: { zh: '資料目錄', en: 'Data catalogue' },
  leadAgency: { id: 'moda', zh: '數位發展部', en: 'Ministry of Digital Affairs' },
};

describe('GET /api/health', () => {
  it('reports ok with the storage kind', async () => {
    const res = await call('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'ok', storage: { kind: 'sqlite', ok: true }, connections: 0 });
    expect(typeof res.json.loadedDocuments).toBe('number');
  });

  it('reports degraded with 503 when the store does not answer', async () => {
    await store.close();
    const res = await call('GET', '/api/health');
    expect(res.status).toBe(503);
    expect(res.json).toMatchObject({ status: 'degraded', storage: { kind: 'sqlite', ok: false } });
  });
});

describe('plans', () => {
  it('GET /api/plans lists the demo plan with its 19 commitments', async () => {
    const res = await call('GET', '/api/plans');
    expect(res.status).toBe(200);
    const { plans } = res.json as PlansResponse;
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({
      id: PLAN,
      title: { zh: '開放政府國家行動方案（2021-2024）' },
      periodStart: '2021-01-01',
      periodEnd: '2024-05-31',
      commitmentCount: 19,
    });
  });

  it('GET /api/plans/:planId returns 5 domains and 19 summaries in domain order', async () => {
    const { plan, commitments } = await getPlan();
    expect(plan.id).toBe(PLAN);
    expect(plan.domains.map((d) => d.id)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5']);
    expect(commitments).toHaveLength(19);
    // Summaries follow the plan: domain by domain, in each domain's own order.
    expect(commitments.map((c) => c.id)).toEqual(plan.domains.flatMap((d) => d.commitmentIds));
    const domainRank = commitments.map((c) => plan.domains.findIndex((d) => d.id === c.domainId));
    expect(domainRank).toEqual([...domainRank].sort((a, b) => a - b));
    expect(commitments.map((c) => c.number).slice(0, 6)).toEqual(['1-1', '1-2', '1-3', '1-4', '1-5', '2-1']);

    // The demo ids sort by name in plan order too; a late id added to the first domain must
    // still be listed with that domain, not by name.
    const late = { ...newCommitment, slug: 'zz-late', domainId: 'd1', number: '1-6' };
    expect((await call('POST', `/api/plans/${PLAN}/commitments`, late)).status).toBe(201);
    const again = await getPlan();
    expect(again.commitments.map((c) => c.id).indexOf('c-zz-late')).toBe(5);
    expect(again.commitments.map((c) => c.id)).toEqual(again.plan.domains.flatMap((d) => d.commitmentIds));
  });

  it('GET /api/plans/:planId answers 404 for an unknown plan and for a commitment id', async () => {
    await expectError('GET', '/api/plans/plan-nope', 404, 'not_found');
    const { commitments } = await getPlan();
    await expectError('GET', `/api/plans/${commitments[0]!.id}`, 404, 'not_found');
  });

  it('POST /api/plans creates a plan (201) that is then listed and readable', async () => {
    const res = await call('POST', '/api/plans', newPlan);
    expect(res.status).toBe(201);
    const plan = res.json.plan as PlanJSON;
    expect(plan).toMatchObject({ id: 'plan-nap2', title: newPlan.title, periodStart: '2025-01-01', periodEnd: '2028-12-31' });
    expect(plan.domains).toEqual([
      { id: 'open-data', name: newPlan.domains[0]!.name, commitmentIds: [] },
      { id: 'integrity', name: newPlan.domains[1]!.name, commitmentIds: [] },
    ]);
    const listed = (await call('GET', '/api/plans')).json as PlansResponse;
    expect(listed.plans.map((p) => [p.id, p.commitmentCount]).sort()).toEqual([['plan-nap1', 19], ['plan-nap2', 0]]);
    const read = await getPlan('plan-nap2');
    expect(read.plan.domains.map((d) => d.id)).toEqual(['open-data', 'integrity']);
    expect(read.commitments).toEqual([]);
  });

  it('POST /api/plans answers 409 on a slug already taken', async () => {
    expect((await call('POST', '/api/plans', newPlan)).status).toBe(201);
    const message = await expectError('POST', '/api/plans', 409, 'conflict', { ...newPlan, title: { zh: '另一個', en: '' } });
    expect(message).toContain('plan-nap2');
    // The demo plan's slug is taken too; and the first plan is unchanged.
    await expectError('POST', '/api/plans', 409, 'conflict', { ...newPlan, slug: 'nap1' });
    expect((await getPlan('plan-nap2')).plan.title).toEqual(newPlan.title);
  });

  it('POST /api/plans answers 400 naming the bad field, and 400 on invalid JSON', async () => {
    const badSlug = await expectError('POST', '/api/plans', 400, 'bad_request', { ...newPlan, slug: 'Not A Slug' });
    expect(badSlug).toMatch(/slug/);
    const badDate = await expectError('POST', '/api/plans', 400, 'bad_request', { ...newPlan, periodEnd: '31/12/2028' });
    expect(badDate).toMatch(/periodEnd/);
    const noTitle = await expectError('POST', '/api/plans', 400, 'bad_request', { ...newPlan, title: { zh: '  ', en: 'x' } });
    expect(noTitle).toMatch(/title\.zh/);
    const notJson = await expectError('POST', '/api/plans', 400, 'bad_request', '{"slug": "nap2",');
    expect(notJson).toMatch(/JSON/);
    // Nothing was created by the refused requests.
    expect(((await call('GET', '/api/plans')).json as PlansResponse).plans).toHaveLength(1);
  });
});

describe('commitments', () => {
  it('GET /api/commitments?plan= lists 19 items whose id is the /sync/<id> document name', async () => {
    const res = await call('GET', `/api/commitments?plan=${PLAN}`);
    expect(res.status).toBe(200);
    const { commitments } = res.json as CommitmentsResponse;
    expect(commitments).toHaveLength(19);
    for (const c of commitments) {
      expect(c.id).toMatch(/^c-/);
      expect(c.id).toMatch(DOC_NAME_RE);
      expect(c.planId).toBe(PLAN);
      // The id is the stored document's name: what a client opens at /sync/<id>.
      expect((await store.getDocument(c.id))?.kind).toBe('commitment');
    }
    expect(new Set(commitments.map((c) => c.id)).size).toBe(19);
    await expectError('GET', '/api/commitments?plan=plan-nope', 404, 'not_found');
  });

  it('GET /api/commitments/:id returns the commitment and its summary', async () => {
    const first = ((await call('GET', `/api/commitments?plan=${PLAN}`)).json as CommitmentsResponse).commitments[0]!;
    const { commitment, summary } = await getCommitment(first.id);
    expect(commitment.id).toBe(first.id);
    expect(commitment.number).toBe('1-1');
    expect(commitment.milestones.length).toBeGreaterThan(0);
    expect(commitment.sections.problem.zh.content.length).toBeGreaterThan(0);
    expect(summary).toEqual(first);
    await expectError('GET', '/api/commitments/c-nope', 404, 'not_found');
    // A plan is not a commitment.
    await expectError('GET', `/api/commitments/${PLAN}`, 404, 'not_found');
  });

  it('POST /api/plans/:planId/commitments creates one (201) at the end of its domain', async () => {
    const res = await call('POST', `/api/plans/${PLAN}/commitments`, newCommitment);
    expect(res.status).toBe(201);
    const created = res.json.commitment as CommitmentJSON;
    expect(created).toMatchObject({ id: 'c-data-catalogue', number: '2-6', domainId: 'd2', title: newCommitment.title, leadAgency: newCommitment.leadAgency });

    const { plan, commitments } = await getPlan();
    const d2 = plan.domains.find((d) => d.id === 'd2')!;
    expect(d2.commitmentIds).toHaveLength(6);
    expect(d2.commitmentIds.at(-1)).toBe('c-data-catalogue');
    expect(plan.domains.filter((d) => d.commitmentIds.includes('c-data-catalogue'))).toHaveLength(1);
    expect(commitments).toHaveLength(20);
    expect(commitments.map((c) => c.id).indexOf('c-data-catalogue')).toBe(10);
    expect((await getCommitment('c-data-catalogue')).commitment).toEqual(created);
    expect(((await call('GET', '/api/plans')).json as PlansResponse).plans[0]!.commitmentCount).toBe(20);
  });

  it('POST /api/plans/:planId/commitments answers 400 on an unknown domain, 404 on an unknown plan, 409 on a taken slug', async () => {
    const message = await expectError('POST', `/api/plans/${PLAN}/commitments`, 400, 'bad_request', { ...newCommitment, domainId: 'd9' });
    expect(message).toContain('d9');
    expect(message).toContain('d1');
    await expectError('POST', '/api/plans/plan-nope/commitments', 404, 'not_found', newCommitment);
    await expectError('POST', `/api/plans/${PLAN}/commitments`, 400, 'bad_request', { ...newCommitment, leadAgency: { id: 'x' } });
    expect(await store.getDocument('c-data-catalogue')).toBeNull();
    expect((await call('POST', `/api/plans/${PLAN}/commitments`, newCommitment)).status).toBe(201);
    await expectError('POST', `/api/plans/${PLAN}/commitments`, 409, 'conflict', newCommitment);
  });

  it('PATCH /api/commitments/:id renames it, in the stored document too', async () => {
    const { commitments } = await getPlan();
    const id = commitments[3]!.id;
    const before = (await getCommitment(id)).commitment;
    const title = { zh: '新的承諾名稱', en: 'A new commitment title' };
    const res = await call('PATCH', `/api/commitments/${id}`, { title });
    expect(res.status).toBe(200);
    expect((res.json.commitment as CommitmentJSON).title).toEqual(title);
    expect((await getCommitment(id)).summary.title).toEqual(title);
    const stored = await storedCommitment(id);
    expect(stored.title).toEqual(title);
    // Only the title changed.
    expect({ ...stored, title: before.title }).toEqual(before);
    await expectError('PATCH', '/api/commitments/c-nope', 404, 'not_found', { title });
    await expectError('PATCH', `/api/commitments/${id}`, 400, 'bad_request', { title: { en: 'only English' } });
  });

  it('POST /api/commitments/:id/lead-agency moves it: new lead agency, a recorded event, history kept', async () => {
    const { commitments } = await getPlan();
    const id = commitments[0]!.id;
    const before = (await getCommitment(id)).commitment;
    const auditBefore = await store.listUpdateAudit(id);
    expect(auditBefore.length).toBeGreaterThan(0);
    const to = { id: 'moda', zh: '數位發展部', en: 'Ministry of Digital Affairs' };
    expect(before.leadAgency.id).not.toBe(to.id);
    expect(before.coAgencies.map((a) => a.id)).not.toContain(to.id);

    const res = await call('POST', `/api/commitments/${id}/lead-agency`, { leadAgency: to, note: '組織改造' });
    expect(res.status).toBe(200);
    expect((res.json.commitment as CommitmentJSON).leadAgency).toEqual(to);

    const after = await getCommitment(id);
    expect(after.commitment.leadAgency).toEqual(to);
    expect(after.summary.leadAgency).toEqual(to);
    expect((await storedCommitment(id)).leadAgency).toEqual(to);
    // Same document, same content: only the lead agency changed.
    expect(after.commitment.id).toBe(id);
    expect({ ...after.commitment, leadAgency: before.leadAgency }).toEqual(before);
    // The edit history of the document is still there, with the move appended to it.
    const auditAfter = await store.listUpdateAudit(id);
    expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore);
    expect(auditAfter.length).toBeGreaterThan(auditBefore.length);

    const history = await call('GET', `/api/commitments/${id}/history`);
    expect(history.status).toBe(200);
    expect(history.json.events).toHaveLength(1);
    expect(history.json.events[0]).toMatchObject({
      name: id,
      type: 'lead_agency_moved',
      data: { from: before.leadAgency, to, note: '組織改造' },
    });
  });

  it('a move to the current lead agency records nothing; a move to a co-agency drops it from the co-agencies', async () => {
    const { commitments } = await getPlan();
    const id = commitments[0]!.id;
    const before = (await getCommitment(id)).commitment;
    expect((await call('POST', `/api/commitments/${id}/lead-agency`, { leadAgency: before.leadAgency })).status).toBe(200);
    expect((await call('GET', `/api/commitments/${id}/history`)).json.events).toEqual([]);

    const co = before.coAgencies[0]!;
    expect(co).toBeDefined();
    const moved = (await call('POST', `/api/commitments/${id}/lead-agency`, { leadAgency: co })).json.commitment as CommitmentJSON;
    expect(moved.leadAgency).toEqual(co);
    expect(moved.coAgencies.map((a) => a.id)).not.toContain(co.id);
    await expectError('POST', '/api/commitments/c-nope/lead-agency', 404, 'not_found', { leadAgency: co });
    await expectError('GET', '/api/commitments/c-nope/history', 404, 'not_found');
  });
});

describe('errors', () => {
  it('an unknown endpoint answers 404 JSON naming it', async () => {
    const message = await expectError('GET', '/api/nope', 404, 'not_found');
    expect(message).toContain('/api/nope');
    // A known path with a method it does not answer is a 405 naming the methods it does.
    expect(await expectError('DELETE', `/api/plans/${PLAN}`, 405, 'method_not_allowed')).toContain('GET');
    await expectError('POST', '/api/commitments/c-x/unknown', 404, 'not_found', {});
  });

  it('an unexpected failure answers 500 with the same error shape and no internals', async () => {
    gongbi.catalog.listPlans = async () => {
      throw new Error('secret internal detail at /srv/gongbi');
    };
    const message = await expectError('GET', '/api/plans', 500, 'internal');
    expect(message).not.toMatch(/secret|srv/i);
  });

  it('a store that went away answers 503 "unavailable", without internals', async () => {
    await store.close();
    const message = await expectError('GET', '/api/plans', 503, 'unavailable');
    expect(message).not.toMatch(/sqlite|connection is not open/i);
  });
});
