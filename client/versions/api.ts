/** The calls of the history pages: review cycles, versions, comparisons, restore and contributions. */
import type { CommitmentJSON, Lang } from '../../shared/schema/index.js';
import { getJson, postJson, queryString } from '../api/http.js';
import type { CommitmentComparison, Contributions, CycleView, PlanComparison, SnapshotView } from '../../shared/protocol/versions.js';

const seg = encodeURIComponent;
const q = queryString;

export const historyApi = {
  cycles: (planId: string, signal?: AbortSignal) => getJson<{ cycles: CycleView[] }>(`/api/plans/${seg(planId)}/cycles`, signal),
  createCycle: (planId: string, body: { label: string; meetingDate: string; notes: string; labelEn?: string; notesEn?: string }) =>
    postJson<{ cycle: CycleView }>(`/api/plans/${seg(planId)}/cycles`, body),
  takeSnapshot: (cycleId: string) => postJson<{ cycle: CycleView; snapshots: SnapshotView[] }>(`/api/cycles/${seg(cycleId)}/snapshot`, {}),
  cycleSnapshots: (cycleId: string, signal?: AbortSignal) => getJson<{ cycle: CycleView; snapshots: SnapshotView[] }>(`/api/cycles/${seg(cycleId)}/snapshots`, signal),
  /** A snapshot's frozen rendering (to name milestone rows as they were). */
  snapshot: (id: string, signal?: AbortSignal) => getJson<{ snapshot: SnapshotView; hash: string; rendering: CommitmentJSON }>(`/api/snapshots/${seg(id)}`, signal),
  versions: (id: string, signal?: AbortSignal) => getJson<{ commitmentId: string; versions: SnapshotView[] }>(`/api/commitments/${seg(id)}/versions`, signal),
  commitmentDiff: (id: string, from: string, to: string, signal?: AbortSignal) =>
    getJson<CommitmentComparison>(`/api/commitments/${seg(id)}/diff?${q({ from, to })}`, signal),
  planDiff: (planId: string, from: string, to: string, signal?: AbortSignal) => getJson<PlanComparison>(`/api/plans/${seg(planId)}/diff?${q({ from, to })}`, signal),
  restoreSection: (id: string, body: { from: string; section: string; lang: Lang }) =>
    postJson<{ restored: boolean }>(`/api/commitments/${seg(id)}/restore-section`, body),
  contributions: (id: string, range: { fromSeq?: number; toSeq?: number }, signal?: AbortSignal) =>
    getJson<Contributions & { commitmentId: string }>(`/api/commitments/${seg(id)}/contributions?${q(range)}`, signal),
  planContributions: (planId: string, signal?: AbortSignal) =>
    getJson<{ planId: string; commitments: Array<{ id: string } & Contributions>; byAffiliation: Contributions['byAffiliation']; byPerson: Contributions['byPerson'] }>(
      `/api/plans/${seg(planId)}/contributions`,
      signal,
    ),
};
