/** Field-by-field diff of commitments, shared so the client and the server show the same diff. */
export * from './types.js';
export { tokenize } from './tokenize.js';
export { diffText, segmentsText } from './text.js';
export { diffRich, applyRich } from './rich.js';
export { diffMilestones, applyMilestones, diffBudget, applyBudget } from './milestones.js';
export { diffCommitment, META_VALUE_KEYS } from './commitment.js';
export { applyCommitmentDiff } from './apply.js';
export { summarizeDiff, isEmptyDiff, hasInternalChanges, type DiffSummary } from './summary.js';
export { diffPlan, type PlanDiff } from './plan.js';
export { DiffApplyError } from './errors.js';
