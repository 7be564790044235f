/**
 * What a transaction did to a document, as Yjs itself integrated it: every new item and every
 * item it deleted, each placed where it lives in the server's own document (its root type and
 * the map keys on the way down) — never where the update said it would go.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as Y from 'yjs';

/** Where an item lives: its root type's name and the map keys (null in a list or text) down to it. */
export interface Place {
  root: string;
  /** subs[0] is the item's key in the root (null inside a text or list), subs[1] one level down, … */
  subs: Array<string | null>;
}

export interface Change {
  kind: 'insert' | 'delete';
  item: Y.Item;
  place: Place;
  /** True when the item's parent was itself created by this transaction (a new row, a new thread). */
  inNewParent: boolean;
}

/** Finds the places of items, remembering those of their parent types. */
export class Locator {
  private readonly roots = new Map<Y.AbstractType<any>, string>();
  private readonly places = new WeakMap<Y.AbstractType<any>, Place | null>();

  constructor(private readonly doc: Y.Doc) {}

  private rootName(type: Y.AbstractType<any>): string | undefined {
    let name = this.roots.get(type);
    if (name === undefined) {
      // A root made by this very update: read the names again.
      for (const [key, t] of this.doc.share) this.roots.set(t, key);
      name = this.roots.get(type);
    }
    return name;
  }

  /** The place of a type's content, or null when it hangs off nothing (garbage collected). */
  ofType(type: Y.AbstractType<any>): Place | null {
    if (this.places.has(type)) return this.places.get(type)!;
    let place: Place | null;
    const item = type._item;
    if (!item) {
      const root = this.rootName(type);
      place = root === undefined ? null : { root, subs: [] };
    } else {
      const parent = item.parent instanceof Y.AbstractType ? this.ofType(item.parent) : null;
      place = parent && { root: parent.root, subs: [...parent.subs, item.parentSub] };
    }
    this.places.set(type, place);
    return place;
  }

  ofItem(item: Y.Item): Place | null {
    const parent = item.parent instanceof Y.AbstractType ? this.ofType(item.parent) : null;
    return parent && { root: parent.root, subs: [...parent.subs, item.parentSub] };
  }
}

/** True when `item` was created by the transaction whose before-state is `before`. */
const isNew = (item: Y.Item, before: Map<number, number>) => item.id.clock >= (before.get(item.id.client) ?? 0);

/**
 * The changes of a transaction (read in `afterTransaction`, before Yjs merges and collects
 * the structs). Linear in the size of the transaction, not of the document. Items that
 * cannot be placed (an orphan: their parent was collected) change nothing anyone sees.
 */
export function changesOf(tr: Y.Transaction, locator: Locator): Change[] {
  const out: Change[] = [];
  const store = tr.doc.store;
  const push = (kind: Change['kind'], item: Y.Item) => {
    const place = locator.ofItem(item);
    if (!place) return;
    const parentItem = (item.parent as Y.AbstractType<any>)._item;
    out.push({ kind, item, place, inNewParent: parentItem !== null && isNew(parentItem, tr.beforeState) });
  };
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = store.clients.get(client)!;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const s = structs[i]!;
      if (s instanceof Y.Item) push('insert', s);
    }
  }
  Y.iterateDeletedStructs(tr, tr.deleteSet, (s) => {
    if (s instanceof Y.Item) push('delete', s);
  });
  return out;
}

/**
 * True when applying `update` to `doc` would change nothing: every struct is there already
 * and every deletion is of something deleted already (a reader's client sends such an
 * update when it opens a document: it must not be refused as a write).
 */
export function changesNothing(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  const store = doc.store;
  for (const s of structs) if (!(s instanceof Y.Skip) && s.id.clock + s.length > Y.getState(store, s.id.client)) return false;
  for (const [client, ranges] of ds.clients) {
    const structsOf = store.clients.get(client);
    const state = Y.getState(store, client);
    for (const { clock, len } of ranges) {
      if (clock + len > state || !structsOf) return false;
      for (let i = Y.findIndexSS(structsOf, clock); i < structsOf.length && structsOf[i]!.id.clock < clock + len; i++) {
        const s = structsOf[i]!;
        if (s instanceof Y.Item && !s.deleted) return false;
      }
    }
  }
  return true;
}
