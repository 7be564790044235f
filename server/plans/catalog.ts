/**
 * Plans and commitments as the HTTP API sees them: creating, listing, renaming and moving
 * documents. Every change goes through the room (so connected editors see it live) and is
 * durable before the call returns.
 */
import type { CommitmentSummary, PlanSummary } from '../../shared/protocol/api.js';
import type { CreateCommitmentBody, CreatePlanBody } from '../../shared/protocol/api.js';
import {
  blankCommitment,
  milestoneDues,
  placeCommitment,
  renderCommitment,
  renderPlan,
  shortText,
  writeCommitment,
  writePlan,
  type Bilingual,
  type CommitmentJSON,
  type PlanJSON,
} from '../../shared/schema/index.js';
import { AppError, conflict, notFound, badRequest } from '../errors.js';
import type { RightsService } from '../rights/service.js';
import type { Store } from '../storage/index.js';
import type { User } from '../../shared/protocol/auth.js';
import { canDo } from '../auth/permissions.js';
import { forbidden } from '../auth/middleware.js';
import { authorOf } from '../sync/connection.js';
import type { Rooms } from '../sync/rooms.js';

export class Catalog {
  constructor(
    private readonly store: Store,
    private readonly rooms: Rooms,
    private readonly rights: RightsService,
  ) {}

  async listPlans(): Promise<PlanSummary[]> {
    const docs = await this.store.listDocuments({ kind: 'plan' });
    const out: PlanSummary[] = [];
    for (const d of docs) {
      const plan = await this.rooms.read(d.name, renderPlan);
      if (!plan) continue;
      out.push({
        id: d.name,
        title: plan.title,
        periodStart: plan.periodStart,
        periodEnd: plan.periodEnd,
        commitmentCount: plan.domains.reduce((n, dom) => n + dom.commitmentIds.length, 0),
      });
    }
    return out;
  }

  async getPlan(planId: string): Promise<PlanJSON> {
    const plan = await this.rooms.read(planId, renderPlan);
    if (!plan || !planId.startsWith('plan-')) throw notFound(`Plan "${planId}"`);
    return { ...plan, id: planId };
  }

  async getCommitment(id: string): Promise<{ commitment: CommitmentJSON; summary: CommitmentSummary }> {
    const record = await this.store.getDocument(id);
    if (!record || record.kind !== 'commitment') throw notFound(`Commitment "${id}"`);
    const commitment = (await this.rooms.read(id, renderCommitment))!;
    return { commitment, summary: this.summarize(commitment, record.planId, record.updatedAt) };
  }

  /** Summaries in plan order (domain order, then position in the domain). */
  async listCommitments(planId?: string): Promise<CommitmentSummary[]> {
    const records = await this.store.listDocuments({ kind: 'commitment', ...(planId ? { planId } : {}) });
    if (planId && records.length === 0) await this.getPlan(planId);
    const rank = new Map<string, number>();
    for (const pid of new Set(records.map((r) => r.planId))) {
      const plan = await this.rooms.read(pid, renderPlan);
      plan?.domains.flatMap((d) => d.commitmentIds).forEach((cid, i) => rank.set(cid, i));
    }
    const out: CommitmentSummary[] = [];
    for (const r of records) {
      const c = await this.rooms.read(r.name, renderCommitment);
      if (c) out.push(this.summarize(c, r.planId, r.updatedAt));
    }
    return out.sort((a, b) => (rank.get(a.id) ?? 1e9) - (rank.get(b.id) ?? 1e9) || a.id.localeCompare(b.id));
  }

  private summarize(c: CommitmentJSON, planId: string, updatedAt: string): CommitmentSummary {
    return {
      id: c.id,
      planId,
      number: c.number,
      title: c.title,
      domainId: c.domainId,
      leadAgency: c.leadAgency,
      status: c.status,
      updatedAt,
      online: this.rooms.onlineCount(c.id),
      milestones: milestoneDues(c.milestones),
    };
  }

  async createPlan(body: CreatePlanBody, user: User): Promise<PlanJSON> {
    if (!canDo(user, 'create_plan')) throw forbidden('create plans');
    const author = authorOf(user);
    const id = `plan-${body.slug}`;
    if (await this.store.getDocument(id)) throw conflict(`A plan with the id "${id}" already exists; choose another slug.`);
    const plan: PlanJSON = {
      schemaVersion: 1,
      id,
      title: body.title,
      periodStart: body.periodStart,
      periodEnd: body.periodEnd,
      domains: body.domains.map((d) => ({ id: d.id, name: d.name, commitmentIds: [] })),
    };
    await this.store.createDocument(id, 'plan', '');
    await this.rooms.change(id, author, (doc) => writePlan(doc, plan));
    return plan;
  }

  async createCommitment(planId: string, body: CreateCommitmentBody, user: User): Promise<CommitmentJSON> {
    if (!canDo(user, 'create_commitment')) throw forbidden('create commitments');
    const author = authorOf(user);
    const plan = await this.getPlan(planId);
    if (!plan.domains.some((d) => d.id === body.domainId)) {
      throw badRequest(`The plan has no domain "${body.domainId}". Its domains are: ${plan.domains.map((d) => d.id).join(', ') || 'none yet'}.`);
    }
    const id = `c-${body.slug}`;
    if (await this.store.getDocument(id)) throw conflict(`A commitment with the id "${id}" already exists; choose another slug.`);
    // The lead agency is one of the directory's (its names are the directory's): rights name agencies by id.
    const lead = (await this.rights.listAgencies()).find((a) => a.id === body.leadAgency.id);
    if (!lead) throw new AppError(400, 'unknown_agency', `The agency "${body.leadAgency.id}" is not in the agency directory. A coordinator adds it first (POST /api/agencies).`);
    const json = blankCommitment({ id, number: body.number, domainId: body.domainId, title: body.title, leadAgency: { ...lead } });
    await this.store.createDocument(id, 'commitment', planId);
    await this.rights.createFor(id, lead.id);
    await this.rooms.change(id, author, (doc) => writeCommitment(doc, json));
    await this.rooms.change(planId, author, (doc) => placeCommitment(doc, id, body.domainId));
    return json;
  }

  async renameCommitment(id: string, title: Bilingual, user: User): Promise<CommitmentJSON> {
    await this.getCommitment(id);
    if ((await this.rights.accessOf(user, id)) !== 'write') throw forbidden('rename this commitment');
    const author = authorOf(user);
    await this.rooms.change(id, author, (doc) => {
      for (const lang of ['zh', 'en'] as const) {
        const text = shortText(doc, 'title', lang);
        if (text.toString() === title[lang]) continue;
        text.delete(0, text.length);
        text.insert(0, title[lang]);
      }
    });
    return (await this.getCommitment(id)).commitment;
  }

  async history(id: string) {
    await this.getCommitment(id);
    return this.store.listEvents(id);
  }
}
