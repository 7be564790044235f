/** React views of a commitment Y.Doc, built only on the typed accessors of shared/schema. */
import type * as Y from 'yjs';
import {
  budgetMap,
  budgetOrder,
  contactMap,
  getBudgetValue,
  getContact,
  getMeta,
  getMilestoneValue,
  getOgp,
  isEnglishOutdated,
  metaMap,
  milestoneOrder,
  milestonesMap,
  ogpMap,
  type BudgetValueKey,
  type ContactKey,
  type MetaKey,
  type MetaValues,
  type MilestoneValueKey,
  type TranslationPath,
} from '../../../shared/schema/index.js';
import { useDocValue, useYValue } from './useYValue.js';

/** One metadata value; not for the co-implementing agencies (their own map: useCoAgencies). */
export const useMeta = <K extends Exclude<MetaKey, 'coAgencies'>>(doc: Y.Doc, key: K): MetaValues[K] =>
  useYValue(metaMap(doc), () => getMeta(doc, key), false, [doc, key]);

/** The co-implementing agencies, in order (from their map, or from `meta` in an older document). */
export const useCoAgencies = (doc: Y.Doc) => useDocValue(doc, () => getMeta(doc, 'coAgencies'), []);

export const useOgp = (doc: Y.Doc) => useYValue(ogpMap(doc), () => getOgp(doc), false, [doc]);

/** Row ids in display order; follows adds, deletes and moves (order keys live in the rows). */
export const useMilestoneOrder = (doc: Y.Doc) => useYValue(milestonesMap(doc), () => milestoneOrder(doc), true, [doc]);

export const useMilestoneValue = (doc: Y.Doc, id: string, key: MilestoneValueKey) =>
  useYValue(milestonesMap(doc).get(id), () => getMilestoneValue(doc, id, key), false, [doc, id, key]);

/** Budget row ids in display order, like useMilestoneOrder. */
export const useBudgetOrder = (doc: Y.Doc) => useYValue(budgetMap(doc), () => budgetOrder(doc), true, [doc]);

export const useBudgetValue = (doc: Y.Doc, id: string, key: BudgetValueKey) =>
  useYValue(budgetMap(doc).get(id), () => getBudgetValue(doc, id, key), false, [doc, id, key]);

/** Every row's amount, for the total (any cell of any row may change it). */
export const useBudgetAmounts = (doc: Y.Doc) =>
  useYValue(budgetMap(doc), () => budgetOrder(doc).map((id) => getBudgetValue(doc, id, 'amount')).join('\u0000'), true, [doc]);

export const useContact = (doc: Y.Doc, key: ContactKey) => useYValue(contactMap(doc), () => getContact(doc, key), false, [doc, key]);

/** Whether the English of `path` is older than its Chinese; any edit anywhere may change it. */
export const useEnglishOutdated = (doc: Y.Doc, path: TranslationPath) =>
  useDocValue(doc, () => isEnglishOutdated(doc, path), [path]);
