/**
 * The public site's API (no sign-in): the latest published version of a plan and of each
 * commitment, approved public comments with their answers, and posting a comment. Also the
 * coordinator's `POST /api/cycles/:id/publish`. Everything shown comes from a published
 * snapshot, never from a live document.
 */
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type {
  PublicCommentAccepted,
  PublicCommitmentResponse,
  PublicPlanResponse,
  PublicPlansResponse,
  PublicationView,
} from '../../shared/protocol/public.js';
import { type AuthEnv, requireUser } from '../auth/middleware.js';
import { AppError, notFound } from '../errors.js';
import { outdatedPathsJson } from '../export/translationJson.js';
import { milestoneDues } from '../../shared/schema/index.js';
import type { Store } from '../storage/types.js';
import { FormSigner } from './formToken.js';
import { publishedLinks } from '../links/links.js';
import { publicCommentView } from '../comments/moderation.js';
import { PublishedVersions } from './published.js';
import { submitPublicComment } from './submitComment.js';
import { buildTimeline } from '../timeline/timeline.js';
import { clientAddress, type TrustedProxies } from '../http/clientAddress.js';
import { readJson } from '../http/validate.js';
import type { Suggestions } from '../suggestions/index.js';

export interface PublicRouteDeps {
  store: Store;
  /** Whose `X-Forwarded-For` names the visitor for the flood limit. */
  trustedProxies: TrustedProxies;
  suggestions: Suggestions;
  /** Told of each public comment stored (it waits for moderation): the notification centre. */
  onPublicComment?: (c: { commitmentId: string; name: string; text: string }) => void;
}

/** A comment is at most 2,000 characters: a body far larger is not a comment. */
const MAX_COMMENT_BODY = 32 * 1024;

export function publicRoutes({ store, trustedProxies, suggestions, onPublicComment }: PublicRouteDeps): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  const published = new PublishedVersions(store);
  const signer = new FormSigner(store);

  api.post('/cycles/:cycleId/publish', async (c) => {
    const p = await published.publish(c.req.param('cycleId'), requireUser(c));
    const body: PublicationView = { planId: p.planId, cycleId: p.cycleId, publishedAt: new Date(p.publishedAt).toISOString(), publishedBy: { name: p.publishedBy.name } };
    return c.json({ publication: body }, 201);
  });

  api.get('/public/plans', async (c) => {
    const plans: PublicPlansResponse['plans'] = [];
    for (const doc of await store.listDocuments({ kind: 'plan' })) {
      const p = await published.latest(doc.name);
      if (p) plans.push({ id: doc.name, title: p.plan.title, periodStart: p.plan.periodStart, periodEnd: p.plan.periodEnd, version: p.version });
    }
    return c.json({ plans } satisfies PublicPlansResponse);
  });

  api.get('/public/plans/:planId', async (c) => {
    const planId = c.req.param('planId');
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
    return c.json({ plan: p.plan, version: p.version, commitments, timeline } satisfies PublicPlanResponse);
  });

  api.get('/public/commitments/:id', async (c) => {
    const p = await published.forCommitment(c.req.param('id'));
    const { enBasis: _internal, ...commitment } = p.commitment;
    const domain = p.plan.domains.find((d) => d.commitmentIds.includes(commitment.id)) ?? p.plan.domains.find((d) => d.id === commitment.domainId);
    const comments = (await store.listPublicComments({ commitmentId: commitment.id, status: 'approved' })).map(publicCommentView);
    const body: PublicCommitmentResponse = {
      commitment,
      plan: { id: p.plan.id, title: p.plan.title },
      domain: domain ? { id: domain.id, name: domain.name } : null,
      version: p.version,
      englishOutdated: outdatedPathsJson(p.commitment),
      comments,
      links: await publishedLinks(store, commitment.id, p.commitments),
      timeline: buildTimeline(await store.listCycles(p.plan.id), [p.commitment], p.cycle.id),
      acceptedSuggestions: await suggestions.acceptedForPublic(commitment.id, p.version.snapshotAt),
      formToken: await signer.issue(),
    };
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  });

  api.get('/public/form-token', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ token: await signer.issue() });
  });

  api.post(
    '/public/commitments/:id/comments',
    bodyLimit({ maxSize: MAX_COMMENT_BODY, onError: () => { throw new AppError(413, 'too_large', 'The request is far larger than a comment can be (2,000 characters). Shorten it.'); } }),
    async (c) => {
      const p = await published.forCommitment(c.req.param('id'));
      const raw = await readJson(c, '{name, email?, text, milestoneId?, token}');
      let id: string | null;
      try {
        id = await submitPublicComment(store, signer, { commitment: p.commitment, planId: p.plan.id, cycleId: p.cycle.id, address: clientAddress(c as Context, trustedProxies), raw });
      } catch (err) {
        if (err instanceof AppError && err.status === 429) c.header('Retry-After', '600');
        throw err;
      }
      if (id) {
        const b = raw as { name?: unknown; text?: unknown };
        onPublicComment?.({ commitmentId: p.commitment.id, name: String(b.name ?? '').trim().slice(0, 100), text: String(b.text ?? '') });
      }
      const body: PublicCommentAccepted = {
        // A caught bot gets an id of the same form: nothing tells it apart from acceptance.
        comment: { id: id ?? 'pc_' + randomBytes(8).toString('hex'), status: 'pending' },
        message: 'Thank you. Your comment will be shown here once the working group has reviewed it.',
      };
      return c.json(body, 202);
    },
  );

  return api;
}
