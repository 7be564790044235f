/**
 * Suggestions: anyone who reads a commitment proposes a field's wording; its writers accept
 * (a forward edit attributed to the suggester) or decline with a reason. The base is read by
 * the server from its own copy of the document when the suggestion arrives, never taken from
 * the client, and a suggestion is applied only while the field still holds that base: a field
 * someone rewrote since shows as conflicting and is never overwritten blindly.
 */
import { randomUUID } from 'node:crypto';
import {
  MAX_OPEN_PER_PERSON,
  MAX_SUGGESTION_CHARS,
  parseSuggestionField,
  targetHasLang,
  type NewSuggestionBody,
  type SuggestionFigures,
  type SuggestionList,
  type SuggestionPerson,
  type SuggestionStatus,
  type SuggestionTarget,
  type SuggestionValue,
  type SuggestionView,
} from '../../shared/protocol/suggestions.js';
import { canEdit } from '../../shared/protocol/access.js';
import type { User } from '../../shared/protocol/auth.js';
import { richToPlain, type Lang, type RichDoc } from '../../shared/schema/index.js';
import type { PublicAcceptedSuggestion } from '../../shared/protocol/public.js';
import type { Audit } from '../audit/audit.js';
import { forbidden } from '../auth/middleware.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { readAccess } from '../rights/read.js';
import type { RightsDeps } from '../rights/migrateRights.js';
import type { Rooms } from '../sync/rooms.js';
import { exclusively, type Store, type UpdateAuthor } from '../storage/index.js';
import { foreignNode, plainToRich, readField, sameValue, textLength, writeField } from './fieldValues.js';
import type { StoredSuggestion, SuggestionStore } from './store.js';
import { suggestionFigures } from './figures.js';

export interface SuggestionDeps {
  store: Store;
  rooms: Rooms;
  suggestions: SuggestionStore;
  audit: Audit;
  /** Told of each new suggestion and each decision (the notification centre, when there is one). */
  onEvent?: (event: SuggestionEvent) => void;
}

export type SuggestionEvent =
  | { type: 'suggested'; suggestion: SuggestionView }
  | { type: 'decided'; suggestion: SuggestionView };

const personOf = (user: User): SuggestionPerson => ({ userId: user.id, name: user.name, affiliation: user.affiliation.name, affiliationKind: user.affiliation.kind });

/** The update author of an accepted suggestion: the suggester, whose words these are. */
const authorOfPerson = (p: SuggestionPerson): UpdateAuthor => ({ userId: p.userId, name: p.name, affiliation: p.affiliationKind });

function targetOf(field: string): SuggestionTarget {
  const t = parseSuggestionField(field);
  if (!t) throw badRequest(`"${field}" is not a field of a commitment that can be suggested: use title, partners, section:<problem|content|relevance|other> or milestone:<rowId>:<cell>.`);
  return t;
}

export class Suggestions {
  /** One decision at a time per suggestion in this process (the advisory lock covers a cluster). */
  private readonly deciding = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: SuggestionDeps) {}

  private async commitmentOf(id: string) {
    const record = await this.deps.store.getDocument(id);
    if (!record || record.kind !== 'commitment') throw notFound(`Commitment "${id}"`);
    return record;
  }

  /** Plan-wide reads refuse an unknown plan rather than answer "nothing" for it. */
  private async planOf(planId: string) {
    const record = await this.deps.store.getDocument(planId);
    if (!record || record.kind !== 'plan') throw notFound(`Plan "${planId}"`);
  }

  async create(user: User, commitmentId: string, body: NewSuggestionBody): Promise<SuggestionView> {
    const record = await this.commitmentOf(commitmentId);
    // Every signed-in role reads every commitment; readAccess is asked anyway so a future read limit holds here too.
    await readAccess(this.deps as RightsDeps, user, commitmentId);
    const target = targetOf(body.field);
    const lang: Lang | '' = targetHasLang(target) ? (body.lang ?? 'zh') : '';
    let proposed: SuggestionValue;
    if (target.kind === 'section') {
      proposed = body.rich !== undefined ? (body.rich as RichDoc) : plainToRich(body.text ?? '');
      if ((proposed as RichDoc).type !== 'doc') throw badRequest('A proposed section must be a document (type "doc").');
      const bad = foreignNode(proposed as RichDoc);
      if (bad) throw badRequest(`A proposed section may only use the editor's paragraphs, lists, headings and marks; "${bad}" is not one of them.`);
    } else {
      if (body.rich !== undefined) throw badRequest(`"${body.field}" is plain text: send "text", not "rich".`);
      proposed = (body.text ?? '').replace(/\r\n?/g, '\n');
      if (target.kind === 'milestoneValue' && (target.cell === 'due' || target.cell === 'start') && proposed !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(proposed)) {
        throw badRequest(`A ${target.cell === 'due' ? 'due' : 'start'} date is written YYYY-MM-DD, e.g. 2027-06-30.`);
      }
    }
    if (textLength(proposed) > MAX_SUGGESTION_CHARS) throw new AppError(413, 'too_large', `A suggestion may hold at most ${MAX_SUGGESTION_CHARS} characters.`);
    const base = await this.deps.rooms.read(commitmentId, (doc) => readField(doc, target, lang || 'zh'));
    if (base === null || base === undefined) throw notFound(`Milestone row "${body.field.split(':')[1]}" of ${commitmentId}`);
    if (sameValue(base, proposed)) throw badRequest('The proposed text is the same as the current text: change something before suggesting it.');
    if ((await this.deps.suggestions.countOpen(commitmentId, user.id)) >= MAX_OPEN_PER_PERSON) {
      throw new AppError(429, 'too_many_suggestions', `You have ${MAX_OPEN_PER_PERSON} open suggestions on this commitment; wait for the working group to answer some first.`);
    }
    const stored: StoredSuggestion = {
      id: `sg_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
      commitmentId,
      planId: record.planId,
      field: body.field,
      lang,
      base: JSON.stringify(base),
      proposed: JSON.stringify(proposed),
      author: personOf(user),
      createdAt: new Date().toISOString(),
      decision: null,
    };
    await this.deps.suggestions.add(stored);
    const view = await this.view(stored);
    this.deps.onEvent?.({ type: 'suggested', suggestion: view });
    return view;
  }

  async list(commitmentId: string, status?: SuggestionStatus): Promise<SuggestionList> {
    await this.commitmentOf(commitmentId);
    const all = await this.deps.suggestions.listForCommitment(commitmentId);
    const views = await this.views(commitmentId, all);
    const counts: Record<SuggestionStatus, number> = { open: 0, accepted: 0, declined: 0 };
    for (const v of views) counts[v.status]++;
    return { commitmentId, suggestions: status ? views.filter((v) => v.status === status) : views, counts };
  }

  /** Every suggestion of a plan (for the decisions CSV and the overview counts). */
  async listForPlan(planId: string): Promise<SuggestionView[]> {
    await this.planOf(planId);
    const all = await this.deps.suggestions.listForPlan(planId);
    const byCommitment = new Map<string, StoredSuggestion[]>();
    for (const s of all) {
      const list = byCommitment.get(s.commitmentId);
      if (list) list.push(s);
      else byCommitment.set(s.commitmentId, [s]);
    }
    const out: SuggestionView[] = [];
    for (const [id, list] of byCommitment) out.push(...(await this.views(id, list)));
    return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /** Civil society's suggestions accepted up to `until` (a published snapshot's time), for the public page. */
  async acceptedForPublic(commitmentId: string, until: string): Promise<PublicAcceptedSuggestion[]> {
    const limit = Date.parse(until);
    return (await this.deps.suggestions.listForCommitment(commitmentId))
      .filter((s) => s.author.affiliationKind === 'civil_society' && s.decision?.decision === 'accepted' && Date.parse(s.decision.decidedAt) <= limit)
      .map((s) => {
        const proposed = JSON.parse(s.proposed) as SuggestionValue;
        return {
          field: s.field,
          lang: s.lang,
          text: typeof proposed === 'string' ? proposed : richToPlain(proposed),
          by: { name: s.author.name, affiliation: s.author.affiliation },
          acceptedAt: s.decision!.decidedAt,
        };
      });
  }

  /** Per commitment of a plan: how many suggestions are open, accepted, declined (the overview's counts; no document is read). */
  async countsForPlan(planId: string): Promise<Record<string, Record<SuggestionStatus, number>>> {
    await this.planOf(planId);
    const counts: Record<string, Record<SuggestionStatus, number>> = {};
    for (const s of await this.deps.suggestions.listForPlan(planId)) {
      const c = (counts[s.commitmentId] ??= { open: 0, accepted: 0, declined: 0 });
      c[s.decision ? s.decision.decision : 'open']++;
    }
    return counts;
  }

  /** The contribution page's figures for a plan or one commitment over a period. */
  async figures(scope: { plan?: string; commitment?: string }, period: { after?: string; until?: string }): Promise<SuggestionFigures> {
    const list = scope.commitment ? (await this.list(scope.commitment)).suggestions : await this.listForPlan(scope.plan ?? '');
    return suggestionFigures(list, period);
  }

  async get(id: string): Promise<SuggestionView> {
    const s = await this.deps.suggestions.get(id);
    if (!s) throw notFound(`Suggestion "${id}"`);
    return this.view(s);
  }

  accept(user: User, id: string, reason = '', address = ''): Promise<SuggestionView> {
    return this.decide(user, id, 'accepted', reason, address);
  }

  decline(user: User, id: string, reason: string, address = ''): Promise<SuggestionView> {
    if (!reason.trim()) throw badRequest('Give a reason when declining: declined suggestions are answered on the record.');
    return this.decide(user, id, 'declined', reason.trim(), address);
  }

  private decide(user: User, id: string, decision: 'accepted' | 'declined', reason: string, address: string): Promise<SuggestionView> {
    const previous = this.deciding.get(id) ?? Promise.resolve();
    const run = previous.catch(() => {}).then(() => exclusively(this.deps.store, `suggestion:${id}`, () => this.decideNow(user, id, decision, reason, address)));
    this.deciding.set(id, run);
    void run.finally(() => {
      if (this.deciding.get(id) === run) this.deciding.delete(id);
    }).catch(() => {});
    return run;
  }

  private async decideNow(user: User, id: string, decision: 'accepted' | 'declined', reason: string, address: string): Promise<SuggestionView> {
    const s = await this.deps.suggestions.get(id);
    if (!s) throw notFound(`Suggestion "${id}"`);
    const target = targetOf(s.field);
    const lang = (s.lang || 'zh') as Lang;
    const access = await readAccess(this.deps as RightsDeps, user, s.commitmentId);
    if (!canEdit(access, targetHasLang(target) ? lang : undefined)) throw forbidden('decide suggestions on this commitment (its writers decide them)');
    if (s.decision) {
      // Accepting twice is the same accept; anything else contradicts the record.
      if (s.decision.decision === decision) return this.view(s);
      throw new AppError(409, 'already_decided', `${s.decision.by.name} already ${s.decision.decision === 'accepted' ? 'accepted' : 'declined'} this suggestion at ${s.decision.decidedAt}; a decision is not changed.`);
    }
    if (decision === 'accepted') {
      const base = JSON.parse(s.base) as SuggestionValue;
      const proposed = JSON.parse(s.proposed) as SuggestionValue;
      let outcome = 'conflict' as 'applied' | 'conflict' | 'gone';
      await this.deps.rooms.change(s.commitmentId, authorOfPerson(s.author), (doc) => {
        // Checked inside the change, on the room's own state: nothing can slip in between.
        const now = readField(doc, target, lang);
        if (now === null) outcome = 'gone';
        else if (sameValue(now, base)) outcome = writeField(doc, target, lang, proposed) ? 'applied' : 'gone';
        else if (sameValue(now, proposed)) outcome = 'applied';
      });
      if (outcome === 'gone') throw new AppError(409, 'suggestion_target_gone', 'The milestone this suggestion changes has been removed; decline it with a reason instead.');
      if (outcome === 'conflict') throw new AppError(409, 'suggestion_conflict', 'This field has been changed since the suggestion was made, so accepting it would overwrite that change. Compare the two, then edit the text yourself or decline the suggestion.');
    }
    const { recorded, standing } = await this.deps.suggestions.decide({ suggestionId: id, decision, reason, by: personOf(user), decidedAt: new Date().toISOString() });
    if (recorded) {
      await this.deps.store.appendEvent({
        name: s.commitmentId,
        type: decision === 'accepted' ? 'suggestion_accepted' : 'suggestion_declined',
        data: { suggestionId: id, field: s.field, lang: s.lang, suggestedBy: s.author, reason },
        author: { userId: user.id, name: user.name, affiliation: user.affiliation.kind },
        at: Date.now(),
      });
      await this.deps.audit.record({ actor: user, action: 'suggestion_decided', target: s.commitmentId, details: { suggestion: id, field: s.field, lang: s.lang, decision, suggestedBy: s.author.name }, address });
    } else if (standing.decision !== decision) {
      throw new AppError(409, 'already_decided', `${standing.by.name} already ${standing.decision} this suggestion; a decision is not changed.`);
    }
    const view = await this.view({ ...s, decision: standing });
    if (recorded) this.deps.onEvent?.({ type: 'decided', suggestion: view });
    return view;
  }

  private async view(s: StoredSuggestion): Promise<SuggestionView> {
    return (await this.views(s.commitmentId, [s]))[0]!;
  }

  /** Views of one commitment's suggestions, with "conflicting" read from the live document once. */
  private async views(commitmentId: string, list: StoredSuggestion[]): Promise<SuggestionView[]> {
    const open = list.filter((s) => !s.decision);
    const current = open.length
      ? await this.deps.rooms.read(commitmentId, (doc) => open.map((s) => readField(doc, targetOf(s.field), (s.lang || 'zh') as Lang)))
      : [];
    const now = new Map(open.map((s, i) => [s.id, current?.[i] ?? null]));
    return list.map((s) => {
      const base = JSON.parse(s.base) as SuggestionValue;
      const live = now.get(s.id);
      return {
        id: s.id,
        commitmentId: s.commitmentId,
        planId: s.planId,
        field: s.field,
        lang: s.lang as Lang | '',
        base,
        proposed: JSON.parse(s.proposed) as SuggestionValue,
        author: s.author,
        createdAt: s.createdAt,
        status: s.decision ? s.decision.decision : 'open',
        conflicting: !s.decision && (live === null || live === undefined || !sameValue(live, base)),
        decision: s.decision ? { by: s.decision.by, at: s.decision.decidedAt, reason: s.decision.reason } : null,
      };
    });
  }
}
