/**
 * The versions API against a real server with the demo plan and real sync providers:
 * review cycles and immutable snapshots, comparisons with authors, section restore as a
 * forward edit, and checkpoints. Rules cited: VA1 (cycles and snapshots), VA2 (immutability
 * and verification), VA3 (compare with authors), VA4 (restore), VA5 (checkpoints).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { milestoneOrder, milestoneText, renderCommitment, sectionFragment, richToPlain, type CommitmentJSON, type RichDoc } from '../../shared/schema/index.js';
import type { CommitmentDiff, FieldChange } from '../../shared/diff/index.js';
import { canonicalJSON, sha256Hex, Checkpoints, checkpointBeforeBulkChange, snapshotPlanBench, diffPlanBench } from '../../server/versions/index.js';
import { silentLogger } from '../../server/log.js';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { connectSynced, type Peer } from '../helpers/peers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';

type Who = keyof typeof DEMO;
const C04 = 'c-04-access-to-information';
const PLAN = 'plan-nap1';

let tmp: ReturnType<typeof tempDir>;
let server: TestServer;
const tokens = {} as Record<Who, string>;
const peers: Peer[] = [];

beforeAll(async () => {
  tmp = tempDir();
  server = await startTestServer({ dataDir: tmp.dir });
  for (const who of Object.keys(DEMO) as Who[]) tokens[who] = await signIn(over(server.url), DEMO[who]);
});
afterAll(async () => {
  for (const p of peers) p.destroy();
  await server.close();
  tmp.remove();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function api(who: Who, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(server.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...bearer(tokens[who]) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const connect = async (who: Who, doc: string) => {
  const p = await connectSynced(server.wsUrl, doc, tokens[who]);
  peers.push(p);
  return p;
};

/** Plain text of each top-level block of a section. */
const blocks = (doc: RichDoc) => doc.content.map(richToPlain);
const roomJSON = () => renderCommitment(server.gongbi.rooms.loaded(C04)!.doc);
const countOf = (haystack: string, needle: string) => haystack.split(needle).length - 1;

let cycleId = '';
let cycleC04: CommitmentJSON;
let milestoneId = '';
const ADDED = '民間委員補充：建議各機關每季公布政府資訊申請案件之准駁統計。';

describe('[VA1] review cycles and their snapshot', () => {
  it('[VA1] a coordinator creates a cycle; other roles may not; a bad body is a 400 that says what to fix', async () => {
    const created = await api('coordinator', 'POST', `/api/plans/${PLAN}/cycles`, { label: '第3次推動小組會議', meetingDate: '2021-04-30', notes: 'https://example.gov.tw/minutes-3.pdf', labelEn: '3rd task-force meeting', notesEn: 'Minutes: https://example.gov.tw/minutes-3-en.pdf' });
    expect(created.status).toBe(201);
    expect(created.body.cycle).toMatchObject({ labelEn: '3rd task-force meeting', notesEn: 'Minutes: https://example.gov.tw/minutes-3-en.pdf' });
    expect(created.body.cycle).toMatchObject({ planId: PLAN, label: '第3次推動小組會議', meetingDate: '2021-04-30', snapshotAt: null, createdBy: { affiliation: 'agency' } });
    cycleId = created.body.cycle.id;
    expect(created.body.cycle.ref).toBe(`cycle:${cycleId}`);

    for (const who of ['agency', 'civil', 'translator', 'viewer'] as const) {
      const refused = await api(who, 'POST', `/api/plans/${PLAN}/cycles`, { label: 'x', meetingDate: '2021-04-30' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
    }
    const bad = await api('coordinator', 'POST', `/api/plans/${PLAN}/cycles`, { label: '', meetingDate: '30/04/2021' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/label.*meetingDate/s);
    expect((await api('coordinator', 'POST', '/api/plans/plan-none/cycles', { label: 'x', meetingDate: '2021-04-30' })).status).toBe(404);

    const list = await api('viewer', 'GET', `/api/plans/${PLAN}/cycles`);
    expect(list.status).toBe(200);
    expect(list.body.cycles.map((c: { id: string }) => c.id)).toEqual([cycleId]);
    expect((await api('viewer', 'GET', `/api/cycles/${cycleId}`)).body.cycle.label).toBe('第3次推動小組會議');
    expect((await api('viewer', 'GET', `/api/cycles/${cycleId}`)).body.cycle.labelEn).toBe('3rd task-force meeting');
    expect((await api('viewer', 'GET', '/api/cycles/cy_nope')).status).toBe(404);
  });

  it('[VA1] taking the snapshot freezes the plan and its 19 commitments, once; only a coordinator may', async () => {
    expect((await api('agency', 'POST', `/api/cycles/${cycleId}/snapshot`)).status).toBe(403);
    const started = performance.now();
    const taken = await api('coordinator', 'POST', `/api/cycles/${cycleId}/snapshot`);
    console.log(`[versions] whole-plan snapshot over HTTP (plan + 19 commitments): ${(performance.now() - started).toFixed(1)} ms`);
    expect(taken.status).toBe(201);
    const snaps = taken.body.snapshots as Array<{ id: string; docName: string; hash: string; seq: number; kind: string }>;
    expect(snaps).toHaveLength(20);
    expect(snaps.filter((s) => s.docName.startsWith('c-'))).toHaveLength(19);
    expect(snaps.some((s) => s.docName === PLAN)).toBe(true);
    for (const s of snaps) {
      expect(s.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(s.kind).toBe('cycle');
      expect(s.seq).toBeGreaterThan(0);
    }
    expect(taken.body.cycle.snapshotAt).not.toBeNull();

    const again = await api('coordinator', 'POST', `/api/cycles/${cycleId}/snapshot`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already taken/);
    const listed = await api('translator', 'GET', `/api/cycles/${cycleId}/snapshots`);
    expect(listed.body.snapshots.map((s: { id: string }) => s.id).sort()).toEqual(snaps.map((s) => s.id).sort());

    const c04 = snaps.find((s) => s.docName === C04)!;
    const one = await api('viewer', 'GET', `/api/snapshots/${c04.id}`);
    expect(one.status).toBe(200);
    cycleC04 = one.body.rendering;
    expect(one.body.hash).toBe(sha256Hex(canonicalJSON(cycleC04)));
    expect(one.body.snapshot).toMatchObject({ label: '第3次推動小組會議', seq: c04.seq, cycleId });
    expect(cycleC04).toEqual(await server.gongbi.rooms.read(C04, renderCommitment));
    milestoneId = cycleC04.milestones[0]!.id;

    const versions = await api('civil', 'GET', `/api/commitments/${C04}/versions`);
    expect(versions.body.versions).toEqual([expect.objectContaining({ id: c04.id, kind: 'cycle', label: '第3次推動小組會議', ref: `snapshot:${c04.id}` })]);
  });
});

describe('[VA2] snapshots are immutable and verifiable', () => {
  it('[VA2] no route changes or deletes a snapshot, and the database refuses it', async () => {
    const [s] = (await api('coordinator', 'GET', `/api/cycles/${cycleId}/snapshots`)).body.snapshots;
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const res = await api('coordinator', method, `/api/snapshots/${s.id}`, method === 'DELETE' ? undefined : { json: '{}' });
      expect(res.status).toBe(405);
      expect(res.body.error.code).toBe('immutable');
      expect(res.body.error.code).toBeTypeOf('string');
    }
    expect(() => server.store.db.prepare(`UPDATE snapshots SET json = '{}' WHERE id = ?`).run(s.id)).toThrow(/immutable/);
    expect(() => server.store.db.prepare(`DELETE FROM snapshots WHERE id = ?`).run(s.id)).toThrow(/immutable/);
    // Nor can the cycle be reset to take a second snapshot.
    expect(() => server.store.db.prepare(`UPDATE review_cycles SET snapshot_at = NULL WHERE id = ?`).run(cycleId)).toThrow(/once/);
    const verified = await api('viewer', 'GET', `/api/snapshots/${s.id}/verify`);
    expect(verified.body).toMatchObject({ ok: true, jsonMatches: true, stateMatches: true, hash: s.hash });
  });
});

describe('[VA3] what changed since the review, and who did it', () => {
  it('[VA3] an agency edit and a civil-society edit show up with their authors and the counts', async () => {
    const agency = await connect('agency', C04);
    const civil = await connect('civil', C04);
    const indicator = milestoneText(agency.doc, milestoneId, 'indicator', 'zh')!;
    const at = indicator.toString().indexOf('4 場');
    expect(at).toBeGreaterThanOrEqual(0);
    indicator.delete(at, 1);
    indicator.insert(at, '5');
    const frag = sectionFragment(civil.doc, 'problem', 'zh');
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(ADDED)]);
    frag.insert(frag.length, [p]);
    await waitFor(() => {
      const now = roomJSON();
      return now.milestones[0]!.indicator.zh.includes('5 場') && blocks(now.sections.problem.zh).includes(ADDED);
    }, { what: 'both edits to reach the server' });

    const started = performance.now();
    const res = await api('viewer', 'GET', `/api/commitments/${C04}/diff?from=cycle:${cycleId}&to=live`);
    console.log(`[versions] commitment diff with authors over HTTP: ${(performance.now() - started).toFixed(1)} ms`);
    expect(res.status).toBe(200);
    const diff = res.body.diff as CommitmentDiff;
    expect(diff.changes.map((c) => c.path).sort()).toEqual([`milestones.${milestoneId}.indicator.zh`, 'sections.problem.zh']);
    const byPath = (path: string) => diff.changes.find((c) => c.path === path) as FieldChange & { old?: string; new?: string };
    const ind = byPath(`milestones.${milestoneId}.indicator.zh`);
    expect(ind.old).toContain('辦理 4 場');
    expect(ind.new).toContain('辦理 5 場');
    expect(ind.authors).toEqual([expect.objectContaining({ name: '王科長（法務部）', affiliation: 'agency' })]);
    expect(Date.parse(ind.authors![0]!.at)).toBeGreaterThan(Date.parse(res.body.from.takenAt));
    expect(byPath('sections.problem.zh').authors).toEqual([expect.objectContaining({ name: '林委員（民間）', affiliation: 'civil_society' })]);
    expect(res.body.summary).toMatchObject({ total: 2, byAffiliation: { agency: 1, civil_society: 1 }, unattributed: 0 });
    expect(res.body.summary.byAuthor).toHaveLength(2);
    expect(res.body.approximate).toBe(false);
    expect(res.body.from).toMatchObject({ ref: `cycle:${cycleId}`, label: '第3次推動小組會議' });
    expect(res.body.to.ref).toBe('live');

    const started2 = performance.now();
    const plan = await api('viewer', 'GET', `/api/plans/${PLAN}/diff?from=cycle:${cycleId}&to=live`);
    console.log(`[versions] plan-wide diff with authors over HTTP (19 commitments): ${(performance.now() - started2).toFixed(1)} ms`);
    expect(plan.status).toBe(200);
    expect(plan.body.commitments.map((c: { commitmentId: string }) => c.commitmentId)).toEqual([C04]);
    expect(plan.body.unchanged).toHaveLength(18);
    expect(plan.body.added).toEqual([]);
    expect(plan.body.removed).toEqual([]);
    expect(plan.body.totals).toMatchObject({ changedCommitments: 1, changes: 2, byAffiliation: { agency: 1, civil_society: 1 } });
  });

  it('[VA3] a bad reference is a 400 listing the forms; an unknown one a 404 naming it; reversed order a 400', async () => {
    const bad = await api('viewer', 'GET', `/api/commitments/${C04}/diff?from=yesterday&to=live`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/"live", "cycle:<cycleId>" or "snapshot:<snapshotId>"/);
    const missing = await api('viewer', 'GET', `/api/commitments/${C04}/diff?to=live`);
    expect(missing.status).toBe(400);
    const unknown = await api('viewer', 'GET', `/api/commitments/${C04}/diff?from=cycle:cy_000000&to=live`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('cycle:cy_000000');
    expect((await api('viewer', 'GET', `/api/commitments/${C04}/diff?from=snapshot:sn_nope&to=live`)).body.error.message).toContain('snapshot:sn_nope');
    const reversed = await api('viewer', 'GET', `/api/commitments/${C04}/diff?from=live&to=cycle:${cycleId}`);
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.message).toContain(`?from=cycle:${cycleId}&to=live`);
    expect((await api('viewer', 'GET', `/api/commitments/c-none/diff?from=live&to=live`)).status).toBe(404);
  });
});

describe('[VA4] restoring a section is a forward edit', () => {
  it('[VA4] only writers restore; a translator only English', async () => {
    const body = { from: `cycle:${cycleId}`, section: 'problem', lang: 'zh' };
    expect((await api('viewer', 'POST', `/api/commitments/${C04}/restore-section`, body)).status).toBe(403);
    const tr = await api('translator', 'POST', `/api/commitments/${C04}/restore-section`, body);
    expect(tr.status).toBe(403);
    expect(tr.body.error.message).toMatch(/English/);
    // The agency editor leads c-04, not c-06.
    expect((await api('agency', 'POST', '/api/commitments/c-06-referendum-e-petition/restore-section', body)).status).toBe(403);
    expect((await api('civil', 'POST', `/api/commitments/${C04}/restore-section`, { ...body, section: 'budget' })).status).toBe(400);
    // English is unchanged since the cycle: allowed, and nothing to do.
    const en = await api('translator', 'POST', `/api/commitments/${C04}/restore-section`, { ...body, lang: 'en' });
    expect(en.status).toBe(200);
    expect(en.body.restored).toBe(false);
  });

  it('[VA4] the old text comes back; an offline client reconnecting sees no text twice and keeps its edit', async () => {
    const old = blocks(cycleC04.sections.problem.zh);
    // A client holding the current text goes offline and edits the first paragraph.
    const offline = await connect('agency', C04);
    expect(blocks(renderCommitment(offline.doc).sections.problem.zh)).toContain(ADDED);
    offline.provider.disconnect();
    await waitFor(() => !offline.provider.wsconnected, { what: 'the provider to disconnect' });
    const firstText = (sectionFragment(offline.doc, 'problem', 'zh').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    firstText.insert(0, '【離線補充】');

    const seqBefore = server.gongbi.rooms.loaded(C04)!.lastSeq;
    const res = await api('civil', 'POST', `/api/commitments/${C04}/restore-section`, { from: `cycle:${cycleId}`, section: 'problem', lang: 'zh' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ restored: true, section: 'problem', lang: 'zh', from: `cycle:${cycleId}` });
    expect(res.body.checkpoint).toMatchObject({ kind: 'checkpoint', seq: seqBefore });
    // Live equals the old section, and it got there by a forward edit (the log grew).
    expect(roomJSON().sections.problem.zh).toEqual(cycleC04.sections.problem.zh);
    expect(server.gongbi.rooms.loaded(C04)!.lastSeq).toBeGreaterThan(seqBefore);
    // Only the added paragraph was removed: the one restore update is small, not the whole section again.
    const [restoreUpdate] = await server.store.loadUpdateRange(C04, seqBefore, seqBefore + 1);
    expect(restoreUpdate!.update.byteLength).toBeLessThan(100);

    offline.provider.connect();
    await waitFor(() => blocks(roomJSON().sections.problem.zh)[0]!.startsWith('【離線補充】'), { what: 'the offline edit to arrive' });
    await waitFor(() => canonicalJSON(renderCommitment(offline.doc).sections.problem.zh) === canonicalJSON(roomJSON().sections.problem.zh), { what: 'the client to converge' });
    const now = blocks(roomJSON().sections.problem.zh);
    expect(now).toEqual(['【離線補充】' + old[0], ...old.slice(1)]);
    const plain = now.join('\n');
    for (const paragraph of old) expect(countOf(plain, paragraph)).toBe(1);
    expect(countOf(plain, ADDED)).toBe(0);

    const versions = await api('viewer', 'GET', `/api/commitments/${C04}/versions`);
    expect(versions.body.versions[0]).toMatchObject({ kind: 'checkpoint', label: expect.stringContaining('restoring sections.problem.zh') });
    // The restored checkpoint is itself a version to compare with.
    const since = await api('viewer', 'GET', `/api/commitments/${C04}/diff?from=snapshot:${res.body.checkpoint.id}&to=live`);
    expect(since.body.diff.changes.map((c: FieldChange) => c.path)).toEqual(['sections.problem.zh']);
    const authors = since.body.diff.changes[0].authors.map((a: { name: string }) => a.name).sort();
    expect(authors).toEqual(['林委員（民間）', '王科長（法務部）'].sort());
  });
});

describe('[VA5] checkpoints', () => {
  it('[VA5] the daily run checkpoints changed documents only; before a bulk change one is taken', async () => {
    const deps = { store: server.store, rooms: server.gongbi.rooms };
    const checkpoints = new Checkpoints(deps, { intervalMs: 3600_000, logger: silentLogger });
    checkpoints.start();
    try {
      // Only c-04 changed since the cycle's snapshot, and its restore checkpoint is older than the offline edit.
      expect(await checkpoints.runOnce()).toBe(1);
      expect(await checkpoints.runOnce()).toBe(0);
    } finally {
      await checkpoints.stop();
    }
    expect(await checkpointBeforeBulkChange(C04, 'test', deps)).toBeNull();
    const civil = peers.find((p) => p.provider.wsconnected)!;
    milestoneText(civil.doc, milestoneId, 'text', 'zh')!.insert(0, '★');
    await waitFor(() => roomJSON().milestones[0]!.text.zh.startsWith('★'), { what: 'the edit' });
    const taken = await checkpointBeforeBulkChange(C04, 'lead agency move', deps);
    expect(taken).toMatchObject({ kind: 'checkpoint', reason: 'before lead agency move', docName: C04 });
  });
});

describe('[VA2] tampering is detected', () => {
  it('[VA2] verify recomputes the hash from the stored JSON and from the stored state', async () => {
    const snaps = (await api('coordinator', 'GET', `/api/cycles/${cycleId}/snapshots`)).body.snapshots as Array<{ id: string; docName: string }>;
    const s = snaps.find((x) => x.docName === C04)!;
    // Only by removing the database's own guard can a row be altered.
    server.store.db.exec('DROP TRIGGER snapshots_no_update');
    server.store.db.prepare(`UPDATE snapshots SET json = replace(json, '辦理 4 場', '辦理 9 場') WHERE id = ?`).run(s.id);
    const verified = await api('viewer', 'GET', `/api/snapshots/${s.id}/verify`);
    expect(verified.body).toMatchObject({ ok: false, jsonMatches: false, stateMatches: true });
  });
});

describe('benchmark entry points', () => {
  it('snapshotPlanBench and diffPlanBench time a whole-plan snapshot and a plan-wide diff', async () => {
    const deps = { store: server.store, rooms: server.gongbi.rooms };
    const coordinator = (await server.store.getUserByEmail(DEMO.coordinator))!;
    const snap = await snapshotPlanBench(deps, PLAN, coordinator);
    console.log(`[versions] snapshotPlanBench: ${snap.ms.toFixed(1)} ms for ${snap.snapshots} documents`);
    expect(snap.snapshots).toBe(20);
    const diff = await diffPlanBench(deps, PLAN, `cycle:${cycleId}`);
    console.log(`[versions] diffPlanBench (cycle → live): ${diff.ms.toFixed(1)} ms, ${diff.changedCommitments} changed, ${diff.changes} changes`);
    expect(diff.changedCommitments).toBe(1);
  });
});
