/**
 * Open data without sign-in: the data package describes every field in zh-TW and English
 * with the licence; the CSV validates against it (zod schemas built from the served Table
 * Schema); ETags and versions on every file; a change reaches the stable URLs only with the
 * next publication, while the versioned URLs never change.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MILESTONE_STATUS_LABELS, shortText, type CommitmentJSON } from '../../shared/schema/index.js';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { connectSynced } from '../helpers/peers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { parseCsv } from '../export/fixtures.js';

const PLAN = 'plan-nap1';
const C04 = 'c-04-access-to-information';
let tmp: ReturnType<typeof tempDir>;
let server: TestServer;
let first = '';

const open = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}/open-data${path}`, { headers });
const post = (path: string, body?: unknown) =>
  fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(server.token) }, body: JSON.stringify(body ?? {}) });
const publishCycle = async (label: string, publish = true) => {
  const id = (await (await post(`/api/plans/${PLAN}/cycles`, { label, meetingDate: '2021-04-30' })).json()).cycle.id as string;
  expect((await post(`/api/cycles/${id}/snapshot`)).status).toBe(201);
  if (publish) expect((await post(`/api/cycles/${id}/publish`)).status).toBe(201);
  return id;
};
const csvRecords = (text: string) => parseCsv(text.replace(/^\uFEFF/, ''));

interface SchemaField {
  name: string;
  type: 'string' | 'date' | 'integer' | 'number';
  titles: { zh: string; en: string };
  descriptions: { zh: string; en: string };
  constraints?: { required?: boolean };
}

/** A row validator from a Table Schema: strings, `YYYY-MM-DD` dates that exist, required fields non-empty. */
function rowSchema(fields: SchemaField[]) {
  const date = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a date');
  return z.tuple(
    fields.map((f) => {
      const base = f.type === 'date' ? date : f.type === 'integer' ? z.string().regex(/^-?\d+$/) : f.type === 'number' ? z.string().regex(/^-?\d+(\.\d+)?$/) : z.string();
      return f.constraints?.required ? (f.type === 'date' ? date : z.string().min(1)) : z.union([z.literal(''), base]);
    }) as unknown as [z.ZodType, ...z.ZodType[]],
  );
}

beforeAll(async () => {
  tmp = tempDir();
  server = await startTestServer({ dataDir: tmp.dir });
  first = await publishCycle('第3次推動小組會議');
});
afterAll(async () => {
  await server.close();
  tmp.remove();
});

describe('open data', () => {
  it('describes every field in both languages with the licence, without a session', async () => {
    const res = await open('/datapackage.json');
    expect(res.status).toBe(200);
    const pkg = await res.json();
    expect(pkg.profile).toBe('tabular-data-package');
    expect(pkg.licenses[0]).toEqual({ name: '政府資料開放授權條款－第1版', title: '政府資料開放授權條款－第1版', path: 'https://data.gov.tw/license' });
    expect(pkg.version).toBe('第3次推動小組會議');
    expect(pkg.resources.map((r: { name: string }) => r.name)).toEqual(['commitments', 'milestones', 'budget', 'comments']);
    for (const r of pkg.resources) {
      expect(r.path).toBe(`/open-data/latest/${r.name}.csv`);
      for (const f of r.schema.fields as SchemaField[]) {
        for (const v of [f.titles.zh, f.titles.en, f.descriptions.zh, f.descriptions.en]) expect(v, `${r.name}.${f.name}`).toMatch(/\S/);
      }
    }
  });

  it('serves CSV that validates against its Table Schema, with status labels in the chosen language, versions and ETags', async () => {
    const pkg = await (await open('/datapackage.json')).json();
    for (const resource of pkg.resources) {
      const res = await open(`/latest/${resource.name}.csv`);
      expect(res.status).toBe(200);
      // text() would drop the BOM, which is part of the hashed bytes.
      const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
      expect(res.headers.get('x-gongbi-cycle')).toBe(first);
      expect(decodeURIComponent(res.headers.get('x-gongbi-version')!)).toBe('第3次推動小組會議');
      expect(res.headers.get('x-gongbi-content-sha256')).toBe(createHash('sha256').update(body, 'utf8').digest('hex'));
      expect(resource.hash).toBe(`sha256:${res.headers.get('x-gongbi-content-sha256')}`);
      const [header, ...rows] = csvRecords(body);
      const fields = resource.schema.fields as SchemaField[];
      expect(header).toEqual(fields.map((f) => f.name));
      const schema = rowSchema(fields);
      for (const row of rows) expect(schema.safeParse(row).success, `${resource.name}: ${row.join('|')}`).toBe(true);
      // The demo plan has no budget years and no answered comments yet.
      if (resource.name !== 'comments' && resource.name !== 'budget') expect(rows.length).toBeGreaterThan(10);
      const again = await open(`/latest/${resource.name}.csv`, { 'if-none-match': res.headers.get('etag')! });
      expect(again.status).toBe(304);
    }
    const en = csvRecords(await (await open('/latest/milestones.csv?lang=en')).text());
    const status = en[0]!.indexOf('status');
    const english = new Set(Object.values(MILESTONE_STATUS_LABELS).map((l) => l.en));
    for (const row of en.slice(1)) expect(english.has(row[status]!)).toBe(true);
    const json = await (await open('/latest/commitments.json')).json();
    expect(json.licence.name).toBe('政府資料開放授權條款－第1版');
    expect(json.rows.length).toBeGreaterThan(10);
    expect(JSON.stringify(json)).not.toContain('enBasis');
    // Rich sections come as plain text and HTML beside the ProseMirror structure.
    const problem = json.rows[0].sections.problem.zh;
    expect(problem.doc.type).toBe('doc');
    expect(problem.text.length).toBeGreaterThan(10);
    expect(problem.html).toMatch(/^<p>/);
    expect(problem.html).toContain(problem.text.split('\n')[0]!.slice(0, 10));
    expect((await open('/latest/secrets.csv')).status).toBe(404);
    expect((await open('/nope/commitments.csv')).status).toBe(404);
  });

  it('shows a change only after the next publication; the versioned URLs never change', { timeout: 60_000 }, async () => {
    const agency = await connectSynced(server.wsUrl, C04, await signIn(over(server.url), DEMO.agency));
    try {
      shortText(agency.doc, 'title', 'en').insert(0, 'REVISED ');
      await waitFor(async () => ((await (await fetch(`${server.url}/api/commitments/${C04}`, { headers: bearer(server.token) })).json()).commitment as CommitmentJSON).title.en.startsWith('REVISED '), {
        what: 'the edit to be stored',
      });
    } finally {
      agency.destroy();
    }
    expect(await (await open('/latest/commitments.csv')).text()).not.toContain('REVISED ');
    const unpublished = await publishCycle('第4次推動小組會議', false);
    expect(await (await open('/latest/commitments.csv')).text()).not.toContain('REVISED ');
    expect((await open(`/${unpublished}/commitments.csv`)).status).toBe(404);
    expect((await post(`/api/cycles/${unpublished}/publish`)).status).toBe(201);
    expect(await (await open('/latest/commitments.csv')).text()).toContain('REVISED ');
    const old = await open(`/${first}/commitments.csv`);
    expect(old.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await old.text()).not.toContain('REVISED ');
  });

  it('keeps each plan at a stable URL of its own when the site holds several, and lists them in index.json', { timeout: 60_000 }, async () => {
    const created = await post('/api/plans', {
      slug: 'nap2',
      title: { zh: '第二期開放政府國家行動方案', en: 'Second National Action Plan' },
      periodStart: '2025-01-01',
      periodEnd: '2028-12-31',
      domains: [{ id: 'd-1', name: { zh: '資料開放', en: 'Open data' } }],
    });
    expect(created.status).toBe(201);
    const commitment = await post('/api/plans/plan-nap2/commitments', {
      slug: 'second-one',
      domainId: 'd-1',
      number: '1-1',
      title: { zh: '第二期的第一項承諾', en: 'The second plan’s first commitment' },
      leadAgency: { id: 'ndc', zh: '國家發展委員會', en: 'National Development Council' },
    });
    expect(commitment.status, await commitment.clone().text()).toBe(201);
    // Not published yet: its stable URL is a 404 and the catalogue leaves it out.
    expect((await open('/plans/plan-nap2/latest/commitments.csv')).status).toBe(404);
    expect((await (await open('/index.json')).json()).plans.map((p: { planId: string }) => p.planId)).toEqual([PLAN]);

    const id = (await (await post('/api/plans/plan-nap2/cycles', { label: '第二期第1次會議', meetingDate: '2025-03-01' })).json()).cycle.id as string;
    expect((await post(`/api/cycles/${id}/snapshot`)).status).toBe(201);
    expect((await post(`/api/cycles/${id}/publish`)).status).toBe(201);

    // The site-wide /latest follows the newest publication; each plan keeps its own.
    const nap2 = await (await open('/plans/plan-nap2/latest/commitments.csv')).text();
    expect(nap2).toContain('第二期的第一項承諾');
    expect(nap2).not.toContain('完備政府資料開放');
    const nap1 = await open(`/plans/${PLAN}/latest/commitments.csv`);
    expect(nap1.status).toBe(200);
    expect(nap1.headers.get('content-location')).toMatch(new RegExp(`^/open-data/[^/]+/commitments\\.csv$`));
    const nap1Text = await nap1.text();
    expect(nap1Text).not.toContain('第二期的第一項承諾');
    expect(nap1Text).toContain('REVISED ');
    const pkg = await (await open('/plans/plan-nap2/datapackage.json')).json();
    expect(pkg.cycleId).toBe(id);
    expect(pkg.resources[0].path).toBe('/open-data/plans/plan-nap2/latest/commitments.csv');
    expect((await open('/plans/plan-nap2/latest/datapackage.json')).status).toBe(200);

    const index = await open('/index.json');
    expect(index.headers.get('etag')).toBeTruthy();
    expect(index.headers.get('content-location')).toBeNull();
    const { plans, licence } = await index.json();
    expect(licence.name).toBeTruthy();
    expect(plans.map((p: { planId: string }) => p.planId)).toEqual(['plan-nap2', PLAN]);
    expect(plans[0]).toMatchObject({ cycleId: id, latest: '/open-data/plans/plan-nap2/datapackage.json', versioned: `/open-data/${id}/datapackage.json` });
    expect((await open('/plans/plan-none/latest/commitments.csv')).status).toBe(404);
    expect((await open('/plans/..%2F..%2Fetc/latest/commitments.csv')).status).toBe(404);
  });
});
