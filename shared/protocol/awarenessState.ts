/**
 * What server and client agree an awareness state may carry where an editor reads it: the
 * caret (`cursor`, y-tiptap's {anchor, head} relative positions). y-tiptap hands these to
 * Yjs unchecked, and Yjs throws on a position that names nothing, so one person's malformed
 * caret would break every other person's editor. The server strips such a caret; the client
 * strips it again, since a state can also reach it from another tab or an older server.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { parseDocName } from './docNames.js';
import { isKnownRoot } from '../schema/docLayout.js';

/** One entry of a y-protocols awareness update, its state still as UTF-8 JSON bytes. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  json: Uint8Array;
}

/** Longest root name a caret may name (the document's own names are far shorter). */
const MAX_ROOT_NAME = 100;

/** Reads the entries of an awareness update; throws on truncated or trailing bytes. */
export function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push({ clientId, clock, json: decoding.readVarUint8Array(decoder) });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes in awareness update');
  return entries;
}

/** Writes an awareness update from entries whose state is a JSON string. */
export function writeAwarenessEntries(entries: ReadonlyArray<{ clientId: number; clock: number; json: string }>): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(e, clientId);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, json);
  }
  return encoding.toUint8Array(e);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isId = (v: unknown): boolean => isObject(v) && isCount(v.client) && isCount(v.clock) && Object.keys(v).length === 2;
const KEYS = new Set(['type', 'tname', 'item', 'assoc']);

/**
 * A Yjs relative position as JSON (`Y.RelativePosition` stringified): a type by id or by
 * root name, or an item, with an optional integer `assoc`. `isRoot` limits root names to the
 * document's own (Yjs would otherwise create an empty root for any name it is shown).
 */
export function isRelativePosition(v: unknown, isRoot: (name: string) => boolean): boolean {
  if (!isObject(v) || Object.keys(v).some((k) => !KEYS.has(k))) return false;
  const type = v.type ?? null;
  const tname = v.tname ?? null;
  const item = v.item ?? null;
  const assoc = v.assoc ?? 0;
  if (type !== null && !isId(type)) return false;
  if (item !== null && !isId(item)) return false;
  if (tname !== null && (typeof tname !== 'string' || tname.length > MAX_ROOT_NAME || !isRoot(tname))) return false;
  if (typeof assoc !== 'number' || !Number.isSafeInteger(assoc)) return false;
  // With none of the three, Yjs cannot tell which type the position is in (it throws).
  return type !== null || tname !== null || item !== null;
}

/** A caret as y-tiptap publishes it: `{ anchor, head }`, both relative positions. */
export function isCaretCursor(v: unknown, isRoot: (name: string) => boolean): boolean {
  return isObject(v) && Object.keys(v).length === 2 && isRelativePosition(v.anchor, isRoot) && isRelativePosition(v.head, isRoot);
}

/** The root-name check for a document name (no root is acceptable for an unknown name). */
export function rootsOf(docName: string): (name: string) => boolean {
  const parsed = parseDocName(docName);
  return parsed ? (name) => isKnownRoot(parsed.kind, name) : () => false;
}

/**
 * Whether a parsed state's caret must be stripped: true when it has a `cursor` that is
 * neither absent/null nor a valid caret.
 */
export function hasBadCursor(state: Record<string, unknown>, isRoot: (name: string) => boolean): boolean {
  return state.cursor !== undefined && state.cursor !== null && !isCaretCursor(state.cursor, isRoot);
}
