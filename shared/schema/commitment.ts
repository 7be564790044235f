/**
 * How a commitment lives in one Y.Doc, with typed accessors. Every collaborative text is a
 * top-level shared type (created lazily by name, so concurrent first writes merge instead of
 * one replacing the other); milestone rows are Y.Maps keyed by a random id and ordered by a
 * fractional index, so concurrent add, delete and reorder never duplicate or lose a row.
 */
import * as Y from 'yjs';
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import {
  COMMITMENT_STATUSES,
  MILESTONE_STATUSES,
  OGP_VALUES,
  SECTION_KEYS,
  type BudgetTextKey,
  type BudgetValueKey,
  type CommitmentStatus,
  type ContactKey,
  type Lang,
  type MilestoneStatus,
  type MilestoneTextKey,
  type MilestoneValueKey,
  type OgpValue,
  type SectionKey,
  type ShortTextKey,
} from './fields.js';
import type { Agency } from './types.js';

export const SCHEMA_VERSION = 1;

/** Names of the shared types in a commitment Y.Doc: the storage format, do not rename. */
export const Y_NAMES = {
  meta: 'meta',
  ogp: 'ogp',
  milestones: 'milestones',
  /** Budget rows, kept like milestone rows (added later: older documents have none). */
  budget: 'budget',
  /** The lead agency's contact person (added later). */
  contact: 'contact',
  enBasis: 'enBasis',
  enBasisText: 'enBasisText',
  coAgencies: 'coAgencies',
  shortText: (key: ShortTextKey, lang: Lang) => `${key}:${lang}`,
  section: (key: SectionKey, lang: Lang) => `section:${key}:${lang}`,
} as const;

/**
 * Metadata values: single values in the `meta` map (last writer wins), except the
 * co-implementing agencies, a map of their own keyed by agency id (see coAgenciesMap).
 */
export interface MetaValues {
  schemaVersion: number;
  id: string;
  number: string;
  domainId: string;
  status: CommitmentStatus;
  startDate: string;
  endDate: string;
  leadAgency: Agency;
  coAgencies: Agency[];
}
export type MetaKey = keyof MetaValues;

export const metaMap = (doc: Y.Doc) => doc.getMap<unknown>(Y_NAMES.meta);
export const ogpMap = (doc: Y.Doc) => doc.getMap<boolean>(Y_NAMES.ogp);
export const milestonesMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(Y_NAMES.milestones);
export const budgetMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(Y_NAMES.budget);
export const contactMap = (doc: Y.Doc) => doc.getMap<string>(Y_NAMES.contact);
export const enBasisMap = (doc: Y.Doc) => doc.getMap<string>(Y_NAMES.enBasis);
/**
 * The Chinese plain text each English field was last written against (beside its fingerprint
 * in `enBasis`), so a translator sees what changed since, not only that something did. A
 * working aid: not part of the canonical rendering, so older documents and hashes are unchanged.
 */
export const enBasisTextMap = (doc: Y.Doc) => doc.getMap<string>(Y_NAMES.enBasisText);
/**
 * Co-implementing agencies by id, each with a fractional `order`: two people adding (or one
 * adding, another removing) at the same moment both keep their change. Documents written
 * before kept the list as one value in `meta`; it is read from there until the first change.
 */
export const coAgenciesMap = (doc: Y.Doc) => doc.getMap<Agency & { order: string }>(Y_NAMES.coAgencies);
export const shortText = (doc: Y.Doc, key: ShortTextKey, lang: Lang) => doc.getText(Y_NAMES.shortText(key, lang));
export const sectionFragment = (doc: Y.Doc, key: SectionKey, lang: Lang) =>
  doc.getXmlFragment(Y_NAMES.section(key, lang));

const EMPTY_AGENCY: Agency = { id: '', zh: '', en: '' };

export function getMeta<K extends MetaKey>(doc: Y.Doc, key: K): MetaValues[K] {
  const value = metaMap(doc).get(key);
  switch (key) {
    case 'schemaVersion':
      return (typeof value === 'number' ? value : SCHEMA_VERSION) as MetaValues[K];
    case 'status':
      return ((COMMITMENT_STATUSES as readonly string[]).includes(value as string) ? value : 'draft') as MetaValues[K];
    case 'leadAgency':
      return (isAgency(value) ? { ...value } : { ...EMPTY_AGENCY }) as MetaValues[K];
    case 'coAgencies':
      return readCoAgencies(doc, value) as MetaValues[K];
    default:
      return (typeof value === 'string' ? value : '') as MetaValues[K];
  }
}

export function setMeta<K extends MetaKey>(doc: Y.Doc, key: K, value: MetaValues[K]): void {
  if (key === 'coAgencies') writeCoAgencies(doc, value as Agency[]);
  else metaMap(doc).set(key, value);
}

function readCoAgencies(doc: Y.Doc, legacy: unknown): Agency[] {
  const map = coAgenciesMap(doc);
  if (map.size === 0 && Array.isArray(legacy)) return legacy.filter(isAgency).map((a) => ({ id: a.id, zh: a.zh, en: a.en }));
  return [...map.entries()]
    .filter(([id, a]) => isAgency(a) && a.id === id)
    .sort(([ida, a], [idb, b]) => (a.order < b.order ? -1 : a.order > b.order ? 1 : ida < idb ? -1 : ida > idb ? 1 : 0))
    .map(([, a]) => ({ id: a.id, zh: a.zh, en: a.en }));
}

/** Changes only what differs, entry by entry, so concurrent changes to other agencies survive. */
function writeCoAgencies(doc: Y.Doc, list: Agency[]): void {
  const wanted = list.filter(isAgency).filter((a, i, all) => all.findIndex((b) => b.id === a.id) === i);
  doc.transact(() => {
    const map = coAgenciesMap(doc);
    const meta = metaMap(doc);
    // Moving a legacy list into the map, once.
    if (meta.has('coAgencies')) meta.delete('coAgencies');
    const ids = new Set(wanted.map((a) => a.id));
    for (const id of [...map.keys()]) if (!ids.has(id)) map.delete(id);
    // Existing entries keep their order keys while their relative order holds; new ones go between their neighbours.
    const kept = wanted.filter((a) => map.has(a.id));
    const keptOrders = kept.map((a) => map.get(a.id)!.order);
    const inOrder = keptOrders.every((o, i) => i === 0 || keptOrders[i - 1]! < o);
    if (!inOrder) {
      const keys = generateNKeysBetween(null, null, wanted.length);
      wanted.forEach((a, i) => map.set(a.id, { id: a.id, zh: a.zh, en: a.en, order: keys[i]! }));
      return;
    }
    let prev: string | null = null;
    wanted.forEach((a, i) => {
      const existing = map.get(a.id);
      if (existing) {
        if (existing.zh !== a.zh || existing.en !== a.en) map.set(a.id, { ...existing, zh: a.zh, en: a.en });
        prev = existing.order;
        return;
      }
      const next = wanted.slice(i + 1).find((b) => map.has(b.id));
      const order = generateKeyBetween(prev, next ? map.get(next.id)!.order : null);
      map.set(a.id, { id: a.id, zh: a.zh, en: a.en, order });
      prev = order;
    });
  });
}

function isAgency(v: unknown): v is Agency {
  return !!v && typeof v === 'object' && typeof (v as Agency).id === 'string';
}

export function getOgp(doc: Y.Doc): Record<OgpValue, boolean> {
  const map = ogpMap(doc);
  return Object.fromEntries(OGP_VALUES.map((k) => [k, map.get(k) === true])) as Record<OgpValue, boolean>;
}

export const setOgp = (doc: Y.Doc, key: OgpValue, on: boolean) => ogpMap(doc).set(key, on);

// ---- milestones -------------------------------------------------------------------------

/** Key of a milestone row's collaborative text cell. */
export const milestoneTextKey = (key: MilestoneTextKey, lang: Lang) => `${key}:${lang}`;

export interface MilestoneInit {
  id?: string;
  period?: string;
  start?: string;
  due?: string;
  status?: MilestoneStatus;
  evidence?: string;
  text?: Partial<Record<Lang, string>>;
  indicator?: Partial<Record<Lang, string>>;
}

/** Random id for a new row; only needs to be unique within one commitment. */
export function newId(prefix = 'm'): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return prefix + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// ---- ordered rows (milestones, budget) ---------------------------------------------------

/** A table of rows: Y.Maps keyed by random id, each with a fractional `order` key. */
type Rows = Y.Map<Y.Map<unknown>>;

/** Row ids in display order (order key, then id to break ties between concurrent inserts). */
function rowOrder(rows: Rows): string[] {
  const list: Array<[string, string]> = [];
  rows.forEach((row, id) => {
    if (row instanceof Y.Map) list.push([id, String(row.get('order') ?? '')]);
  });
  list.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return list.map(([id]) => id);
}

function orderOf(rows: Rows, id: string | undefined): string | null {
  if (!id) return null;
  const row = rows.get(id);
  return row ? String(row.get('order') ?? '') || null : null;
}

/** An order key strictly between the rows at `index - 1` and `index` of `order`. */
function keyAt(rows: Rows, order: string[], index: number): string {
  let before = orderOf(rows, order[index - 1]);
  let after = orderOf(rows, order[index]);
  // Concurrent inserts can leave rows with the same key, and no key fits between equal keys:
  // take the next greater key instead (just past the tied rows, never past a later row).
  for (let i = index + 1; before !== null && after !== null && before >= after; i++) {
    after = i < order.length ? orderOf(rows, order[i]) : null;
  }
  try {
    return generateKeyBetween(before, after);
  } catch {
    before = orderOf(rows, order[order.length - 1]);
    return generateKeyBetween(before, null);
  }
}

/** Inserts `row` (its cells set, not yet ordered) at `index`, default at the end. */
function insertRow(doc: Y.Doc, rows: Rows, id: string, row: Y.Map<unknown>, index?: number): void {
  const order = rowOrder(rows);
  const at = index === undefined ? order.length : Math.max(0, Math.min(index, order.length));
  row.set('order', keyAt(rows, order, at));
  doc.transact(() => rows.set(id, row));
}

/** A new row map with its single values and a Y.Text per bilingual cell. */
function newRow(values: Record<string, string>, texts: readonly string[], initial: Record<string, Partial<Record<Lang, string>> | undefined>): Y.Map<unknown> {
  const row = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(values)) row.set(key, value);
  for (const key of texts) {
    for (const lang of ['zh', 'en'] as const) {
      const t = new Y.Text();
      const text = initial[key]?.[lang];
      if (text) t.insert(0, text);
      row.set(`${key}:${lang}`, t);
    }
  }
  return row;
}

function moveRow(rows: Rows, id: string, index: number): void {
  const row = rows.get(id);
  if (!row) return;
  const order = rowOrder(rows).filter((x) => x !== id);
  const at = Math.max(0, Math.min(index, order.length));
  row.set('order', keyAt(rows, order, at));
}

function rowText(rows: Rows, id: string, key: string, lang: Lang): Y.Text | undefined {
  const cell = rows.get(id)?.get(`${key}:${lang}`);
  return cell instanceof Y.Text ? cell : undefined;
}

export const milestoneOrder = (doc: Y.Doc): string[] => rowOrder(milestonesMap(doc));

/** Inserts a row at `index` (default: at the end); returns its id. */
export function addMilestone(doc: Y.Doc, init: MilestoneInit = {}, index?: number): string {
  const id = init.id ?? newId();
  const values: Record<string, string> = { period: init.period ?? '', due: init.due ?? '', status: init.status ?? 'not_started', evidence: init.evidence ?? '' };
  // A row without a start date has no `start` key, as rows had before the column existed.
  if (init.start) values.start = init.start;
  insertRow(doc, milestonesMap(doc), id, newRow(values, ['text', 'indicator'], { text: init.text, indicator: init.indicator }), index);
  return id;
}

export function removeMilestone(doc: Y.Doc, id: string): void {
  milestonesMap(doc).delete(id);
}

/** Moves a row to `index` in the display order by giving it a new order key. */
export const moveMilestone = (doc: Y.Doc, id: string, index: number): void => moveRow(milestonesMap(doc), id, index);

export const milestoneText = (doc: Y.Doc, id: string, key: MilestoneTextKey, lang: Lang): Y.Text | undefined =>
  rowText(milestonesMap(doc), id, key, lang);

export function getMilestoneValue(doc: Y.Doc, id: string, key: MilestoneValueKey): string {
  const value = milestonesMap(doc).get(id)?.get(key);
  if (key === 'status') {
    return (MILESTONE_STATUSES as readonly string[]).includes(value as string) ? (value as string) : 'not_started';
  }
  return typeof value === 'string' ? value : '';
}

export function setMilestoneValue(doc: Y.Doc, id: string, key: MilestoneValueKey, value: string): void {
  milestonesMap(doc).get(id)?.set(key, value);
}

// ---- budget -----------------------------------------------------------------------------

export interface BudgetInit {
  id?: string;
  /** Fiscal year, AD (`2026`). */
  year?: string;
  /** NT$ thousands, as typed (digits; see `budgetAmount`). */
  amount?: string;
  source?: Partial<Record<Lang, string>>;
  note?: Partial<Record<Lang, string>>;
}

export const budgetOrder = (doc: Y.Doc): string[] => rowOrder(budgetMap(doc));

/** Inserts a budget row at `index` (default: at the end); returns its id. */
export function addBudgetRow(doc: Y.Doc, init: BudgetInit = {}, index?: number): string {
  const id = init.id ?? newId('b');
  insertRow(doc, budgetMap(doc), id, newRow({ year: init.year ?? '', amount: init.amount ?? '' }, ['source', 'note'], { source: init.source, note: init.note }), index);
  return id;
}

export function removeBudgetRow(doc: Y.Doc, id: string): void {
  budgetMap(doc).delete(id);
}

export const moveBudgetRow = (doc: Y.Doc, id: string, index: number): void => moveRow(budgetMap(doc), id, index);

export const budgetText = (doc: Y.Doc, id: string, key: BudgetTextKey, lang: Lang): Y.Text | undefined =>
  rowText(budgetMap(doc), id, key, lang);

export function getBudgetValue(doc: Y.Doc, id: string, key: BudgetValueKey): string {
  const value = budgetMap(doc).get(id)?.get(key);
  return typeof value === 'string' ? value : '';
}

export function setBudgetValue(doc: Y.Doc, id: string, key: BudgetValueKey, value: string): void {
  budgetMap(doc).get(id)?.set(key, value);
}

/** An amount as a number of NT$ thousands (commas and spaces ignored), or null when it is not one. */
export function budgetAmount(amount: string): number | null {
  const s = amount.replace(/[,\s]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** The sum of the rows' amounts that are numbers. */
export const budgetTotal = (rows: ReadonlyArray<{ amount: string }>): number =>
  rows.reduce((sum, r) => sum + (budgetAmount(r.amount) ?? 0), 0);

/** A fiscal year as people read it: `115年 (2026)`; anything that is not a year as written. */
export function fiscalYearText(year: string, lang: Lang | 'both' = 'both'): string {
  const n = /^\d{4}$/.test(year.trim()) ? Number(year.trim()) : NaN;
  if (!(n > 1911)) return year;
  if (lang === 'zh') return `${n - 1911}年`;
  if (lang === 'en') return String(n);
  return `${n - 1911}年 (${n})`;
}

// ---- contact ------------------------------------------------------------------------------

export function getContact(doc: Y.Doc, key: ContactKey): string {
  const value = contactMap(doc).get(key);
  return typeof value === 'string' ? value : '';
}

export const setContact = (doc: Y.Doc, key: ContactKey, value: string) => contactMap(doc).set(key, value);

export { SECTION_KEYS };
