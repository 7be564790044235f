/** Message interpolation and locale-aware dates, kept free of React so tests can use them. */
import type { Lang } from '../../shared/schema/index.js';

/** Replaces `{name}` placeholders; unknown placeholders stay visible so gaps are noticed. */
export function interpolate(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (all, name: string) => (name in vars ? String(vars[name]) : all));
}

export const localeOf = (lang: Lang) => (lang === 'zh' ? 'zh-TW' : 'en-GB');

/** `2021-03-02` → 2021年3月2日 / 2 Mar 2021; empty or malformed input is returned as is. */
export function formatDate(iso: string, lang: Lang): string {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  if (!iso || Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(lang), { year: 'numeric', month: 'short', day: 'numeric' }).format(d);
}

/** "3 minutes ago" / 「3 分鐘前」, falling back to a date after a week. */
export function formatRelative(iso: string, lang: Lang, now = Date.now()): string {
  const t = new Date(iso).getTime();
  if (!iso || Number.isNaN(t)) return '';
  const seconds = Math.round((t - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(localeOf(lang), { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(0, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86400) return rtf.format(Math.round(seconds / 86400), 'day');
  return formatDate(iso, lang);
}
