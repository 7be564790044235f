/**
 * Publishing a review cycle's snapshot and reading the latest published version of a plan.
 * The public site shows only these frozen renderings, never a live document. Snapshots are
 * immutable, so a published version is read from the database once and kept in memory.
 */
import type { User } from '../../shared/protocol/auth.js';
import type { PublishedVersion } from '../../shared/protocol/public.js';
import type { CommitmentJSON, PlanJSON } from '../../shared/schema/index.js';
import { canDo } from '../auth/permissions.js';
import { forbidden } from '../auth/middleware.js';
import { conflict, notFound } from '../errors.js';
import type { Publication, ReviewCycle, Store } from '../storage/index.js';
import { authorOf } from '../sync/connection.js';

/** One published version: the plan and every commitment as frozen at the cycle's snapshot. */
export interface Published {
  cycle: ReviewCycle;
  publication: Publication;
  version: PublishedVersion;
  plan: PlanJSON;
  /** By commitment id. */
  commitments: Map<string, CommitmentJSON>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** How many published versions stay parsed in memory (one per plan is the usual need). */
const CACHE_SIZE = 8;

export class PublishedVersions {
  private readonly cache = new Map<string, Promise<Pick<Published, 'plan' | 'commitments'>>>();

  constructor(private readonly store: Store) {}

  /**
   * Makes the cycle's snapshot the plan's public version. Publishing an older cycle again
   * makes it the public one again (e.g. to withdraw a mistaken publication).
   */
  async publish(cycleId: string, user: User): Promise<Publication> {
    if (!canDo(user, 'publish')) throw forbidden('publish versions on the public site');
    const cycle = await this.store.getCycle(cycleId);
    if (!cycle) throw notFound(`Review cycle "${cycleId}"`);
    if (cycle.snapshotAt === null) {
      throw conflict(`Review cycle "${cycle.label}" has no snapshot yet. Take its snapshot first: only a frozen version can be published.`);
    }
    const publication: Publication = { cycleId, planId: cycle.planId, publishedAt: Date.now(), publishedBy: authorOf(user) };
    await this.store.publishCycle(publication);
    return publication;
  }

  /** The cycle currently published for the plan, or null. */
  async current(planId: string): Promise<{ cycle: ReviewCycle; publication: Publication } | null> {
    const [publication] = await this.store.listPublications(planId);
    if (!publication) return null;
    const cycle = await this.store.getCycle(publication.cycleId);
    return cycle ? { cycle, publication } : null;
  }

  /** The plan's latest published version, or null when nothing is published. */
  async latest(planId: string): Promise<Published | null> {
    const current = await this.current(planId);
    if (!current) return null;
    return this.of(current.cycle, current.publication);
  }

  /** A published cycle's version (the current publication or an older one). */
  async of(cycle: ReviewCycle, publication: Publication): Promise<Published> {
    const frozen = await this.frozen(cycle);
    return {
      cycle,
      publication,
      version: { cycleId: cycle.id, label: cycle.label, meetingDate: cycle.meetingDate, snapshotAt: iso(cycle.snapshotAt ?? publication.publishedAt), publishedAt: iso(publication.publishedAt) },
      ...frozen,
    };
  }

  /** The latest published version holding `commitmentId`; a 404 that says why when there is none. */
  async forCommitment(commitmentId: string): Promise<Published & { commitment: CommitmentJSON }> {
    const record = await this.store.getDocument(commitmentId);
    if (!record || record.kind !== 'commitment') throw notFound(`Commitment "${commitmentId}"`);
    const published = await this.latest(record.planId);
    const commitment = published?.commitments.get(commitmentId);
    if (!published || !commitment) throw notFound(`A published version of commitment "${commitmentId}"`);
    return { ...published, commitment };
  }

  private frozen(cycle: ReviewCycle): Promise<Pick<Published, 'plan' | 'commitments'>> {
    let hit = this.cache.get(cycle.id);
    if (!hit) {
      hit = this.load(cycle);
      hit.catch(() => this.cache.delete(cycle.id));
      this.cache.set(cycle.id, hit);
      if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    }
    return hit;
  }

  private async load(cycle: ReviewCycle): Promise<Pick<Published, 'plan' | 'commitments'>> {
    const infos = await this.store.listSnapshots({ cycleId: cycle.id });
    let plan: PlanJSON | null = null;
    const commitments = new Map<string, CommitmentJSON>();
    for (const info of infos) {
      const snapshot = await this.store.getSnapshot(info.id);
      if (!snapshot) continue;
      if (info.docName === cycle.planId) plan = { ...(JSON.parse(snapshot.json) as PlanJSON), id: cycle.planId };
      else commitments.set(info.docName, JSON.parse(snapshot.json) as CommitmentJSON);
    }
    if (!plan) throw new Error(`the snapshot of cycle ${cycle.id} has no plan document`);
    return { plan, commitments };
  }
}
