/**
 * Dates as the government writes them, one module for the UI and the exports so they always
 * agree: 中華民國115年12月3日 (the 民國 calendar) in Chinese, 3 December 2026 in English.
 * Calendar dates (`YYYY-MM-DD`) are days, not instants: they print as written in every time
 * zone. Instants (full ISO times, epoch ms) print in Taiwan time, where the meetings are,
 * whatever the host's or the browser's zone.
 */

export type DateLang = 'zh' | 'en';
/** `long`: 3 December 2026 (documents); `short`: 3 Dec 2026 (the UI). Chinese has one form. */
export type DateStyle = 'long' | 'short';

export const TAIPEI = 'Asia/Taipei';
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The locale of each language; zh uses the Republic of China calendar. */
export const DATE_LOCALES: Record<DateLang, string> = { zh: 'zh-TW-u-ca-roc', en: 'en-GB' };

/** A `YYYY-MM-DD` that names a real day, as UTC midnight; null otherwise (2021-02-30 included). */
export function parseCalendarDate(s: string): Date | null {
  const m = CALENDAR_DATE.exec(s);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? d : null;
}

/** Intl calls the era 民國 / 民國前; official documents write the state's full name. */
function rocEra(era: string): string {
  return era.startsWith('中華') ? era : `中華${era}`;
}

function format(d: Date, lang: DateLang, style: DateStyle, timeZone: string, withTime: boolean): string {
  const opts: Intl.DateTimeFormatOptions = {
    timeZone,
    year: 'numeric',
    month: lang === 'zh' ? 'numeric' : style === 'long' ? 'long' : 'short',
    day: 'numeric',
    ...(lang === 'zh' ? { era: 'short' as const } : {}),
    ...(withTime ? { hour: '2-digit' as const, minute: '2-digit' as const, hourCycle: 'h23' as const } : {}),
  };
  const parts = new Intl.DateTimeFormat(DATE_LOCALES[lang], opts).formatToParts(d);
  if (lang === 'en') return parts.map((p) => p.value).join('');
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  // Assembled from the parts rather than trusting the literal layout, which differs between ICU versions.
  const date = `${rocEra(get('era'))}${get('year')}年${get('month')}月${get('day')}日`;
  return withTime ? `${date} ${get('hour')}:${get('minute')}` : date;
}

function toDate(value: string | number): { d: Date; calendar: boolean } | null {
  if (typeof value === 'number') return Number.isFinite(value) ? { d: new Date(value), calendar: false } : null;
  const calendar = parseCalendarDate(value);
  if (calendar) return { d: calendar, calendar: true };
  // Only full ISO times: `Date.parse` accepts too much else ("1", "May") that is not a date.
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : { d: new Date(ms), calendar: false };
}

/**
 * `2026-12-03` → 中華民國115年12月3日 / 3 December 2026. A full ISO time or epoch ms gives its
 * day in Taiwan. Anything else is returned unchanged, so a free-text value still shows.
 */
export function formatDate(value: string | number, lang: DateLang, style: DateStyle = 'long'): string {
  const t = toDate(value);
  if (!t) return typeof value === 'string' ? value : '';
  return format(t.d, lang, style, t.calendar ? 'UTC' : TAIPEI, false);
}

/** An instant with its time of day in Taiwan: 中華民國110年3月2日 14:05 / 2 March 2021, 14:05. */
export function formatDateTime(value: string | number, lang: DateLang, style: DateStyle = 'long'): string {
  const t = toDate(value);
  if (!t) return typeof value === 'string' ? value : '';
  return format(t.d, lang, style, t.calendar ? 'UTC' : TAIPEI, !t.calendar);
}

/** A month heading: `2021-03` → 中華民國110年3月 / March 2021; anything else unchanged. */
export function formatMonth(ym: string, lang: DateLang): string {
  const d = parseCalendarDate(`${ym}-01`);
  if (!d) return ym;
  const opts: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric', month: lang === 'zh' ? 'numeric' : 'long', ...(lang === 'zh' ? { era: 'short' as const } : {}) };
  const parts = new Intl.DateTimeFormat(DATE_LOCALES[lang], opts).formatToParts(d);
  if (lang === 'en') return parts.map((p) => p.value).join('');
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  return `${rocEra(get('era'))}${get('year')}年${get('month')}月`;
}

/** `start – end` in dates, or whichever end is set; empty when neither is. */
export function formatPeriod(start: string, end: string, lang: DateLang, style: DateStyle = 'long'): string {
  if (!start && !end) return '';
  return `${start ? formatDate(start, lang, style) : '…'} – ${end ? formatDate(end, lang, style) : '…'}`;
}

/** The day (`YYYY-MM-DD`) an instant falls on in Taiwan. */
export function taipeiDay(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}
