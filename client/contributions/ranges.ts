/**
 * Review-cycle periods as update-log ranges: a cycle's period runs from the previous cycle's
 * snapshot (exclusive) to its own (inclusive), matching the log's (fromSeq, toSeq] ranges;
 * "live" is the period since the newest snapshot.
 */
import type { Contributions, CycleView, PersonTally, SnapshotView, Tally } from '../../shared/protocol/versions.js';

export interface Period {
  /** `?cycle=` value: a cycle id, or 'live' for the period since the last snapshot. */
  key: string;
  /** The cycle that opens the period (null: from the beginning). */
  after: CycleView | null;
  /** The cycle that closes it (null: until now). */
  until: CycleView | null;
}

/** Periods of the plan's taken cycles, oldest first, then the open period since the newest one. */
export function periods(cycles: CycleView[]): Period[] {
  const taken = cycles.filter((c) => c.snapshotAt).sort((a, b) => a.snapshotAt!.localeCompare(b.snapshotAt!));
  const out: Period[] = taken.map((c, i) => ({ key: c.id, after: taken[i - 1] ?? null, until: c }));
  if (taken.length) out.push({ key: 'live', after: taken[taken.length - 1]!, until: null });
  return out;
}

/** One commitment's range in a period, from its own snapshots' seqs. */
export function commitmentRange(p: Period, versions: SnapshotView[]): { fromSeq?: number; toSeq?: number } {
  const seq = (c: CycleView | null) => (c ? versions.find((v) => v.cycleId === c.id)?.seq : undefined);
  // A commitment created after the closing cycle has no snapshot in it: nothing in that period.
  const toSeq = p.until ? (seq(p.until) ?? 0) : undefined;
  return { fromSeq: seq(p.after) ?? 0, toSeq };
}

export const emptyTally = (): Tally => ({ charsAdded: 0, charsRemoved: 0, milestonesAdded: 0, updates: 0 });

function add(into: Tally, t: Tally): void {
  into.charsAdded += t.charsAdded;
  into.charsRemoved += t.charsRemoved;
  into.milestonesAdded += t.milestonesAdded;
  into.updates += t.updates;
}

export interface Totals {
  byAffiliation: Record<string, Tally>;
  byPerson: PersonTally[];
}

/** Sums several commitments' figures (a plan over one review period). */
export function sumContributions(list: Contributions[]): Totals {
  const byAffiliation: Record<string, Tally> = {};
  const people = new Map<string, PersonTally>();
  for (const c of list) {
    for (const [kind, t] of Object.entries(c.byAffiliation)) add((byAffiliation[kind] ??= emptyTally()), t);
    for (const p of c.byPerson) {
      const into = people.get(p.userId);
      if (into) add(into, p);
      else people.set(p.userId, { ...p });
    }
  }
  return { byAffiliation, byPerson: [...people.values()].sort((a, b) => b.charsAdded + b.charsRemoved - (a.charsAdded + a.charsRemoved) || a.name.localeCompare(b.name)) };
}

/** Percentage of `part` in `whole`, rounded; 0 when there is nothing. */
export const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);
