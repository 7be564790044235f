/**
 * Contribution figures from the ledger (storage `ContributionStore`), not from a replay of
 * the log: each logged update is measured once, against the document as of the update
 * before it, and the store keeps every person's running totals. A request first measures
 * what was logged since the last one (usually nothing, or a few updates), then reads two
 * totals per person: its cost follows the number of people, not the length of the log.
 */
import * as Y from 'yjs';
import type { LedgerEntry, LedgerTotal, Store } from '../storage/index.js';
import { addTally, emptyTally, measure, type Contributions, type PersonTally, type Tally } from './count.js';

/** Updates measured per transaction while catching up (bounds memory on a long backlog). */
const CHUNK = 500;

/** One catch-up per store and document at a time in this process; other processes are fenced by the store. */
const catchingUp = new WeakMap<Store, Map<string, Promise<number>>>();

/** Measures what the log holds beyond the ledger; resolves with the log's last seq. */
export function catchUpLedger(store: Store, name: string): Promise<number> {
  let ofStore = catchingUp.get(store);
  if (!ofStore) catchingUp.set(store, (ofStore = new Map()));
  const running = ofStore.get(name);
  if (running) return running;
  const job = advance(store, name).finally(() => ofStore.delete(name));
  ofStore.set(name, job);
  return job;
}

async function advance(store: Store, name: string): Promise<number> {
  const { seq: from, lastSeq: target } = await store.contributionLedger(name);
  if (from >= target) return target;
  // Up to the log's end as this request found it: edits arriving meanwhile wait for the next.
  // Each turn moves the ledger, by this process or (its advance refused) by another.
  for (;;) {
    const { seq, state } = await store.contributionLedger(name, true);
    if (seq >= target) return target;
    const toSeq = Math.min(target, seq + CHUNK);
    const doc = new Y.Doc();
    try {
      if (state) Y.applyUpdate(doc, state);
      const entries: LedgerEntry[] = (await store.loadUpdateRange(name, seq, toSeq)).map((u) => ({ seq: u.seq, author: u.author, tally: measure(doc, u.update) }));
      // False when another process measured them first: the next turn starts where it left off.
      await store.advanceContributionLedger(name, seq, toSeq, Y.encodeStateAsUpdate(doc), entries);
    } finally {
      doc.destroy();
    }
  }
}

const minus = (a: Tally, b: Tally | undefined): Tally =>
  b ? { charsAdded: a.charsAdded - b.charsAdded, charsRemoved: a.charsRemoved - b.charsRemoved, milestonesAdded: a.milestonesAdded - b.milestonesAdded, updates: a.updates - b.updates } : { ...a };

/** The figures of updates (fromSeq, toSeq], from the running totals at both ends. */
export async function ledgerContributions(store: Store, name: string, range: { fromSeq: number; toSeq?: number }): Promise<Contributions> {
  const lastSeq = await catchUpLedger(store, name);
  const toSeq = Math.min(range.toSeq ?? lastSeq, lastSeq);
  const fromSeq = Math.max(0, Math.min(range.fromSeq, toSeq));
  const pairKey = (t: LedgerTotal) => JSON.stringify([t.author.userId, t.author.affiliation]);
  const [end, start] = await Promise.all([store.contributionTotalsAt(name, toSeq), fromSeq > 0 ? store.contributionTotalsAt(name, fromSeq) : Promise.resolve([])]);
  const before = new Map(start.map((t) => [pairKey(t), t.tally]));
  const people = new Map<string, PersonTally & { lastAs: number }>();
  const byAffiliation: Record<string, Tally> = {};
  const total = emptyTally();
  for (const t of end) {
    const d = minus(t.tally, before.get(pairKey(t)));
    if (d.updates === 0) continue;
    addTally((byAffiliation[t.author.affiliation] ??= emptyTally()), d);
    addTally(total, d);
    let person = people.get(t.author.userId);
    if (!person) people.set(t.author.userId, (person = { userId: t.author.userId, name: t.author.name, affiliation: t.author.affiliation, lastAs: d.updates, ...emptyTally() }));
    // Someone who wrote under two affiliations is listed under the one of most updates.
    else if (d.updates > person.lastAs) Object.assign(person, { name: t.author.name, affiliation: t.author.affiliation, lastAs: d.updates });
    addTally(person, d);
  }
  const byPerson = [...people.values()]
    .map(({ lastAs: _, ...p }) => p)
    .sort((a, b) => b.charsAdded + b.charsRemoved - (a.charsAdded + a.charsRemoved) || a.name.localeCompare(b.name));
  return { fromSeq, toSeq, byPerson, byAffiliation, total };
}
