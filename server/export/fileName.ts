/** Download file names: a safe ASCII name for every client, and the RFC 6266 / 5987 header carrying a readable UTF-8 one. */
import { createHash } from 'node:crypto';
import type { ExportLang, ExportScope } from './types.js';

const shortHash = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 8);

/** At most `max` characters, cut after a whole word (at `sep`) when one ends in the second half. */
export function cutAtWord(s: string, max: number, sep = '-'): string {
  const chars = [...s];
  if (chars.length <= max) return s;
  const head = chars.slice(0, max).join('');
  // A word ends where the next character is the separator.
  if (chars[max] === sep) return head;
  const at = head.lastIndexOf(sep);
  return at >= max / 2 ? head.slice(0, at) : head;
}

/** `[a-z0-9-]` only; text that doesn't survive as-is also gets a short hash, so different labels stay different. */
export function slugPart(s: string, max = 40): string {
  const full = s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const slug = cutAtWord(full, max).replace(/-+$/, '');
  if (slug && slug === s) return slug;
  return slug ? `${slug}-${shortHash(s)}` : shortHash(s);
}

const scopePart = (scope: ExportScope) =>
  scope.kind === 'plan' ? 'plan' : scope.kind === 'domain' ? `domain-${slugPart(scope.domainId)}` : `commitment-${slugPart(scope.commitmentId)}`;

/** e.g. `plan-nap1_plan_3-1a2b3c4d_zh.docx`: no path separators, quotes, spaces or control characters. */
export function exportFileName(planId: string, scope: ExportScope, versionLabel: string, lang: ExportLang, ext: string): string {
  const safeExt = /^[a-z0-9]{1,8}$/.test(ext) ? ext : 'bin';
  return `${slugPart(planId)}_${scopePart(scope)}_${slugPart(versionLabel || 'live')}_${slugPart(lang)}.${safeExt}`;
}

const MAX_NAME = 100;

/**
 * A readable UTF-8 name (`開放政府國家行動方案_第3次推動小組會議-核定本.docx`) with everything a
 * file system or a header could misread removed: controls, bidi overrides, separators and reserved characters.
 * When it is too long, the leading parts (the title) are shortened at a word, never the last
 * ones: the version label and the language must survive in every language.
 */
export function exportDisplayName(parts: string[], ext: string): string {
  const clean = parts
    .map((p) =>
      p
        .normalize('NFC')
        .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
        .replace(/[\\/:*?"<>|%;]/g, '')
        .trim()
        .replace(/\s+/g, '-')
        .replace(/^[.\-_]+|[.\-_]+$/g, ''),
    )
    .filter(Boolean);
  const len = (xs: string[]) => [...xs.join('_')].length;
  // Shorten from the front: the title first, then (only if still too long) the next part.
  for (let i = 0; i < clean.length - 1 && len(clean) > MAX_NAME; i++) {
    const room = MAX_NAME - len(clean) + [...clean[i]!].length;
    clean[i] = cutAtWord(clean[i]!, Math.max(room, 8)).replace(/[.\-_]+$/, '');
  }
  const base = cutAtWord(clean.join('_'), MAX_NAME, '_');
  const safeExt = /^[a-z0-9]{1,8}$/.test(ext) ? ext : 'bin';
  return base ? `${base}.${safeExt}` : `export.${safeExt}`;
}

/** RFC 5987 attr-chars stay; everything else is percent-encoded UTF-8. */
const encode5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `Content-Disposition` with an ASCII `filename` for old clients and `filename*` for the rest (RFC 6266). */
export function contentDisposition(asciiName: string, unicodeName?: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = asciiName.replace(/[^\x20-\x7e]|["\\%;/]/g, '_') || 'export';
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encode5987(unicodeName || ascii)}`;
}
