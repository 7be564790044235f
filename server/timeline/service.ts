/** A plan's live timeline for signed-in readers: its review cycles and the live commitments' milestone due dates. */
import type { TimelineResponse } from '../../shared/protocol/public.js';
import { renderCommitment, type CommitmentJSON } from '../../shared/schema/index.js';
import type { Catalog } from '../plans/catalog.js';
import type { Store } from '../storage/index.js';
import type { Rooms } from '../sync/rooms.js';
import { buildTimeline } from './timeline.js';

export class Timelines {
  constructor(private readonly deps: { store: Store; rooms: Rooms; catalog: Catalog }) {}

  async ofPlan(planId: string): Promise<TimelineResponse> {
    const { store, rooms, catalog } = this.deps;
    const plan = await catalog.getPlan(planId);
    const commitments: CommitmentJSON[] = [];
    for (const s of await catalog.listCommitments(planId)) {
      const rendered = await rooms.read(s.id, renderCommitment);
      if (rendered) commitments.push(rendered);
    }
    const [publication] = await store.listPublications(planId);
    const publishedCycleId = publication?.cycleId ?? null;
    return {
      planId,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      items: buildTimeline(await store.listCycles(planId), commitments, publishedCycleId),
      publishedCycleId,
    };
  }
}
