/** Compares two versions of a commitment or of a whole plan: field diff, authors of each change, and counts. */
import { diffCommitment, diffPlan, summarizeDiff, type CommitmentDiff } from '../../shared/diff/index.js';
import type { CommitmentJSON } from '../../shared/schema/index.js';
import { badRequest, notFound } from '../errors.js';
import { attribute, fillAuthors } from './attribution.js';
import type { VersionDeps } from './capture.js';
import { resolveDocVersion, resolvePlanVersion, type DocVersion, type VersionRef } from './refs.js';
import type { AuthorCounts, ChangeSummary, CommitmentComparison, PlanComparison, VersionView } from '../../shared/protocol/versions.js';

export type { AuthorCounts, ChangeSummary, CommitmentComparison, PlanComparison, VersionView };

const view = (v: { ref: string; label: string; seq?: number; takenAt: number; snapshotId?: string | null }): VersionView => ({
  ref: v.ref,
  label: v.label,
  seq: v.seq ?? 0,
  takenAt: new Date(v.takenAt).toISOString(),
  snapshotId: v.snapshotId ?? null,
});

export function countAuthors(diffs: CommitmentDiff[]): AuthorCounts {
  const out: AuthorCounts = { byAuthor: [], byAffiliation: {}, unattributed: 0 };
  for (const d of diffs) {
    for (const change of d.changes) {
      const authors = change.authors ?? [];
      if (authors.length === 0) out.unattributed++;
      for (const a of authors) {
        const row = out.byAuthor.find((r) => r.userId === a.userId);
        if (row) row.changes++;
        else out.byAuthor.push({ userId: a.userId, name: a.name, affiliation: a.affiliation, changes: 1 });
      }
      for (const kind of new Set(authors.map((a) => a.affiliation))) out.byAffiliation[kind] = (out.byAffiliation[kind] ?? 0) + 1;
    }
  }
  out.byAuthor.sort((a, b) => b.changes - a.changes || a.name.localeCompare(b.name));
  return out;
}

const summarize = (d: CommitmentDiff): ChangeSummary => ({ ...summarizeDiff(d), ...countAuthors([d]) });

function olderFirst(from: { ref: string; seq?: number; takenAt: number }, to: { ref: string; seq?: number; takenAt: number }, bySeq: boolean): void {
  const reversed = bySeq ? from.seq! > to.seq! : from.takenAt > to.takenAt;
  if (reversed) {
    throw badRequest(`"from" (${from.ref}) is newer than "to" (${to.ref}); a comparison goes from the older version to the newer one. Swap them: ?from=${to.ref}&to=${from.ref}`);
  }
}

/** Diff with authors between two versions of one commitment. */
async function attributedDiff(deps: VersionDeps, id: string, from: DocVersion, to: DocVersion, diff = diffCommitment(from.rendering as CommitmentJSON, to.rendering as CommitmentJSON)) {
  const attribution = await attribute(deps.store, id, from, { seq: to.seq, rendering: to.rendering as CommitmentJSON });
  fillAuthors(diff, attribution);
  return { diff, summary: summarize(diff), approximate: attribution.approximate, notes: attribution.notes };
}

export async function compareCommitment(deps: VersionDeps, id: string, fromRef: VersionRef, toRef: VersionRef): Promise<CommitmentComparison> {
  const record = await deps.store.getDocument(id);
  if (!record || record.kind !== 'commitment') throw notFound(`Commitment "${id}"`);
  const from = await resolveDocVersion(deps, id, 'commitment', fromRef);
  const to = await resolveDocVersion(deps, id, 'commitment', toRef);
  olderFirst(from, to, true);
  return { commitmentId: id, from: view(from), to: view(to), ...(await attributedDiff(deps, id, from, to)) };
}

/** A commitment in the plan list (added or removed between the versions). */
const brief = (c: CommitmentJSON) => ({ id: c.id, number: c.number, title: c.title });

export async function comparePlan(deps: VersionDeps, planId: string, fromRef: VersionRef, toRef: VersionRef): Promise<PlanComparison> {
  const record = await deps.store.getDocument(planId);
  if (!record || record.kind !== 'plan') throw notFound(`Plan "${planId}"`);
  const from = await resolvePlanVersion(deps, planId, fromRef);
  const to = await resolvePlanVersion(deps, planId, toRef);
  olderFirst(from, to, false);
  const list = (v: typeof from) => [...v.commitments.values()].map((d) => d.rendering as CommitmentJSON);
  const planDiff = diffPlan(list(from), list(to));
  const out: PlanComparison = {
    planId,
    from: view(from),
    to: view(to),
    commitments: [],
    unchanged: planDiff.unchanged,
    added: planDiff.added.map(brief),
    removed: planDiff.removed.map(brief),
    totals: { changedCommitments: 0, changes: 0, byAuthor: [], byAffiliation: {}, unattributed: 0 },
    approximate: false,
    notes: [],
  };
  // diffPlan matches by the commitment's own id; the log is kept under the document name.
  const byId = (v: typeof from) => new Map([...v.commitments.values()].map((d) => [(d.rendering as CommitmentJSON).id, d]));
  const [before, after] = [byId(from), byId(to)];
  for (const diff of planDiff.changed) {
    const a = before.get(diff.commitmentId)!;
    const b = after.get(diff.commitmentId)!;
    const attributed = await attributedDiff(deps, b.docName, a, b, diff);
    const c = b.rendering as CommitmentJSON;
    out.commitments.push({ commitmentId: diff.commitmentId, number: c.number, title: c.title, diff, summary: attributed.summary, approximate: attributed.approximate });
    if (attributed.approximate) out.approximate = true;
    out.notes.push(...attributed.notes.map((n) => `${diff.commitmentId}: ${n}`));
  }
  const diffs = out.commitments.map((c) => c.diff);
  out.totals = { changedCommitments: diffs.filter((d) => d.changes.length > 0).length, changes: diffs.reduce((n, d) => n + d.changes.length, 0), ...countAuthors(diffs) };
  return out;
}
