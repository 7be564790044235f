/** Plan-wide comparison between two review meetings: every commitment's diff, plus new and dropped ones. */
import type { CommitmentJSON } from '../schema/types.js';
import { diffCommitment } from './commitment.js';
import { clone } from './json.js';
import { hasInternalChanges, isEmptyDiff } from './summary.js';
import type { CommitmentDiff } from './types.js';

export interface PlanDiff {
  /** Diffs of commitments present in both lists that changed, in the order of the new list. */
  changed: CommitmentDiff[];
  /** Ids of commitments present in both lists with no change at all. */
  unchanged: string[];
  added: CommitmentJSON[];
  removed: CommitmentJSON[];
}

/**
 * Matches commitments by id.
 * @example diffPlan(snapshotAtReview2, snapshotAtReview3).changed.length // commitments edited since
 */
export function diffPlan(beforeList: CommitmentJSON[], afterList: CommitmentJSON[]): PlanDiff {
  const before = new Map(beforeList.map((c) => [c.id, c]));
  const afterIds = new Set(afterList.map((c) => c.id));
  const out: PlanDiff = { changed: [], unchanged: [], added: [], removed: [] };
  for (const after of afterList) {
    const prior = before.get(after.id);
    if (!prior) {
      out.added.push(clone(after));
      continue;
    }
    const d = diffCommitment(prior, after);
    if (isEmptyDiff(d) && !hasInternalChanges(d)) out.unchanged.push(after.id);
    else out.changed.push(d);
  }
  out.removed = beforeList.filter((c) => !afterIds.has(c.id)).map(clone);
  return out;
}
