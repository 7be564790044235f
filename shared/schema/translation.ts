/**
 * Marks English text as outdated when the Chinese it translates changed after it. For each
 * translatable field the doc keeps a fingerprint of the Chinese the English was last written
 * against (`enBasis`); the English is outdated when the current Chinese differs from it. No
 * clocks are involved, so every replica reaches the same verdict.
 */
import * as Y from 'yjs';
import { SECTION_KEYS, SHORT_TEXT_KEYS, type MilestoneTextKey, type SectionKey, type ShortTextKey } from './fields.js';
import {
  enBasisMap,
  enBasisTextMap,
  milestoneOrder,
  milestoneText,
  sectionFragment,
  shortText,
} from './commitment.js';
import { fragmentToRich, richToPlain } from './richText.js';

/** Path of a translatable field: `title`, `section.problem`, `milestone.<id>.indicator`… */
export type TranslationPath = ShortTextKey | `section.${SectionKey}` | `milestone.${string}.${MilestoneTextKey}`;

/** FNV-1a, 32 bit: a cheap, stable fingerprint (not a security hash). */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The plain text of a field in one language. */
export function plainText(doc: Y.Doc, path: TranslationPath, lang: 'zh' | 'en'): string {
  const parts = path.split('.');
  if (parts[0] === 'section') return richToPlain(fragmentToRich(sectionFragment(doc, parts[1] as SectionKey, lang)));
  if (parts[0] === 'milestone') return milestoneText(doc, parts[1]!, parts[2] as MilestoneTextKey, lang)?.toString() ?? '';
  return shortText(doc, path as ShortTextKey, lang).toString();
}

/** Every translatable field of the commitment, in table order. */
export function translationPaths(doc: Y.Doc): TranslationPath[] {
  const paths: TranslationPath[] = [...SHORT_TEXT_KEYS];
  for (const key of SECTION_KEYS) paths.push(`section.${key}`);
  for (const id of milestoneOrder(doc)) paths.push(`milestone.${id}.text`, `milestone.${id}.indicator`);
  return paths;
}

/** Records that the English of `path` now matches the current Chinese (call on every English edit). */
export function markTranslated(doc: Y.Doc, path: TranslationPath): void {
  const zh = plainText(doc, path, 'zh');
  const basis = fingerprint(zh);
  if (enBasisMap(doc).get(path) !== basis) enBasisMap(doc).set(path, basis);
  if (enBasisTextMap(doc).get(path) !== zh) enBasisTextMap(doc).set(path, zh);
}

/**
 * The Chinese the English of `path` was last marked current against, when it was recorded
 * (marks made before the text was kept have only the fingerprint: null).
 */
export function englishBasisText(doc: Y.Doc, path: TranslationPath): string | null {
  const text = enBasisTextMap(doc).get(path);
  return typeof text === 'string' && fingerprint(text) === enBasisMap(doc).get(path) ? text : null;
}

/** True when the field has English text written against a Chinese text that has since changed. */
export function isEnglishOutdated(doc: Y.Doc, path: TranslationPath): boolean {
  if (!plainText(doc, path, 'en').trim()) return false;
  return enBasisMap(doc).get(path) !== fingerprint(plainText(doc, path, 'zh'));
}

export function outdatedPaths(doc: Y.Doc): TranslationPath[] {
  return translationPaths(doc).filter((p) => isEnglishOutdated(doc, p));
}
