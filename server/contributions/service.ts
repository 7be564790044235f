/**
 * Contribution figures for a commitment or a whole plan, over a range of the update log: from
 * the contribution ledger (ledger.ts), which a replay of the log must always agree with.
 */
import * as Y from 'yjs';
import type { Catalog } from '../plans/catalog.js';
import type { Store } from '../storage/index.js';
import { addTally, countContributions, emptyTally, type Contributions, type Tally } from './count.js';
import { ledgerContributions } from './ledger.js';

export interface SeqRange {
  fromSeq: number;
  /** Inclusive; omitted = up to the last stored update. */
  toSeq?: number;
}

/** A commitment's figures over (fromSeq, toSeq] of its log, read from the contribution ledger. */
export async function commitmentContributions(store: Store, name: string, range: SeqRange = { fromSeq: 0 }): Promise<Contributions> {
  return ledgerContributions(store, name, range);
}

/**
 * The same figures by replaying the log (what the ledger must always agree with; kept for
 * checks and for a ledger that is in doubt).
 */
export async function replayContributions(store: Store, name: string, range: SeqRange = { fromSeq: 0 }): Promise<Contributions> {
  const loaded = await store.loadDocument(name);
  const toSeq = Math.min(range.toSeq ?? loaded.lastSeq, loaded.lastSeq);
  const fromSeq = Math.max(0, Math.min(range.fromSeq, toSeq));
  const before = fromSeq > 0 ? await store.loadUpdateRange(name, 0, fromSeq) : [];
  const base = before.length ? Y.mergeUpdates(before.map((u) => u.update)) : null;
  return countContributions(base, await store.loadUpdateRange(name, fromSeq, toSeq), fromSeq, toSeq);
}

export interface PlanContributions {
  commitments: Array<{ id: string } & Contributions>;
  byAffiliation: Record<string, Tally>;
  byPerson: Contributions['byPerson'];
}

/** Sums per-commitment figures; `rangeOf` gives each commitment's seq range (e.g. one review cycle). */
export async function planContributions(store: Store, ids: string[], rangeOf: (id: string) => SeqRange = () => ({ fromSeq: 0 })): Promise<PlanContributions> {
  const commitments: PlanContributions['commitments'] = [];
  const byAffiliation: Record<string, Tally> = {};
  const people = new Map<string, Contributions['byPerson'][number]>();
  for (const id of ids) {
    const c = await commitmentContributions(store, id, rangeOf(id));
    commitments.push({ id, ...c });
    for (const [kind, t] of Object.entries(c.byAffiliation)) addTally((byAffiliation[kind] ??= emptyTally()), t);
    for (const p of c.byPerson) {
      const into = people.get(p.userId);
      if (into) addTally(into, p);
      else people.set(p.userId, { ...p });
    }
  }
  return { commitments, byAffiliation, byPerson: [...people.values()].sort((a, b) => b.charsAdded - a.charsAdded) };
}

/** The figures the routes answer: one commitment's (in a range of the log), or a whole plan's. */
export class ContributionFigures {
  constructor(private readonly deps: { store: Store; catalog: Catalog }) {}

  /** 404 for an unknown commitment, before `readRange` is asked (so whatever the query says). */
  async forCommitment(id: string, readRange: () => SeqRange): Promise<Contributions> {
    await this.deps.catalog.getCommitment(id);
    return commitmentContributions(this.deps.store, id, readRange());
  }

  /** 404 for an unknown plan. */
  async forPlan(planId: string): Promise<PlanContributions> {
    const ids = (await this.deps.catalog.listCommitments(planId)).map((s) => s.id);
    return planContributions(this.deps.store, ids);
  }
}
