/**
 * Who contributed what, computed from the server's own update log (never from what clients
 * claim): characters added and removed and milestone rows written, per person and per
 * affiliation kind. Updates are replayed in order so a deletion can be measured against
 * the text it removed.
 */
import * as Y from 'yjs';
import type { LoggedUpdate } from '../storage/index.js';
import type { Contributions, PersonTally, Tally } from '../../shared/protocol/versions.js';

export type { Contributions, PersonTally, Tally };

export const emptyTally = (): Tally => ({ charsAdded: 0, charsRemoved: 0, milestonesAdded: 0, updates: 0 });

export function addTally(into: Tally, t: Tally): void {
  into.charsAdded += t.charsAdded;
  into.charsRemoved += t.charsRemoved;
  into.milestonesAdded += t.milestonesAdded;
  into.updates += t.updates;
}

/**
 * Measures one update against `doc` (the state before it), then applies it. The same with or
 * without garbage collection: only live text can be removed, and clocks survive collection.
 */
export function measure(doc: Y.Doc, update: Uint8Array): Tally {
  const t = emptyTally();
  t.updates = 1;
  const { structs, ds } = Y.decodeUpdate(update);
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    const known = Y.getState(doc.store, s.id.client);
    if (s.id.clock + s.length <= known) continue;
    if (s.content instanceof Y.ContentString) t.charsAdded += s.id.clock + s.length - Math.max(s.id.clock, known);
    // A new milestone row: a map created directly under the `milestones` root.
    if ((s.parent as unknown) === 'milestones' && s.parentSub && s.content instanceof Y.ContentType) t.milestonesAdded += 1;
  }
  for (const [client, ranges] of ds.clients) {
    const structsOfClient = doc.store.clients.get(client);
    if (!structsOfClient?.length) continue;
    const last = structsOfClient[structsOfClient.length - 1]!;
    const end = last.id.clock + last.length;
    for (const { clock, len } of ranges) {
      for (let c = clock; c < Math.min(clock + len, end); ) {
        const item = structsOfClient[Y.findIndexSS(structsOfClient, c)]!;
        const itemEnd = item.id.clock + item.length;
        if (item instanceof Y.Item && !item.deleted && item.content instanceof Y.ContentString) {
          t.charsRemoved += Math.min(itemEnd, clock + len) - Math.max(item.id.clock, clock);
        }
        c = itemEnd;
      }
    }
  }
  Y.applyUpdate(doc, update);
  return t;
}

/**
 * Tallies the updates of `range` (seq order), replayed on top of `base` (the state at the
 * range's start: the updates before it, or a snapshot).
 */
export function countContributions(base: Uint8Array | null, range: LoggedUpdate[], fromSeq: number, toSeq: number): Contributions {
  const doc = new Y.Doc({ gc: false });
  if (base) Y.applyUpdate(doc, base);
  const people = new Map<string, PersonTally>();
  const byAffiliation: Record<string, Tally> = {};
  const total = emptyTally();
  for (const u of range) {
    const t = measure(doc, u.update);
    let person = people.get(u.author.userId);
    if (!person) people.set(u.author.userId, (person = { userId: u.author.userId, name: u.author.name, affiliation: u.author.affiliation, ...emptyTally() }));
    addTally(person, t);
    addTally((byAffiliation[u.author.affiliation] ??= emptyTally()), t);
    addTally(total, t);
  }
  doc.destroy();
  const byPerson = [...people.values()].sort((a, b) => b.charsAdded + b.charsRemoved - (a.charsAdded + a.charsRemoved) || a.name.localeCompare(b.name));
  return { fromSeq, toSeq, byPerson, byAffiliation, total };
}
