/**
 * The schema firewall: before an update from a client is integrated, every struct in it is
 * checked against what a document of its kind can hold — known top-level names, the content
 * kinds and element and mark names the editor uses, bounded nesting, string and value sizes,
 * struct counts, and how many new items crowd one position (the cost of Yjs's conflict
 * resolution grows with the square of that). A refused update changes nothing.
 */
import * as Y from 'yjs';
import type { DocKind } from '../../../shared/protocol/docNames.js';
import { EDITOR_NODES, isEditorMark, isKnownRoot } from '../../../shared/schema/docLayout.js';

/** Limits of one update; each is far above what the editor sends (see the README's limits). */
export const FIREWALL_LIMITS = {
  /** Structs (items, GC and skip ranges) in one update: a whole large document's step 2 fits. */
  structs: 200_000,
  /** Nesting of a JSON value (an awareness-like object, a milestone cell). */
  depth: 16,
  /** Characters of one string item or one value's strings together. */
  valueChars: 256 * 1024,
  /** New items of one update that share one left neighbour (or one right one, at a text's start). */
  crowd: 64,
  /** Distinct writers (Yjs client ids) whose structs one update carries. */
  clients: 64,
} as const;

/** Why an update was refused, as a short sentence for logs and the refusal notice. */
export type FirewallVerdict = { ok: true } | { ok: false; reason: string };

const refuse = (reason: string): FirewallVerdict => ({ ok: false, reason });

/** Size and depth of a JSON value, without recursion (a hostile value may be nested deeply). */
function measure(value: unknown): { depth: number; chars: number } {
  let depth = 0;
  let chars = 0;
  const stack: Array<{ v: unknown; d: number }> = [{ v: value, d: 1 }];
  let visited = 0;
  while (stack.length) {
    const { v, d } = stack.pop()!;
    if (++visited > 100_000) return { depth: Infinity, chars: Infinity };
    depth = Math.max(depth, d);
    if (typeof v === 'string') chars += v.length;
    else if (v instanceof Uint8Array) chars += v.byteLength;
    else if (Array.isArray(v)) for (const x of v) stack.push({ v: x, d: d + 1 });
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (chars += k.length), stack.push({ v: x, d: d + 1 });
  }
  return { depth, chars };
}

function checkValue(value: unknown): string | null {
  const { depth, chars } = measure(value);
  if (depth > FIREWALL_LIMITS.depth) return `a value nested deeper than ${FIREWALL_LIMITS.depth} levels`;
  if (chars > FIREWALL_LIMITS.valueChars) return 'a value larger than the limit';
  return null;
}

/** What the content of one item may be, in a document of `kind`. */
function checkContent(content: Y.Item['content']): string | null {
  if (content instanceof Y.ContentString) return content.str.length > FIREWALL_LIMITS.valueChars ? 'a text larger than the limit' : null;
  if (content instanceof Y.ContentDeleted) return null;
  // Comment anchors are encoded relative positions.
  if (content instanceof Y.ContentBinary) return content.content.byteLength > 1024 ? 'a binary value larger than the limit' : null;
  if (content instanceof Y.ContentAny) return checkValue(content.arr);
  if (content instanceof Y.ContentFormat) {
    if (!isEditorMark(content.key)) return `an unknown format "${content.key.slice(0, 40)}"`;
    return checkValue(content.value);
  }
  if (content instanceof Y.ContentType) {
    const type = content.type;
    if (type instanceof Y.XmlElement) return EDITOR_NODES.has(type.nodeName) ? null : `an unknown element "${String(type.nodeName).slice(0, 40)}"`;
    // y-prosemirror writes text nodes as XmlText; hooks and nested fragments it never writes.
    if (type instanceof Y.XmlHook || type instanceof Y.XmlFragment) return 'a shared type the editor does not use';
    if (type instanceof Y.Map || type instanceof Y.Array || type instanceof Y.Text) return null;
    return 'an unknown shared type';
  }
  // ContentJSON (legacy), ContentEmbed and ContentDoc (subdocuments) are not
  // part of any Gongbi document.
  return `content of a kind Gongbi documents do not hold (${(content as object).constructor.name})`;
}

const idKey = (id: Y.ID) => `${id.client}:${id.clock}`;

/**
 * Checks a decoded update against the layout of a document of `kind`, and bounds the work
 * integrating it can cause. `known(client)` is the server's clock for that client: structs
 * below it are already there and skipped by Yjs, so only new ones are counted as crowding.
 */
export function checkUpdate(update: Uint8Array, kind: DocKind, known: (client: number) => number): FirewallVerdict {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return refuse('the update could not be read');
  }
  const { structs } = decoded;
  if (structs.length > FIREWALL_LIMITS.structs) return refuse(`more than ${FIREWALL_LIMITS.structs} changes in one message`);
  const clients = new Set<number>();
  const crowd = new Map<string, number>();
  for (const s of structs) {
    clients.add(s.id.client);
    if (!(s instanceof Y.Item)) continue;
    // A decoded item names its root type by a string (the types declare only the integrated forms).
    const parent = s.parent as unknown;
    if (typeof parent === 'string' && !isKnownRoot(kind, parent)) return refuse(`an unknown field "${parent.slice(0, 40)}"`);
    if (s.parentSub !== null && s.parentSub.length > 200) return refuse('a key longer than 200 characters');
    const bad = checkContent(s.content);
    if (bad) return refuse(bad);
    if (s.id.clock + s.length <= known(s.id.client)) continue;
    // Items with the same neighbour are resolved against each other one by one.
    const at = s.origin ? `o${idKey(s.origin)}` : s.rightOrigin ? `r${idKey(s.rightOrigin)}` : `p${typeof parent === 'string' ? parent : parent instanceof Y.ID ? idKey(parent) : ''}:${s.parentSub ?? ''}`;
    const n = (crowd.get(at) ?? 0) + 1;
    if (n > FIREWALL_LIMITS.crowd) return refuse(`more than ${FIREWALL_LIMITS.crowd} insertions at one position in one message`);
    crowd.set(at, n);
  }
  // Deletions name the writers of what was deleted (any number of them): not counted.
  if (clients.size > FIREWALL_LIMITS.clients) return refuse('changes of too many writers in one message');
  return { ok: true };
}
