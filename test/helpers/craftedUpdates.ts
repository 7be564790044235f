/**
 * Yjs updates (format v1) no editor sends, written byte by byte as an attacker would: GC
 * ranges and deletions under any client id and clock, values nested at any depth, items
 * that reuse ids the server already has. Tests send them over real sockets to show the
 * server judges an update by its effect on its own document, never by what it claims.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** An update holding one GC range `client:clock..clock+len` (a claim on those clocks) and no deletions. */
export function gcRange(client: number, clock: number, len: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // clients with structs
  encoding.writeVarUint(e, 1); // structs of this client
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  encoding.writeUint8(e, 0); // GC
  encoding.writeVarUint(e, len);
  encoding.writeVarUint(e, 0); // delete set: no clients
  return encoding.toUint8Array(e);
}

/** An update that only deletes `client:clock..clock+len` (which may not have been written yet). */
export function deleteRange(client: number, clock: number, len: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0); // no structs
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, clock);
  encoding.writeVarUint(e, len);
  return encoding.toUint8Array(e);
}

/**
 * An update with one map entry `root[key] = value`, where value is a JSON object nested
 * `depth` levels deep ({a:{a:…"x"}}), written without recursion (Yjs's own encoder would
 * overflow the stack long before a hostile client does).
 */
export function deeplyNestedEntry(client: number, root: string, key: string, depth: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 0); // clock
  // Item with no origins, a parent sub (map key), ContentAny (ref 8).
  encoding.writeUint8(e, 8 | 0x20);
  encoding.writeVarUint(e, 1); // parent is a root type, named
  encoding.writeVarString(e, root);
  encoding.writeVarString(e, key);
  encoding.writeVarUint(e, 1); // one value
  for (let i = 0; i < depth; i++) {
    encoding.writeUint8(e, 118); // object
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, 'a');
  }
  encoding.writeUint8(e, 119); // string
  encoding.writeVarString(e, 'x');
  encoding.writeVarUint(e, 0); // delete set
  return encoding.toUint8Array(e);
}

/**
 * A copy of `base` whose edits (by `edit`) are written with `clientID`, as one update
 * holding only those edits.
 */
export function editAs(base: Y.Doc, clientID: number, edit: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const sv = Y.encodeStateVector(doc);
  edit(doc);
  const update = Y.encodeStateAsUpdate(doc, sv);
  doc.destroy();
  return update;
}
