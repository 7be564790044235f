/**
 * Random edits of a commitment Y.Doc through the shared accessors (meta, OGP values, short
 * texts, rich-text sections, milestone rows), driven by a seeded RNG so that a run replays
 * exactly from its seed. Each edit reads the document first, so it is valid where it lands.
 */
import * as Y from 'yjs';
import {
  COMMITMENT_STATUSES,
  LANGS,
  MILESTONE_STATUSES,
  MILESTONE_TEXT_KEYS,
  OGP_VALUES,
  SECTION_KEYS,
  SHORT_TEXT_KEYS,
  addMilestone,
  enBasisMap,
  milestoneOrder,
  milestoneText,
  moveMilestone,
  removeMilestone,
  sectionFragment,
  setMeta,
  setMilestoneValue,
  setOgp,
  shortText,
  type Agency,
} from '../../shared/schema/index.js';
import type { SeededRng } from '../helpers/rng.js';

/** Characters mixed into random text: CJK, ASCII, full-width punctuation and astral emoji. */
const ALPHABET = ['承', '諾', '事', '項', '開', '放', '政', '府', '資', '料', 'a', 'b', 'z', ' ', '、', '。', '1', '9', '🌏', '👍🏽', '\n'];
// The editor's marks (the server's schema firewall refuses any other).
const MARKS = ['bold', 'italic', 'strike', 'underline'];

export function randomText(rng: SeededRng, max = 6): string {
  let s = '';
  const n = 1 + rng.int(max);
  for (let i = 0; i < n; i++) s += rng.pick(ALPHABET);
  return s;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
/**
 * Moves `i` off the middle of a surrogate pair. Editors never split a pair, and Yjs turns a
 * split pair into U+FFFD on the replica that splits it only (yjs #248), so neither do we.
 */
function snap(s: string, i: number): number {
  return i > 0 && i < s.length && isHigh(s.charCodeAt(i - 1)) ? i - 1 : i;
}
/** A random range [at, at + n) of `s` on code point boundaries, at most `max` units long; n may be 0. */
function range(rng: SeededRng, s: string, max: number): [number, number] {
  const at = snap(s, rng.int(s.length));
  const end = snap(s, Math.min(s.length, at + 1 + rng.int(max)));
  return [at, Math.max(0, end - at)];
}
const plain = (t: Y.XmlText) => (t.toDelta() as Array<{ insert: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');

const randomDate = (rng: SeededRng) => `20${21 + rng.int(4)}-${String(1 + rng.int(12)).padStart(2, '0')}-${String(1 + rng.int(28)).padStart(2, '0')}`;
const randomId = (rng: SeededRng, prefix: string) => prefix + Math.floor(rng.next() * 2 ** 32).toString(16).padStart(8, '0');

function editText(rng: SeededRng, text: Y.Text, label: string): string {
  const str = text.toString();
  if (str.length > 0 && rng.next() < 0.35) {
    const [at, n] = range(rng, str, 8);
    if (n > 0) text.delete(at, n);
    return `${label} delete ${at}+${n}`;
  }
  const at = snap(str, rng.int(str.length + 1));
  const s = randomText(rng);
  text.insert(at, s);
  return `${label} insert ${at} ${JSON.stringify(s)}`;
}

// ---- rich text -----------------------------------------------------------------------------

function xmlTexts(parent: Y.XmlFragment | Y.XmlElement, out: Y.XmlText[] = []): Y.XmlText[] {
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) out.push(child);
    else if (child instanceof Y.XmlElement) xmlTexts(child, out);
  }
  return out;
}

function paragraph(rng: SeededRng): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  t.insert(0, randomText(rng), rng.next() < 0.3 ? { [rng.pick(MARKS)]: {} } : undefined);
  p.insert(0, [t]);
  return p;
}

function bulletList(rng: SeededRng): Y.XmlElement {
  const list = new Y.XmlElement('bulletList');
  const items = [];
  for (let i = 0, n = 1 + rng.int(3); i < n; i++) {
    const item = new Y.XmlElement('listItem');
    item.insert(0, [paragraph(rng)]);
    items.push(item);
  }
  list.insert(0, items);
  return list;
}

function editSection(rng: SeededRng, doc: Y.Doc): string {
  const key = rng.pick(SECTION_KEYS);
  const lang = rng.pick(LANGS);
  const frag = sectionFragment(doc, key, lang);
  const label = `section ${key}:${lang}`;
  const r = rng.next();
  if (r < 0.2 || frag.length === 0) {
    const at = rng.int(frag.length + 1);
    const block = rng.next() < 0.8 ? paragraph(rng) : bulletList(rng);
    frag.insert(at, [block]);
    return `${label} insert ${block.nodeName} at ${at}`;
  }
  if (r < 0.3) {
    const at = rng.int(frag.length);
    const n = 1 + rng.int(Math.min(2, frag.length - at));
    frag.delete(at, n);
    return `${label} delete blocks ${at}+${n}`;
  }
  const texts = xmlTexts(frag);
  if (texts.length === 0) {
    const el = frag.get(rng.int(frag.length));
    if (el instanceof Y.XmlElement) {
      el.insert(0, [new Y.XmlText(randomText(rng))]);
      return `${label} fill empty ${el.nodeName}`;
    }
    return `${label} nothing to edit`;
  }
  const t = rng.pick(texts);
  const str = plain(t);
  const len = str.length;
  if (r < 0.75) {
    const at = snap(str, rng.int(len + 1));
    const s = randomText(rng);
    t.insert(at, s, rng.next() < 0.2 ? { [rng.pick(MARKS)]: {} } : undefined);
    return `${label} text insert ${at} ${JSON.stringify(s)}`;
  }
  if (r < 0.9 && len > 0) {
    const [at, n] = range(rng, str, 6);
    if (n > 0) t.delete(at, n);
    return `${label} text delete ${at}+${n}`;
  }
  if (len > 0) {
    const [at, n] = range(rng, str, len);
    const mark = rng.pick(MARKS);
    const on = rng.next() < 0.6;
    t.format(at, n, { [mark]: on ? {} : null });
    return `${label} format ${at}+${n} ${mark}=${on}`;
  }
  return `${label} nothing to edit`;
}

// ---- milestones ----------------------------------------------------------------------------

function editMilestones(rng: SeededRng, doc: Y.Doc): string {
  const order = milestoneOrder(doc);
  const r = rng.next();
  if (r < 0.15 || order.length === 0) {
    const id = randomId(rng, 'm');
    const at = rng.next() < 0.5 ? undefined : rng.int(order.length + 1);
    addMilestone(doc, { id, period: String(2021 + rng.int(4)), text: { zh: randomText(rng) }, indicator: { zh: randomText(rng) } }, at);
    return `milestone add ${id} at ${at ?? 'end'}`;
  }
  const id = rng.pick(order);
  if (r < 0.25) {
    removeMilestone(doc, id);
    return `milestone remove ${id}`;
  }
  if (r < 0.4) {
    const to = rng.int(order.length);
    moveMilestone(doc, id, to);
    return `milestone move ${id} to ${to}`;
  }
  if (r < 0.55) {
    const key = rng.pick(['period', 'due', 'status', 'evidence'] as const);
    const value = key === 'status' ? rng.pick(MILESTONE_STATUSES) : key === 'due' ? randomDate(rng) : randomText(rng, 12);
    setMilestoneValue(doc, id, key, value);
    return `milestone ${id} ${key}=${JSON.stringify(value)}`;
  }
  const cell = milestoneText(doc, id, rng.pick(MILESTONE_TEXT_KEYS), rng.pick(LANGS));
  return cell ? editText(rng, cell, `milestone ${id} cell`) : `milestone ${id} no cell`;
}

// ---- metadata ------------------------------------------------------------------------------

function editMeta(rng: SeededRng, doc: Y.Doc): string {
  const r = rng.next();
  if (r < 0.2) {
    const key = rng.pick(OGP_VALUES);
    const on = rng.next() < 0.5;
    setOgp(doc, key, on);
    return `ogp ${key}=${on}`;
  }
  if (r < 0.4) {
    const status = rng.pick(COMMITMENT_STATUSES);
    setMeta(doc, 'status', status);
    return `meta status=${status}`;
  }
  if (r < 0.6) {
    const key = rng.pick(['startDate', 'endDate'] as const);
    const date = randomDate(rng);
    setMeta(doc, key, date);
    return `meta ${key}=${date}`;
  }
  // The lead and co-implementing agencies are the server's (rights live in the database):
  // a client's change to them is refused, so replicas edit the commitment's number instead.
  if (r < 0.8) {
    const n = String(20 + rng.int(19));
    setMeta(doc, 'number', n);
    return `meta number=${n}`;
  }
  if (r < 0.9) {
    const n = String(1 + rng.int(19));
    setMeta(doc, 'number', n);
    return `meta number=${n}`;
  }
  const key = `section.${rng.pick(SECTION_KEYS)}`;
  const v = randomId(rng, 'h');
  enBasisMap(doc).set(key, v);
  return `enBasis ${key}=${v}`;
}

/**
 * Applies one random edit (sometimes two or three in one transaction) and describes it for
 * the op log that a failing run prints.
 * @example const said = randomEdit(seededRng(7), doc);
 */
export function randomEdit(rng: SeededRng, doc: Y.Doc, origin: unknown = null): string {
  const one = (): string => {
    const r = rng.next();
    if (r < 0.3) return editSection(rng, doc);
    if (r < 0.6) return editMilestones(rng, doc);
    if (r < 0.8) return editText(rng, shortText(doc, rng.pick(SHORT_TEXT_KEYS), rng.pick(LANGS)), 'short');
    return editMeta(rng, doc);
  };
  const n = rng.next() < 0.85 ? 1 : 2 + rng.int(2);
  const said: string[] = [];
  doc.transact(() => {
    for (let i = 0; i < n; i++) said.push(one());
  }, origin);
  return said.join(' & ');
}
