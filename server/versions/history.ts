/** Reading the stored versions, for the routes: a cycle's snapshots, a commitment's versions, one snapshot. */
import { notFound } from '../errors.js';
import type { ReviewCycle, Snapshot } from '../storage/index.js';
import type { VersionDeps } from './capture.js';
import { requireCycle } from './cycles.js';
import { snapshotView, type SnapshotView } from './snapshots.js';

/** The cycle (404 when unknown) and the snapshots it took. */
export async function cycleSnapshots(deps: VersionDeps, cycleId: string): Promise<{ cycle: ReviewCycle; snapshots: SnapshotView[] }> {
  const cycle = await requireCycle(deps, cycleId);
  const snapshots = await deps.store.listSnapshots({ cycleId: cycle.id });
  return { cycle, snapshots: snapshots.map((s) => snapshotView(s, cycle.label)) };
}

/** Every snapshot and checkpoint of a commitment (404 when it is not one), cycles named by their meeting. */
export async function commitmentVersions({ store }: VersionDeps, id: string): Promise<SnapshotView[]> {
  const record = await store.getDocument(id);
  if (!record || record.kind !== 'commitment') throw notFound(`Commitment "${id}"`);
  const labels = new Map((await store.listCycles(record.planId)).map((cy) => [cy.id, cy.label]));
  return (await store.listSnapshots({ docName: id })).map((s) => snapshotView(s, s.cycleId ? labels.get(s.cycleId) : undefined));
}

/** The stored snapshot, or a 404. */
export async function requireSnapshot({ store }: VersionDeps, id: string): Promise<Snapshot> {
  const s = await store.getSnapshot(id);
  if (!s) throw notFound(`Snapshot "${id}"`);
  return s;
}

/** The snapshot (404 when unknown) with the label of its cycle, if it has one. */
export async function snapshotWithLabel(deps: VersionDeps, id: string): Promise<{ snapshot: Snapshot; view: SnapshotView }> {
  const s = await requireSnapshot(deps, id);
  const cycle = s.cycleId ? await deps.store.getCycle(s.cycleId) : null;
  return { snapshot: s, view: snapshotView(s, cycle?.label) };
}
