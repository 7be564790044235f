/**
 * Import over HTTP on a real server with real sign-ins: preview then import into an empty
 * plan (the new commitments open over a real WebSocket with their fields), an update of an
 * existing commitment by its agency editor (a checkpoint before it, attributed to them), a
 * viewer refused, and hostile files refused with nothing created.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import { unzipSync, zipSync, strToU8, strFromU8 } from 'fflate';
import { bearer } from '../helpers/auth.js';
import { caller, signInAll, type Who } from '../helpers/call.js';
import { connectSynced } from '../helpers/peers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/waitFor.js';
import { renderDocx } from '../../server/export/index.js';
import { demoPlan, DEMO_PLAN_ID } from '../../server/seed/demoPlan.js';
import { renderCommitment, richToPlain } from '../../shared/schema/index.js';
import { IMPORT_CONTENT_TYPES, type ImportPreview, type ImportResult } from '../../shared/protocol/import.js';

const DOCX = IMPORT_CONTENT_TYPES.docx;
const MD = 'text/markdown; charset=utf-8';
const C04 = 'c-04-access-to-information';

let server: TestServer;
let tokens: Record<Who, string>;

beforeAll(async () => {
  server = await startTestServer();
  tokens = await signInAll(server);
});
afterAll(async () => {
  await server?.close();
});

/** A file (`body`, of content type `type`) or JSON sent as `who`. */
const call = (who: Who, method: string, path: string, body?: Uint8Array | string, type?: string) => caller(server, tokens)(who, method, path, body, { type });

/** The status of a request that announces `length` bytes of body and sends none. */
function announced(path: string, length: number, type: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, method: 'POST', path, headers: { ...bearer(tokens.coordinator), 'content-type': type, 'content-length': String(length) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.flushHeaders();
  });
}

async function emptyPlan(slug: string): Promise<string> {
  const res = await call('coordinator', 'POST', '/api/plans', JSON.stringify({ slug, title: { zh: '匯入測試', en: 'Import test' }, periodStart: '2025-01-01', periodEnd: '2028-12-31', domains: [{ id: 'd1', name: { zh: '第一範疇', en: 'First' } }] }));
  expect(res.status).toBe(201);
  return res.body.plan.id as string;
}

const commitmentsOf = async (planId: string) => (await call('coordinator', 'GET', `/api/plans/${planId}`)).body.commitments as Array<{ id: string; number: string }>;

/** Our own DOCX export of two demo commitments (the real exporter). */
async function twoCommitmentsDocx(): Promise<Uint8Array> {
  const { plan, commitments } = demoPlan();
  return renderDocx({ plan, commitments: commitments.slice(0, 2), scope: { kind: 'plan' }, version: { label: 'live', date: '2026-12-04', hash: 'x' }, lang: 'zh' });
}

describe('[IM11] preview then import into an empty plan', () => {
  it('previews two new commitments without creating anything, imports them, and they open over a WebSocket with their fields', async () => {
    const planId = await emptyPlan('import-empty');
    const file = await twoCommitmentsDocx();
    const preview = await call('coordinator', 'POST', `/api/plans/${planId}/import/preview`, file, DOCX);
    expect(preview.status).toBe(200);
    const p = preview.body as ImportPreview;
    const [c1, c2] = demoPlan().commitments;
    expect(p.format).toBe('docx');
    expect(p.commitments.map((c) => [c.number, c.title, c.action, c.allowed, c.domainId])).toEqual([
      [c1!.number, c1!.title.zh, 'create', true, 'd1'],
      [c2!.number, c2!.title.zh, 'create', true, 'd1'],
    ]);
    expect(p.commitments[0]!.fields.leadAgency?.id).toBe(c1!.leadAgency.id);
    expect(p.commitments[0]!.recognised.map((r) => r.field)).toEqual(expect.arrayContaining(['number', 'title', 'leadAgency', 'problem', 'content', 'milestones']));
    expect(p.commitments[0]!.milestoneCount).toBe(c1!.milestones.length);
    expect(await commitmentsOf(planId)).toEqual([]);

    const done = await call('coordinator', 'POST', `/api/plans/${planId}/import`, file, DOCX);
    expect(done.status).toBe(200);
    const result = done.body as ImportResult;
    expect(result.results.map((r) => [r.number, r.action])).toEqual([[c1!.number, 'create'], [c2!.number, 'create']]);
    expect((await commitmentsOf(planId)).map((c) => c.number)).toEqual([c1!.number, c2!.number]);
    // Recorded in the audit trail, with what was created (the file itself is not kept).
    const audit = (await call('coordinator', 'GET', `/api/audit?action=imported&target=${planId}`)).body;
    expect(audit.entries.map((e: { actor: { name: string }; details: unknown }) => [e.actor.name, e.details])).toEqual([
      ['陳協調（國發會）', { results: result.results.map((r) => ({ number: r.number, action: 'create', commitmentId: r.commitmentId, checkpointId: null })) }],
    ]);

    const peer = await connectSynced(server.wsUrl, result.results[0]!.commitmentId, tokens.coordinator);
    try {
      const live = () => renderCommitment(peer.doc);
      await waitFor(() => live().leadAgency.id === c1!.leadAgency.id, { what: 'the lead agency mirrored' });
      const got = live();
      expect(got.title.zh).toBe(c1!.title.zh);
      expect(got.sections.problem.zh).toEqual(c1!.sections.problem.zh);
      expect(got.sections.content.zh).toEqual(c1!.sections.content.zh);
      expect(got.milestones.map((m) => [m.period, m.text.zh, m.indicator.zh, m.due])).toEqual(c1!.milestones.map((m) => [m.period, m.text.zh, m.indicator.zh, m.due]));
      expect([got.startDate, got.endDate]).toEqual([c1!.startDate, c1!.endDate]);
      await waitFor(() => live().coAgencies.length === c1!.coAgencies.length, { what: 'the co-implementing agencies mirrored' });
      expect(live().coAgencies.map((a) => a.id)).toEqual(c1!.coAgencies.map((a) => a.id));
    } finally {
      peer.destroy();
    }
  });
});

describe('[IM12] an update of an existing commitment by its agency editor', () => {
  it('previews the field diff, then edits the live text forward after a checkpoint attributed to the importer', async () => {
    const exported = await call('agency', 'GET', `/api/plans/${DEMO_PLAN_ID}/export.md?commitment=${C04}&lang=zh`);
    expect(exported.status).toBe(200);
    const before = (await call('agency', 'GET', `/api/commitments/${C04}`)).body.commitment;
    const md = exported.text.replace(`| ${before.title.zh} |`, `| ${before.title.zh}（修正版） |`).replace(/(#### 公共問題\n\n)/, '$1新增的第一段。\n\n');
    expect(md).toContain('（修正版）');
    const preview = await call('agency', 'POST', `/api/plans/${DEMO_PLAN_ID}/import/preview?commitment=${C04}`, md, MD);
    expect(preview.status).toBe(200);
    const pc = (preview.body as ImportPreview).commitments[0]!;
    expect([pc.action, pc.commitmentId, pc.allowed]).toEqual(['update', C04, true]);
    expect(pc.diff!.changes.map((ch) => ch.path)).toEqual(['title.zh', 'sections.problem.zh']);
    expect((await call('agency', 'GET', `/api/commitments/${C04}`)).body.commitment.title.zh).toBe(before.title.zh);

    const peer = await connectSynced(server.wsUrl, C04, tokens.agency);
    try {
      const done = await call('agency', 'POST', `/api/plans/${DEMO_PLAN_ID}/import?commitment=${C04}`, md, MD);
      expect(done.status).toBe(200);
      const r = (done.body as ImportResult).results[0]!;
      expect([r.action, r.commitmentId]).toEqual(['update', C04]);
      expect(r.checkpointId).toBeTruthy();
      await waitFor(() => renderCommitment(peer.doc).title.zh === `${before.title.zh}（修正版）`, { what: 'the new title live' });
      expect(richToPlain(renderCommitment(peer.doc).sections.problem.zh).startsWith('新增的第一段。')).toBe(true);
    } finally {
      peer.destroy();
    }
    const versions = (await call('agency', 'GET', `/api/commitments/${C04}/versions`)).body.versions as Array<{ id: string; reason: string; takenBy: { name: string } }>;
    const checkpoint = versions.find((v) => v.reason === 'before import');
    expect(checkpoint?.takenBy.name).toBe('王科長（法務部）');
    // The checkpoint holds the text before the import.
    const snap = (await call('agency', 'GET', `/api/snapshots/${checkpoint!.id}`)).body;
    expect(JSON.stringify(snap)).toContain(before.title.zh);
    expect(JSON.stringify(snap)).not.toContain('（修正版）');
  });
});

describe('[IM18] the plan\'s own export previewed against the plan', () => {
  it('every commitment of the DOCX and the Markdown export matches its commitment by number and would change nothing', async () => {
    const before = await commitmentsOf(DEMO_PLAN_ID);
    for (const [format, type] of [['docx', DOCX], ['md', MD]] as const) {
      const res = await fetch(`${server.url}/api/plans/${DEMO_PLAN_ID}/export.${format}?lang=en`, { headers: bearer(tokens.coordinator) });
      expect(res.status).toBe(200);
      const file = new Uint8Array(await res.arrayBuffer());
      const preview = await call('coordinator', 'POST', `/api/plans/${DEMO_PLAN_ID}/import/preview`, file, type);
      expect(preview.status).toBe(200);
      const p = preview.body as ImportPreview;
      expect(p.commitments.map((c) => [c.action, c.commitmentId, c.lang])).toEqual(before.map((c) => ['update', c.id, 'en']));
      for (const c of p.commitments) {
        expect(c.warnings, `${format} ${c.number}`).toEqual([]);
        expect(c.diff!.changes, `${format} ${c.number}`).toEqual([]);
      }
    }
  });
});

describe('[IM13] who may import', () => {
  it('a viewer gets 403 on import and a preview saying why; an agency editor may not create commitments', async () => {
    const planId = await emptyPlan('import-viewer');
    const file = await twoCommitmentsDocx();
    const preview = await call('viewer', 'POST', `/api/plans/${planId}/import/preview`, file, DOCX);
    expect(preview.status).toBe(200);
    expect((preview.body as ImportPreview).commitments.every((c) => !c.allowed && c.reason.includes('coordinator'))).toBe(true);
    expect((await call('viewer', 'POST', `/api/plans/${planId}/import`, file, DOCX)).status).toBe(403);
    expect((await call('agency', 'POST', `/api/plans/${planId}/import`, file, DOCX)).status).toBe(403);
    const update = await call('viewer', 'POST', `/api/plans/${DEMO_PLAN_ID}/import?commitment=${C04}`, '# x\n\n**公共問題**：改寫', MD);
    expect(update.status).toBe(403);
    expect(update.body.error.code).toBe('import_forbidden');
    expect(await commitmentsOf(planId)).toEqual([]);
  });
});

describe('[IM14] hostile and wrong files', () => {
  it('unknown format 415 in both languages, not-a-docx, entities, zip bomb and oversize 4xx, nothing created', async () => {
    // Built first: compressing 60 MiB blocks this process for seconds, and a kept-alive socket
    // the server closed meanwhile would reset the next request.
    const bomb = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': new Uint8Array(60 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const planId = await emptyPlan('import-hostile');
    const path = `/api/plans/${planId}/import`;
    const plain = await call('coordinator', 'POST', path, '**公共問題**：x', 'text/plain');
    expect(plain.status).toBe(415);
    expect(plain.body.error.code).toBe('unsupported_import_format');
    expect(plain.body.error.message).toMatch(/只能匯入/);
    expect(plain.body.error.message).toMatch(/Only Word documents/);

    expect((await call('coordinator', 'POST', path, new TextEncoder().encode('hello'), DOCX)).status).toBe(400);

    const base = unzipSync(new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('權責機關：法務部')] }] }))));
    const xml = strFromU8(base['word/document.xml']!).replace('?>', '?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>');
    const entities = zipSync({ ...base, 'word/document.xml': strToU8(xml) });
    const ent = await call('coordinator', 'POST', path, entities, DOCX);
    expect(ent.status).toBe(400);
    expect(ent.body.error.message).toMatch(/entities/);

    expect((await call('coordinator', 'POST', path, bomb, DOCX)).status).toBe(413);

    // A file over the body limit is refused from its announced length, before any of it is read.
    expect(await announced(path, 2 * 1024 * 1024, MD)).toBe(413);

    const nothing = await call('coordinator', 'POST', path, '# 會議紀錄\n\n今天天氣很好。', MD);
    expect(nothing.status).toBe(422);
    expect((await call('coordinator', 'POST', path, new Uint8Array([0xff, 0xfe, 0x00]), MD)).status).toBe(400);
    expect(await commitmentsOf(planId)).toEqual([]);
  });
});
