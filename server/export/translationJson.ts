/** `isEnglishOutdated` for CommitmentJSON (snapshots hold JSON, not Y.Docs), same fingerprint rule; belongs in shared/schema/translation.ts. */
import { SECTION_KEYS, fingerprint, richToPlain, type CommitmentJSON, type Lang } from '../../shared/schema/index.js';

/** The plain text of a translatable field path in one language ('' when the path names nothing). */
export function plainTextOf(c: CommitmentJSON, path: string, lang: Lang): string {
  const parts = path.split('.');
  if (parts[0] === 'section' && parts.length === 2) {
    const section = c.sections?.[parts[1] as (typeof SECTION_KEYS)[number]];
    return section ? richToPlain(section[lang]) : '';
  }
  if (parts[0] === 'milestone' && parts.length === 3) {
    const row = c.milestones?.find((m) => m.id === parts[1]);
    const key = parts[2];
    return row && (key === 'text' || key === 'indicator') ? (row[key]?.[lang] ?? '') : '';
  }
  if (path === 'title' || path === 'partners') return c[path]?.[lang] ?? '';
  return '';
}

/** True when the field has English written against a Chinese text that has since changed. */
export function isEnglishOutdatedJson(c: CommitmentJSON, path: string): boolean {
  if (!plainTextOf(c, path, 'en').trim()) return false;
  return c.enBasis?.[path] !== fingerprint(plainTextOf(c, path, 'zh'));
}

/** Every translatable path of the commitment, in table order (as `translationPaths`). */
export function translationPathsJson(c: CommitmentJSON): string[] {
  const paths = ['title', 'partners', ...SECTION_KEYS.map((k) => `section.${k}`)];
  for (const m of c.milestones ?? []) paths.push(`milestone.${m.id}.text`, `milestone.${m.id}.indicator`);
  return paths;
}

export const outdatedPathsJson = (c: CommitmentJSON): string[] =>
  translationPathsJson(c).filter((p) => isEnglishOutdatedJson(c, p));
