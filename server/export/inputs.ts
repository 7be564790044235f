/** Resolves what an export or a redline shows: the plan, the commitments and the version, at a version reference. */
import type { CommitmentJSON, PlanJSON } from '../../shared/schema/index.js';
import { taipeiDay } from '../../shared/dates/index.js';
import { AppError, badRequest, notFound } from '../errors.js';
import type { ExportInput, ExportLang, ExportScope, OdsComment } from './formats.js';
import type { RedlineInput } from './redline.js';
import {
  canonicalJSON,
  captureDoc,
  compareCommitment,
  comparePlan,
  parseRef,
  resolveDocVersion,
  resolvePlanVersion,
  sha256Hex,
  type VersionDeps,
  type VersionRef,
} from '../versions/index.js';

/** `YYYY-MM-DD` in Taiwan, where the meetings are (the server may run in UTC). */
export const taipeiDate = taipeiDay;

async function requirePlan({ store }: VersionDeps, planId: string): Promise<void> {
  const doc = await store.getDocument(planId);
  if (!doc || doc.kind !== 'plan') throw notFound(`Plan "${planId}"`);
}

/**
 * The plan (title, domains) as it was at `ref`: a cycle's own plan snapshot; for a checkpoint
 * of one commitment, the newest plan snapshot taken before it; else the live plan.
 */
export async function planAt(deps: VersionDeps, planId: string, ref: VersionRef): Promise<PlanJSON> {
  if (ref.kind === 'cycle') return (await resolveDocVersion(deps, planId, 'plan', ref)).rendering as PlanJSON;
  if (ref.kind === 'snapshot') {
    const s = await deps.store.getSnapshot(ref.id);
    if (s?.cycleId) return planAt(deps, planId, { kind: 'cycle', id: s.cycleId });
    const prior = s && (await deps.store.listSnapshots({ docName: planId })).find((p) => p.takenAt <= s.takenAt);
    const frozen = prior && (await deps.store.getSnapshot(prior.id));
    if (frozen) return JSON.parse(frozen.json) as PlanJSON;
  }
  return (await captureDoc(deps, planId, 'plan')).rendering as PlanJSON;
}

async function requireCommitmentOf({ store }: VersionDeps, planId: string, id: string): Promise<void> {
  const doc = await store.getDocument(id);
  if (!doc || doc.kind !== 'commitment' || doc.planId !== planId) {
    throw badRequest(`Bad query parameter "commitment" (got "${id}"): plan "${planId}" has no such commitment. List them with GET /api/commitments?plan=${planId}.`);
  }
}

/** Label, date and content hash printed on the document. */
async function versionOf(deps: VersionDeps, ref: VersionRef, commitments: CommitmentJSON[], docLabel: string, takenAt: number): Promise<ExportInput['version']> {
  // One commitment hashes exactly as its snapshot does, so the printed hash can be checked with /verify.
  const hash = sha256Hex(canonicalJSON(commitments.length === 1 ? commitments[0] : commitments));
  if (ref.kind === 'live') return { label: 'live', date: taipeiDate(Date.now()), hash, status: 'draft' };
  const cycleId = ref.kind === 'cycle' ? ref.id : (await deps.store.getSnapshot(ref.id))?.cycleId;
  const cycle = cycleId ? await deps.store.getCycle(cycleId) : null;
  if (!cycle) return { label: docLabel, date: taipeiDate(takenAt), hash, status: 'checkpoint' };
  // A published cycle is the version the meeting approved: there is no other approval record.
  const published = (await deps.store.listPublications(cycle.planId)).some((p) => p.cycleId === cycle.id);
  return published
    ? { label: cycle.label, date: cycle.meetingDate, hash, status: 'approved', meeting: cycle.label, approval: { date: cycle.meetingDate, meeting: cycle.label } }
    : { label: cycle.label, date: cycle.meetingDate, hash, status: 'meeting', meeting: cycle.label };
}

export async function resolveExportInput(deps: VersionDeps, planId: string, ref: VersionRef, q: { lang: ExportLang; domain?: string; commitment?: string }): Promise<ExportInput> {
  await requirePlan(deps, planId);
  const plan = await planAt(deps, planId, ref);
  if (q.commitment) {
    await requireCommitmentOf(deps, planId, q.commitment);
    const v = await resolveDocVersion(deps, q.commitment, 'commitment', ref);
    const commitments = [v.rendering as CommitmentJSON];
    const scope: ExportScope = { kind: 'commitment', commitmentId: q.commitment };
    return { plan, commitments, scope, lang: q.lang, version: await versionOf(deps, ref, commitments, v.label, v.takenAt) };
  }
  const pv = await resolvePlanVersion(deps, planId, ref);
  let commitments = [...pv.commitments.values()].map((d) => d.rendering as CommitmentJSON);
  let scope: ExportScope = { kind: 'plan' };
  if (q.domain) {
    const ids = plan.domains.map((d) => d.id);
    if (!ids.includes(q.domain)) throw badRequest(`Bad query parameter "domain" (got "${q.domain}"): use one of ${ids.join(', ')}.`);
    commitments = commitments.filter((c) => c.domainId === q.domain);
    scope = { kind: 'domain', domainId: q.domain };
  }
  // Snapshot order is storage order; sort by id so the bytes don't depend on it (renderers reorder by plan anyway).
  commitments.sort((a, b) => a.id.localeCompare(b.id));
  return { plan, commitments, scope, lang: q.lang, version: await versionOf(deps, ref, commitments, pv.label, pv.takenAt) };
}

/** The public comments on these commitments that moderators approved (the ones the public sees), with responses. */
export async function publicCommentsOf({ store }: VersionDeps, planId: string, commitmentIds: string[]): Promise<OdsComment[]> {
  const ids = new Set(commitmentIds);
  return (await store.listPublicComments({ planId, status: 'approved' }))
    .filter((pc) => ids.has(pc.commitmentId))
    .map((pc) => ({
      commitmentId: pc.commitmentId,
      milestoneId: pc.milestoneId,
      createdAt: pc.createdAt,
      name: pc.name,
      text: pc.text,
      response: pc.response ? { text: pc.response.text, by: pc.response.by.name, at: pc.response.at } : null,
    }));
}

/** The newest review cycle that has its snapshot: the default "since the last review". */
async function lastReview({ store }: VersionDeps, planId: string): Promise<VersionRef> {
  const taken = (await store.listCycles(planId)).filter((c) => c.snapshotAt !== null).sort((a, b) => b.snapshotAt! - a.snapshotAt!);
  if (!taken[0]) throw new AppError(409, 'no_snapshot', `No review cycle of plan "${planId}" has a snapshot yet, so there is no "last review" to compare with. Give "from" (${'"cycle:<id>" or "snapshot:<id>"'}), or take a cycle snapshot first.`);
  return { kind: 'cycle', id: taken[0].id };
}

export async function resolveRedline(deps: VersionDeps, planId: string, q: { from?: string; to: string; lang: ExportLang; commitment?: string }): Promise<RedlineInput> {
  await requirePlan(deps, planId);
  const from = q.from ? parseRef(q.from, 'from') : await lastReview(deps, planId);
  const to = parseRef(q.to, 'to');
  const plan = await planAt(deps, planId, to);
  const side = (v: { ref: string; label: string; takenAt: string }) => ({ ref: v.ref, label: v.label, takenAt: v.takenAt });
  if (q.commitment) {
    await requireCommitmentOf(deps, planId, q.commitment);
    const cmp = await compareCommitment(deps, q.commitment, from, to);
    const now = (await resolveDocVersion(deps, q.commitment, 'commitment', to)).rendering as CommitmentJSON;
    const commitments = [{ commitmentId: now.id, number: now.number, title: now.title, diff: cmp.diff, milestones: now.milestones }];
    return { plan, from: side(cmp.from), to: side(cmp.to), lang: q.lang, commitments, added: [], removed: [] };
  }
  const cmp = await comparePlan(deps, planId, from, to);
  const rows = new Map([...(await resolvePlanVersion(deps, planId, to)).commitments.values()].map((d) => [(d.rendering as CommitmentJSON).id, (d.rendering as CommitmentJSON).milestones]));
  // In plan order (domain by domain), as the meeting reads them.
  const rank = new Map(plan.domains.flatMap((d) => d.commitmentIds).map((cid, i) => [cid, i]));
  const commitments = cmp.commitments
    .map((c) => ({ commitmentId: c.commitmentId, number: c.number, title: c.title, diff: c.diff, milestones: rows.get(c.commitmentId) ?? [] }))
    .sort((a, b) => (rank.get(a.commitmentId) ?? 1e9) - (rank.get(b.commitmentId) ?? 1e9) || a.commitmentId.localeCompare(b.commitmentId));
  return { plan, from: side(cmp.from), to: side(cmp.to), lang: q.lang, commitments, added: cmp.added, removed: cmp.removed };
}
