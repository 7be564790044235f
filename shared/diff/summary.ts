/** Counts for the review meeting's overview ("3 fields and 2 milestones changed"). */
import { CHANGE_KINDS, type ChangeKind, type CommitmentDiff, type TopLevelField } from './types.js';

export interface DiffSummary {
  /** Number of user-visible changes. */
  total: number;
  /** Changes per kind (every kind present, 0 when none). */
  byKind: Record<ChangeKind, number>;
  /** Top-level commitment fields touched, in table order (`title`, `sections`, `milestones`…). */
  fields: TopLevelField[];
  /** Milestone rows that were added, removed, moved or had a cell changed. */
  milestoneIds: string[];
}

/**
 * @example summarizeDiff(d) // { total: 2, byKind: { text: 1, ogp: 1, … }, fields: ['title', 'ogpValues'], milestoneIds: [] }
 */
export function summarizeDiff(d: CommitmentDiff): DiffSummary {
  const byKind = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
  const fields: TopLevelField[] = [];
  const milestoneIds: string[] = [];
  for (const c of d.changes) {
    byKind[c.kind]++;
    const field = c.path.split('.')[0] as TopLevelField;
    if (!fields.includes(field)) fields.push(field);
    const id = 'milestoneId' in c ? c.milestoneId : undefined;
    if (id && !milestoneIds.includes(id)) milestoneIds.push(id);
  }
  return { total: d.changes.length, byKind, fields, milestoneIds };
}

/**
 * True when nothing a reader can see changed. Translation bookkeeping (`internal`) may still
 * differ; check `hasInternalChanges` before skipping an apply.
 */
export const isEmptyDiff = (d: CommitmentDiff): boolean => d.changes.length === 0;

/** True when the diff carries bookkeeping that `applyCommitmentDiff` must still replay. */
export const hasInternalChanges = (d: CommitmentDiff): boolean => Object.keys(d.internal ?? {}).length > 0;
