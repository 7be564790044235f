/**
 * What the public site's API answers, as a service: the published plans, a plan's and a
 * commitment's latest published version with the approved comments, and storing a comment.
 * Everything shown comes from a published snapshot, never from a live document.
 */
import type { PublicCommitmentResponse, PublicPlanResponse, PublicPlansResponse } from '../../shared/protocol/public.js';
import { milestoneDues, type CommitmentJSON } from '../../shared/schema/index.js';
import { publicCommentView } from '../comments/moderation.js';
import { notFound } from '../errors.js';
import { outdatedPathsJson } from '../export/index.js';
import type { Links } from '../links/links.js';
import type { Store } from '../storage/index.js';
import type { Suggestions } from '../suggestions/index.js';
import { buildTimeline } from '../timeline/timeline.js';
import { FormSigner } from './formToken.js';
import type { Published, PublishedVersions } from './published.js';
import { submitPublicComment } from './submitComment.js';

export interface PublicSiteDeps {
  store: Store;
  /** The app's one PublishedVersions (shared with page titles, open data and search). */
  published: PublishedVersions;
  links: Links;
  suggestions: Suggestions;
}

/** A published commitment, as a comment form sends to it. */
export type CommentTarget = Published & { commitment: CommitmentJSON };

export class PublicSite {
  private readonly signer: FormSigner;

  constructor(private readonly deps: PublicSiteDeps) {
    this.signer = new FormSigner(deps.store);
  }

  async plans(): Promise<PublicPlansResponse> {
    const plans: PublicPlansResponse['plans'] = [];
    for (const doc of await this.deps.store.listDocuments({ kind: 'plan' })) {
      const p = await this.deps.published.latest(doc.name);
      if (p) plans.push({ id: doc.name, title: p.plan.title, periodStart: p.plan.periodStart, periodEnd: p.plan.periodEnd, version: p.version });
    }
    return { plans };
  }

  async plan(planId: string): Promise<PublicPlanResponse> {
    const { store, published } = this.deps;
    const p = await published.latest(planId);
    if (!p) throw notFound(`A published version of plan "${planId}"`);
    const approved = new Map<string, number>();
    for (const pc of await store.listPublicComments({ planId, status: 'approved' })) approved.set(pc.commitmentId, (approved.get(pc.commitmentId) ?? 0) + 1);
    const commitments = [...p.commitments.values()].map((cm) => ({
      id: cm.id, number: cm.number, title: cm.title, domainId: cm.domainId,
      leadAgency: { zh: cm.leadAgency.zh, en: cm.leadAgency.en }, status: cm.status, approvedComments: approved.get(cm.id) ?? 0,
      milestones: milestoneDues(cm.milestones),
    }));
    const timeline = buildTimeline(await store.listCycles(planId), p.commitments.values(), p.cycle.id);
    return { plan: p.plan, version: p.version, commitments, timeline };
  }

  async commitment(id: string): Promise<PublicCommitmentResponse> {
    const { store, published, links, suggestions } = this.deps;
    const p = await published.forCommitment(id);
    const { enBasis: _internal, ...commitment } = p.commitment;
    const domain = p.plan.domains.find((d) => d.commitmentIds.includes(commitment.id)) ?? p.plan.domains.find((d) => d.id === commitment.domainId);
    const comments = (await store.listPublicComments({ commitmentId: commitment.id, status: 'approved' })).map(publicCommentView);
    return {
      commitment,
      plan: { id: p.plan.id, title: p.plan.title },
      domain: domain ? { id: domain.id, name: domain.name } : null,
      version: p.version,
      englishOutdated: outdatedPathsJson(p.commitment),
      comments,
      links: await links.published(commitment.id, p.commitments),
      timeline: buildTimeline(await store.listCycles(p.plan.id), [p.commitment], p.cycle.id),
      acceptedSuggestions: await suggestions.acceptedForPublic(commitment.id, p.version.snapshotAt),
      formToken: await this.signer.issue(),
    };
  }

  formToken(): Promise<string> {
    return this.signer.issue();
  }

  /** The published commitment a comment is sent to (404 before the body is read, as the page is gone). */
  commentTarget(id: string): Promise<CommentTarget> {
    return this.deps.published.forCommitment(id);
  }

  /** Stores a comment on the published commitment (it waits for moderation): its id, or null for a caught bot. */
  submitComment(target: CommentTarget, raw: unknown, address: string): Promise<string | null> {
    return submitPublicComment(this.deps.store, this.signer, { commitment: target.commitment, planId: target.plan.id, cycleId: target.cycle.id, address, raw });
  }
}
