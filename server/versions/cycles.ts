/** Review cycles of a plan and their once-only snapshot of every commitment and the plan itself. */
import { randomBytes } from 'node:crypto';
import type { User } from '../../shared/protocol/auth.js';
import { canDo } from '../auth/permissions.js';
import { forbidden } from '../auth/middleware.js';
import { authorOf } from '../sync/connection.js';
import { conflict, notFound } from '../errors.js';
import type { ReviewCycle, Snapshot } from '../storage/index.js';
import { captureDoc, type VersionDeps } from './capture.js';
import { freeze, snapshotView, type SnapshotView } from './snapshots.js';
import type { CycleView } from '../../shared/protocol/versions.js';

export type { CycleView };

export interface NewCycle {
  label: string;
  meetingDate: string;
  notes: string;
  labelEn?: string;
  notesEn?: string;
}

export const cycleView = (c: ReviewCycle): CycleView => ({
  id: c.id,
  planId: c.planId,
  label: c.label,
  meetingDate: c.meetingDate,
  notes: c.notes,
  labelEn: c.labelEn,
  notesEn: c.notesEn,
  createdBy: { name: c.createdBy.name, affiliation: c.createdBy.affiliation },
  createdAt: new Date(c.createdAt).toISOString(),
  snapshotAt: c.snapshotAt === null ? null : new Date(c.snapshotAt).toISOString(),
  ref: `cycle:${c.id}`,
});

async function requirePlan({ store }: VersionDeps, planId: string): Promise<void> {
  const doc = await store.getDocument(planId);
  if (!doc || doc.kind !== 'plan') throw notFound(`Plan "${planId}"`);
}

export async function requireCycle({ store }: VersionDeps, cycleId: string): Promise<ReviewCycle> {
  const cycle = await store.getCycle(cycleId);
  if (!cycle) throw notFound(`Review cycle "${cycleId}"`);
  return cycle;
}

export async function listCycles(deps: VersionDeps, planId: string): Promise<ReviewCycle[]> {
  await requirePlan(deps, planId);
  return deps.store.listCycles(planId);
}

export async function createCycle(deps: VersionDeps, planId: string, input: NewCycle, user: User): Promise<ReviewCycle> {
  if (!canDo(user, 'take_snapshot')) throw forbidden('create review cycles');
  await requirePlan(deps, planId);
  const cycle: ReviewCycle = {
    id: 'cy_' + randomBytes(6).toString('hex'),
    planId,
    label: input.label,
    meetingDate: input.meetingDate,
    notes: input.notes,
    labelEn: input.labelEn ?? '',
    notesEn: input.notesEn ?? '',
    createdBy: authorOf(user),
    createdAt: Date.now(),
    snapshotAt: null,
  };
  await deps.store.createCycle(cycle);
  return cycle;
}

/**
 * Freezes the plan and every commitment of it. The store marks the cycle and inserts the
 * snapshots in one transaction, so of two concurrent calls exactly one succeeds.
 */
export async function takeCycleSnapshot(deps: VersionDeps, cycleId: string, user: User): Promise<{ cycle: ReviewCycle; snapshots: SnapshotView[] }> {
  if (!canDo(user, 'take_snapshot')) throw forbidden('take review snapshots');
  const cycle = await requireCycle(deps, cycleId);
  const taken = () => conflict(`The snapshot of review cycle "${cycle.label}" was already taken; snapshots are immutable. Create a new review cycle for a new snapshot.`);
  if (cycle.snapshotAt !== null) throw taken();
  const commitments = await deps.store.listDocuments({ kind: 'commitment', planId: cycle.planId });
  const takenAt = Date.now();
  const meta = { cycleId, reason: '', takenAt, takenBy: authorOf(user) };
  const snapshots: Snapshot[] = [freeze(await captureDoc(deps, cycle.planId, 'plan'), meta)];
  for (const c of commitments) snapshots.push(freeze(await captureDoc(deps, c.name, 'commitment'), meta));
  if (!(await deps.store.addCycleSnapshots(cycleId, takenAt, snapshots))) throw taken();
  return { cycle: { ...cycle, snapshotAt: takenAt }, snapshots: snapshots.map((s) => snapshotView(s, cycle.label)) };
}
