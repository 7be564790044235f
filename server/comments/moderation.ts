/**
 * The working group's side of public comments: the moderation queue of a plan, approving or
 * rejecting, answering (the "reasoned response"), and how a comment is shown to each reader.
 */
import type { User } from '../../shared/protocol/auth.js';
import type { ModerationItem, PeopleResponse, PublicCommentStatus, PublicCommentView } from '../../shared/protocol/public.js';
import type { CommitmentSummary } from '../../shared/protocol/api.js';
import { renderCommitment, type Bilingual } from '../../shared/schema/index.js';
import { forbidden } from '../auth/middleware.js';
import type { Catalog } from '../plans/catalog.js';
import { notFound } from '../errors.js';
import type { PublicComment, Store } from '../storage/index.js';
import { authorOf } from '../sync/connection.js';
import type { Rooms } from '../sync/rooms.js';
import { mayModerateSome, writesCommitment } from '../rights/writers.js';
import { publicCommentsCsv } from './commentsCsv.js';

export interface ModerationDeps {
  store: Store;
  rooms: Rooms;
  catalog: Catalog;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** What anyone may see of an approved comment: never the e-mail address. */
export const publicCommentView = (c: PublicComment): PublicCommentView => ({
  id: c.id,
  commitmentId: c.commitmentId,
  milestoneId: c.milestoneId,
  name: c.name,
  text: c.text,
  createdAt: iso(c.createdAt),
  response: c.response ? { text: c.response.text, by: { name: c.response.by.name, affiliation: c.response.by.affiliation }, at: iso(c.response.at) } : null,
});

/** Live milestone texts of a commitment, by id. */
const milestoneTexts = async (rooms: Rooms, id: string) =>
  new Map((await rooms.read(id, renderCommitment))?.milestones.map((m) => [m.id, m.text]) ?? []);

function moderationItem(c: PublicComment, summary: CommitmentSummary | undefined, canModerate: boolean, milestones: Map<string, Bilingual>): ModerationItem {
  return {
    ...publicCommentView(c),
    milestoneText: c.milestoneId ? (milestones.get(c.milestoneId) ?? null) : null,
    planId: c.planId,
    status: c.status,
    email: canModerate ? c.email : null,
    cycleId: c.cycleId,
    commitmentNumber: summary?.number ?? '',
    commitmentTitle: summary?.title ?? { zh: c.commitmentId, en: c.commitmentId },
    moderatedBy: c.moderatedBy ? { name: c.moderatedBy.name } : null,
    moderatedAt: c.moderatedAt === null ? null : iso(c.moderatedAt),
    canModerate,
  };
}

/** A plan's public comments for the moderation queue, oldest first. */
export async function moderationQueue(deps: ModerationDeps, planId: string, user: User, status?: PublicCommentStatus): Promise<ModerationItem[]> {
  if (!mayModerateSome(user)) throw forbidden('see the moderation queue of public comments');
  const summaries = new Map((await deps.catalog.listCommitments(planId)).map((s) => [s.id, s]));
  const comments = await deps.store.listPublicComments({ planId, status });
  const may = new Map<string, boolean>();
  const milestones = new Map<string, Map<string, Bilingual>>();
  const out: ModerationItem[] = [];
  for (const c of comments) {
    if (!may.has(c.commitmentId)) may.set(c.commitmentId, await writesCommitment(deps, user, c.commitmentId));
    if (c.milestoneId && !milestones.has(c.commitmentId)) milestones.set(c.commitmentId, await milestoneTexts(deps.rooms, c.commitmentId));
    out.push(moderationItem(c, summaries.get(c.commitmentId), may.get(c.commitmentId)!, milestones.get(c.commitmentId) ?? new Map()));
  }
  return out;
}

async function requireModerator(deps: ModerationDeps, id: string, user: User, what: string): Promise<PublicComment> {
  const comment = await deps.store.getPublicComment(id);
  if (!comment) throw notFound(`Public comment "${id}"`);
  if (!(await writesCommitment(deps, user, comment.commitmentId))) throw forbidden(`${what} comments on a commitment you do not write`);
  return comment;
}

async function itemFor(deps: ModerationDeps, id: string): Promise<ModerationItem> {
  const c = (await deps.store.getPublicComment(id))!;
  const summary = await deps.catalog.getCommitment(c.commitmentId).then((r) => r.summary, () => undefined);
  return moderationItem(c, summary, true, c.milestoneId ? await milestoneTexts(deps.rooms, c.commitmentId) : new Map());
}

/** Approve (shown on the public page) or reject (kept, never shown). */
export async function moderate(deps: ModerationDeps, id: string, decision: 'approve' | 'reject', user: User): Promise<ModerationItem> {
  await requireModerator(deps, id, user, 'moderate');
  await deps.store.moderatePublicComment(id, decision === 'approve' ? 'approved' : 'rejected', authorOf(user), Date.now());
  return itemFor(deps, id);
}

/** Sets the working group's answer, shown under the comment once it is approved. */
export async function respond(deps: ModerationDeps, id: string, text: string, user: User): Promise<ModerationItem> {
  await requireModerator(deps, id, user, 'answer');
  await deps.store.respondToPublicComment(id, text, authorOf(user), Date.now());
  return itemFor(deps, id);
}

/** The moderation service the routes call: the queue, its CSV record, decisions and answers, and who can be mentioned. */
export class Moderation {
  constructor(private readonly deps: ModerationDeps) {}

  /** Everyone with an account, by name and affiliation only (no e-mail, no role): whom a comment can mention. */
  async people(): Promise<PeopleResponse['people']> {
    return (await this.deps.store.listUsers()).map((u) => ({ id: u.id, name: u.name, affiliation: { kind: u.affiliation.kind, name: u.affiliation.name } }));
  }

  queue(planId: string, user: User, status?: PublicCommentStatus): Promise<ModerationItem[]> {
    return moderationQueue(this.deps, planId, user, status);
  }

  /** The queue as the published "reasoned response" record (versions named by their meeting). */
  async csv(planId: string, user: User, status?: PublicCommentStatus): Promise<string> {
    const items = await moderationQueue(this.deps, planId, user, status);
    const labels = new Map((await this.deps.store.listCycles(planId)).map((cy) => [cy.id, cy.label]));
    return publicCommentsCsv(items, labels);
  }

  moderate(id: string, decision: 'approve' | 'reject', user: User): Promise<ModerationItem> {
    return moderate(this.deps, id, decision, user);
  }

  respond(id: string, text: string, user: User): Promise<ModerationItem> {
    return respond(this.deps, id, text, user);
  }
}
