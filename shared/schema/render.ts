/**
 * The pure rendering of a commitment Y.Doc to plain JSON, and the reverse (for seeding and
 * import). Snapshots, diffs and exports all read commitments through `renderCommitment`.
 */
import * as Y from 'yjs';
import { CONTACT_KEYS, LANGS, OGP_VALUES, SECTION_KEYS, SHORT_TEXT_KEYS } from './fields.js';
import {
  SCHEMA_VERSION,
  addBudgetRow,
  addMilestone,
  budgetMap,
  budgetOrder,
  budgetText,
  contactMap,
  getBudgetValue,
  getContact,
  enBasisMap,
  enBasisTextMap,
  getMeta,
  getMilestoneValue,
  getOgp,
  metaMap,
  milestoneOrder,
  milestoneText,
  milestonesMap,
  ogpMap,
  sectionFragment,
  setMeta,
  shortText,
} from './commitment.js';
import { fragmentToRich, writeRich } from './richText.js';
import { fingerprint, plainText, translationPaths } from './translation.js';
import type { BudgetRowJSON, CommitmentJSON, ContactJSON, MilestoneJSON, RichDoc } from './types.js';

/** The budget rows, or undefined when there are none (the field is new: older renderings lack it). */
function renderBudget(doc: Y.Doc): BudgetRowJSON[] | undefined {
  const rows = budgetOrder(doc).map((id) => ({
    id,
    year: getBudgetValue(doc, id, 'year'),
    amount: getBudgetValue(doc, id, 'amount'),
    source: { zh: budgetText(doc, id, 'source', 'zh')?.toString() ?? '', en: budgetText(doc, id, 'source', 'en')?.toString() ?? '' },
    note: { zh: budgetText(doc, id, 'note', 'zh')?.toString() ?? '', en: budgetText(doc, id, 'note', 'en')?.toString() ?? '' },
  }));
  return rows.length ? rows : undefined;
}

/** The contact, or undefined when every field is empty. */
function renderContact(doc: Y.Doc): ContactJSON | undefined {
  const contact = Object.fromEntries(CONTACT_KEYS.map((k) => [k, getContact(doc, k)])) as unknown as ContactJSON;
  return CONTACT_KEYS.some((k) => contact[k]) ? contact : undefined;
}

export function renderCommitment(doc: Y.Doc): CommitmentJSON {
  const milestones: MilestoneJSON[] = milestoneOrder(doc).map((id) => ({
    id,
    period: getMilestoneValue(doc, id, 'period'),
    // Only when set, so rows from before the column render exactly as they did.
    ...(getMilestoneValue(doc, id, 'start') ? { start: getMilestoneValue(doc, id, 'start') } : {}),
    text: {
      zh: milestoneText(doc, id, 'text', 'zh')?.toString() ?? '',
      en: milestoneText(doc, id, 'text', 'en')?.toString() ?? '',
    },
    indicator: {
      zh: milestoneText(doc, id, 'indicator', 'zh')?.toString() ?? '',
      en: milestoneText(doc, id, 'indicator', 'en')?.toString() ?? '',
    },
    due: getMilestoneValue(doc, id, 'due'),
    status: getMilestoneValue(doc, id, 'status') as MilestoneJSON['status'],
    evidence: getMilestoneValue(doc, id, 'evidence'),
  }));
  const enBasis: Record<string, string> = {};
  const basis = enBasisMap(doc);
  for (const key of [...basis.keys()].sort()) enBasis[key] = basis.get(key)!;
  return {
    schemaVersion: getMeta(doc, 'schemaVersion'),
    id: getMeta(doc, 'id'),
    number: getMeta(doc, 'number'),
    domainId: getMeta(doc, 'domainId'),
    status: getMeta(doc, 'status'),
    startDate: getMeta(doc, 'startDate'),
    endDate: getMeta(doc, 'endDate'),
    title: { zh: shortText(doc, 'title', 'zh').toString(), en: shortText(doc, 'title', 'en').toString() },
    partners: { zh: shortText(doc, 'partners', 'zh').toString(), en: shortText(doc, 'partners', 'en').toString() },
    leadAgency: getMeta(doc, 'leadAgency'),
    coAgencies: getMeta(doc, 'coAgencies'),
    ogpValues: getOgp(doc),
    sections: Object.fromEntries(
      SECTION_KEYS.map((key) => [
        key,
        { zh: fragmentToRich(sectionFragment(doc, key, 'zh')), en: fragmentToRich(sectionFragment(doc, key, 'en')) },
      ]),
    ) as CommitmentJSON['sections'],
    milestones,
    ...optional('budget', renderBudget(doc)),
    ...optional('contact', renderContact(doc)),
    enBasis,
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/**
 * Writes `json` into `doc`, replacing what the commitment held (one transaction). Used to
 * seed the demo plan and to import; milestone ids are kept so diffs can match rows.
 */
export function writeCommitment(doc: Y.Doc, json: CommitmentJSON, origin: unknown = null): void {
  doc.transact(() => {
    setMeta(doc, 'schemaVersion', SCHEMA_VERSION);
    setMeta(doc, 'id', json.id);
    setMeta(doc, 'number', json.number);
    setMeta(doc, 'domainId', json.domainId);
    setMeta(doc, 'status', json.status);
    setMeta(doc, 'startDate', json.startDate);
    setMeta(doc, 'endDate', json.endDate);
    setMeta(doc, 'leadAgency', { ...json.leadAgency });
    setMeta(doc, 'coAgencies', json.coAgencies.map((a) => ({ ...a })));
    for (const key of OGP_VALUES) ogpMap(doc).set(key, !!json.ogpValues[key]);
    for (const key of SHORT_TEXT_KEYS) {
      for (const lang of LANGS) {
        const text = shortText(doc, key, lang);
        if (text.toString() === json[key][lang]) continue;
        text.delete(0, text.length);
        text.insert(0, json[key][lang]);
      }
    }
    for (const key of SECTION_KEYS) {
      for (const lang of LANGS) writeRich(sectionFragment(doc, key, lang), json.sections[key][lang]);
    }
    const rows = milestonesMap(doc);
    for (const id of [...rows.keys()]) rows.delete(id);
    for (const m of json.milestones) {
      addMilestone(doc, { id: m.id, period: m.period, start: m.start, due: m.due, status: m.status, evidence: m.evidence, text: m.text, indicator: m.indicator });
    }
    const budget = budgetMap(doc);
    for (const id of [...budget.keys()]) budget.delete(id);
    for (const b of json.budget ?? []) addBudgetRow(doc, { id: b.id, year: b.year, amount: b.amount, source: b.source, note: b.note });
    const contact = contactMap(doc);
    for (const key of CONTACT_KEYS) {
      const value = json.contact?.[key] ?? '';
      // Untouched when already equal, so writing an older rendering adds no `contact` entries.
      if (getContact(doc, key) !== value) contact.set(key, value);
    }
    const basis = enBasisMap(doc);
    for (const key of [...basis.keys()]) basis.delete(key);
    for (const [key, value] of Object.entries(json.enBasis ?? {})) basis.set(key, value);
    // The Chinese an English field was written against is known exactly when its fingerprint
    // is that of today's Chinese: kept, so a later change to the Chinese can be shown.
    const basisText = enBasisTextMap(doc);
    for (const key of [...basisText.keys()]) basisText.delete(key);
    for (const path of translationPaths(doc)) {
      const zh = plainText(doc, path, 'zh');
      if (json.enBasis?.[path] === fingerprint(zh)) basisText.set(path, zh);
    }
  }, origin);
}

/** A new Y.Doc holding `json`. */
export function commitmentDoc(json: CommitmentJSON): Y.Doc {
  const doc = new Y.Doc();
  writeCommitment(doc, json);
  return doc;
}

/** Ensures `meta` exists so a brand-new document renders with defaults. */
export const isEmptyCommitment = (doc: Y.Doc) => metaMap(doc).size === 0;

/** The JSON of a new, empty commitment. */
export function blankCommitment(init: Pick<CommitmentJSON, 'id' | 'number' | 'domainId' | 'title' | 'leadAgency'> & Partial<CommitmentJSON>): CommitmentJSON {
  const empty = (): RichDoc => ({ type: 'doc', content: [] });
  return {
    schemaVersion: SCHEMA_VERSION,
    status: 'draft',
    startDate: '',
    endDate: '',
    partners: { zh: '', en: '' },
    coAgencies: [],
    ogpValues: { transparency: false, participation: false, accountability: false, innovation: false },
    sections: Object.fromEntries(SECTION_KEYS.map((k) => [k, { zh: empty(), en: empty() }])) as CommitmentJSON['sections'],
    milestones: [],
    enBasis: {},
    ...init,
  };
}
