/** React views of a commitment Y.Doc, built only on the typed accessors of shared/schema. */
import type * as Y from 'yjs';
import {
  getMeta,
  getMilestoneValue,
  getOgp,
  isEnglishOutdated,
  metaMap,
  milestoneOrder,
  milestonesMap,
  ogpMap,
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

/** Whether the English of `path` is older than its Chinese; any edit anywhere may change it. */
export const useEnglishOutdated = (doc: Y.Doc, path: TranslationPath) =>
  useDocValue(doc, () => isEnglishOutdated(doc, path), [path]);
