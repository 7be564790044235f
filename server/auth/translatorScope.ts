/**
 * Decides whether a Yjs update touches only the English texts of a commitment (what a
 * translator may change), without applying it: every inserted item and every deleted range
 * is traced to the shared type it lives in.
 */
import * as Y from 'yjs';

/** Where an item lives: its root type's name and the map keys on the way down to it. */
interface Location {
  root: string;
  subs: Array<string | null>;
}

const ENGLISH_ROOT = /^(title|partners):en$|^section:[a-z]+:en$|^enBasis$/;

function isEnglish(loc: Location): boolean {
  if (ENGLISH_ROOT.test(loc.root)) return true;
  // A milestone row's English cell: milestones → <row id> → text:en | indicator:en → …
  return loc.root === 'milestones' && loc.subs.length >= 2 && typeof loc.subs[1] === 'string' && /:en$/.test(loc.subs[1]!);
}

function locateIntegrated(doc: Y.Doc, item: Y.Item): Location | null {
  const subs: Array<string | null> = [item.parentSub];
  let type = item.parent as Y.AbstractType<unknown> | null;
  while (type && type._item) {
    subs.unshift(type._item.parentSub);
    type = type._item.parent as Y.AbstractType<unknown> | null;
  }
  if (!type) return null;
  const root = Y.findRootTypeKey(type);
  return root === undefined || doc.share.get(root) !== type ? null : { root, subs };
}

/** True when applying `update` to `doc` would change English texts only. */
export function touchesOnlyEnglish(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  const own = new Map<number, Y.Item[]>();
  for (const s of structs) {
    if (s instanceof Y.Item) {
      let list = own.get(s.id.client);
      if (!list) own.set(s.id.client, (list = []));
      list.push(s);
    }
  }
  const memo = new Map<Y.Item, Location | null>();

  const findOwn = (id: Y.ID): Y.Item | undefined =>
    own.get(id.client)?.find((i) => id.clock >= i.id.clock && id.clock < i.id.clock + i.length);

  const locateId = (id: Y.ID, depth: number): Location | null => {
    const mine = findOwn(id);
    if (mine) return locateDecoded(mine, depth + 1);
    const clientStructs = doc.store.clients.get(id.client);
    const last = clientStructs?.[clientStructs.length - 1];
    if (!clientStructs || !last || id.clock >= last.id.clock + last.length) return null;
    const found = clientStructs[Y.findIndexSS(clientStructs, id.clock)];
    return found instanceof Y.Item ? locateIntegrated(doc, found) : null;
  };

  const locateDecoded = (item: Y.Item, depth: number): Location | null => {
    if (memo.has(item)) return memo.get(item)!;
    if (depth > 10_000) return null;
    let loc: Location | null = null;
    const parent = item.parent as unknown;
    if (typeof parent === 'string') loc = { root: parent, subs: [item.parentSub] };
    else if (parent instanceof Y.ID) {
      const p = locateId(parent, depth);
      loc = p && { root: p.root, subs: [...p.subs, item.parentSub] };
    } else if (item.origin || item.rightOrigin) {
      // Parent info is omitted when a neighbour is known: the item lives where its neighbour does.
      loc = locateId((item.origin ?? item.rightOrigin)!, depth);
    }
    memo.set(item, loc);
    return loc;
  };

  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    // Content the server already has is skipped when applied: it changes nothing.
    if (s.id.clock + s.length <= Y.getState(doc.store, s.id.client)) continue;
    const loc = locateDecoded(s, 0);
    if (!loc || !isEnglish(loc)) return false;
  }
  // A client's sync reply carries its whole delete set: only deletions of content that is
  // still visible here would change anything, so only those are checked.
  for (const [client, ranges] of ds.clients) {
    const stored = doc.store.clients.get(client) ?? [];
    const storedEnd = stored.length ? stored[stored.length - 1]!.id.clock + stored[stored.length - 1]!.length : 0;
    for (const { clock, len } of ranges) {
      const end = clock + len;
      for (let c = clock; c < end; ) {
        if (c < storedEnd) {
          const struct = stored[Y.findIndexSS(stored, c)]!;
          if (struct instanceof Y.Item && !struct.deleted) {
            const loc = locateIntegrated(doc, struct);
            if (!loc || !isEnglish(loc)) return false;
          }
          c = struct.id.clock + struct.length;
          continue;
        }
        const mine = findOwn(Y.createID(client, c));
        if (!mine) break;
        const loc = locateDecoded(mine, 0);
        if (!loc || !isEnglish(loc)) return false;
        c = mine.id.clock + mine.length;
      }
    }
  }
  return true;
}
