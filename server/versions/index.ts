/** Review cycles, snapshots, checkpoints, version comparison and section restore. */
export { captureDoc, renderDoc, type VersionDeps, type Captured, type Rendering } from './capture.js';
export { canonicalJSON, sha256Hex } from './hash.js';
export { freeze, verifySnapshot, snapshotView, type SnapshotView, type Verification } from './snapshots.js';
export { cycleSnapshots, commitmentVersions, requireSnapshot, snapshotWithLabel } from './history.js';
export { createCycle, listCycles, requireCycle, takeCycleSnapshot, cycleView, type CycleView, type NewCycle } from './cycles.js';
export { Checkpoints, takeCheckpoint, checkpointBeforeBulkChange, DEFAULT_CHECKPOINT_INTERVAL_MS } from './checkpoints.js';
export { parseRef, formatRef, resolveDocVersion, resolvePlanVersion, REF_FORMS, type VersionRef } from './refs.js';
export { attribute, fillAuthors, changedPaths, groupUpdates, MAX_GROUPS, type Attribution } from './attribution.js';
export { compareCommitment, comparePlan, countAuthors, type ChangeSummary, type CommitmentComparison, type PlanComparison } from './compare.js';
export { restoreSection, applySection, blockEdit, type RestoreInput, type RestoreResult } from './restore.js';
export { snapshotPlanBench, diffPlanBench } from './bench.js';
