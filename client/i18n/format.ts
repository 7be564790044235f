/** Message interpolation and locale-aware dates, kept free of React so tests can use them. */
import type { Lang } from '../../shared/schema/index.js';
import { formatDate as formatCalendarDate, formatDateTime as formatCalendarDateTime, formatMonth as formatCalendarMonth } from '../../shared/dates/index.js';

const ENGLISH_PLURALS = new Intl.PluralRules('en');

/**
 * Replaces `{name}` placeholders; unknown placeholders stay visible so gaps are noticed.
 * `{count, plural, one {# commitment} other {# commitments}}` picks the form by the number
 * (`#` is the number), as ICU messages write it: "1 commitment", "2 commitments". Only the
 * English dictionary needs it (Chinese has one form), so English rules decide.
 */
export function interpolate(template: string, vars: Record<string, string | number> = {}): string {
  return template
    .replace(/\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/g, (all, name: string, one: string, other: string) => {
      const n = vars[name];
      if (typeof n !== 'number') return all;
      return (ENGLISH_PLURALS.select(n) === 'one' ? one : other).replace(/#/g, String(n));
    })
    .replace(/\{(\w+)\}/g, (all, name: string) => (name in vars ? String(vars[name]) : all));
}

export const localeOf = (lang: Lang) => (lang === 'zh' ? 'zh-TW' : 'en-GB');

/** `2021-03-02` → 中華民國110年3月2日 / 2 Mar 2021 (the exports' calendar, shared/dates); malformed input is returned as is. */
export const formatDate = (iso: string, lang: Lang): string => formatCalendarDate(iso, lang, 'short');

/** `中華民國110年3月2日 14:05` / `2 Mar 2021, 14:05`, in Taiwan time. */
export const formatDateTime = (iso: string, lang: Lang): string => formatCalendarDateTime(iso, lang, 'short');

/** `2021-03` → 中華民國110年3月 / March 2021. */
export const formatMonth = (ym: string, lang: Lang): string => formatCalendarMonth(ym, lang);

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

/** `lang` attribute of content in a content language (screen readers switch voice on it). */
export const contentLang = (lang: Lang) => (lang === 'zh' ? 'zh-Hant-TW' : 'en');
