/** Entry points for the benchmark runner: a whole-plan snapshot and a plan-wide diff, timed. */
import type { User } from '../../shared/protocol/auth.js';
import type { VersionDeps } from './capture.js';
import { createCycle, takeCycleSnapshot } from './cycles.js';
import { comparePlan } from './compare.js';
import { parseRef } from './refs.js';

export interface Timed<T> {
  ms: number;
  result: T;
}

async function timed<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
}

/**
 * Creates a review cycle on `planId` and takes its snapshot; `ms` covers the snapshot only.
 * `coordinator` must be a coordinator account.
 */
export async function snapshotPlanBench(deps: VersionDeps, planId: string, coordinator: User, label = `bench ${new Date().toISOString()}`) {
  const cycle = await createCycle(deps, planId, { label, meetingDate: new Date().toISOString().slice(0, 10), notes: '' }, coordinator);
  const t = await timed(() => takeCycleSnapshot(deps, cycle.id, coordinator));
  return { ms: t.ms, cycleId: cycle.id, snapshots: t.result.snapshots.length };
}

/** Plan-wide comparison between two references (default: the cycle's snapshot to live), with authors. */
export async function diffPlanBench(deps: VersionDeps, planId: string, from: string, to = 'live') {
  const t = await timed(() => comparePlan(deps, planId, parseRef(from, 'from'), parseRef(to, 'to')));
  return { ms: t.ms, changedCommitments: t.result.totals.changedCommitments, changes: t.result.totals.changes };
}
