/**
 * Dates as commitment tables write them, back to `YYYY-MM-DD`: 中華民國110年1月1日 and
 * 110年1月 (the 民國 calendar, what our zh export writes), 1 January 2021 / January 1, 2021
 * (our en export), 2021-01-01, 2021/1/1 and 2021.01. A month alone is its first day as a
 * start and its last day as an end.
 */
import { parseCalendarDate } from '../../shared/dates/index.js';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_NAMES = '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\\.?';

/** Every date form, in one pattern so that a period's dates are found in reading order. */
const ANY_DATE = new RegExp(
  [
    '(?:中華)?(?:民國)?\\s*(\\d{2,4})\\s*年\\s*(\\d{1,2})\\s*月(?:\\s*(\\d{1,2})\\s*日)?',
    '(\\d{4})\\s*[-/.]\\s*(\\d{1,2})(?:\\s*[-/.]\\s*(\\d{1,2}))?',
    `(\\d{1,2})\\s+${MONTH_NAMES}\\s+(\\d{4})`,
    `${MONTH_NAMES}\\s+(?:(\\d{1,2}),?\\s+)?(\\d{4})`,
  ].join('|'),
  'gi',
);

const pad = (n: number) => String(n).padStart(2, '0');
const monthOf = (name: string) => MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().replace('.', '').slice(0, 3))) + 1;

function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

interface Found {
  year: number;
  month: number;
  day: number | null;
}

function found(m: RegExpExecArray): Found | null {
  if (m[1]) {
    let year = Number(m[1]);
    // 民國 years are two or three digits (110 = 2021).
    if (year < 1000) year += 1911;
    return { year, month: Number(m[2]), day: m[3] ? Number(m[3]) : null };
  }
  if (m[4]) return { year: Number(m[4]), month: Number(m[5]), day: m[6] ? Number(m[6]) : null };
  if (m[7]) return { year: Number(m[9]), month: monthOf(m[8]!), day: Number(m[7]) };
  if (m[10]) return { year: Number(m[12]), month: monthOf(m[10]), day: m[11] ? Number(m[11]) : null };
  return null;
}

function iso(f: Found, end: boolean): string | null {
  if (f.month < 1 || f.month > 12) return null;
  const day = f.day ?? (end ? lastDay(f.year, f.month) : 1);
  const s = `${f.year}-${pad(f.month)}-${pad(day)}`;
  return parseCalendarDate(s) ? s : null;
}

/** The dates a text names, in order (as found; a month alone not yet made a day). */
function datesIn(text: string): Found[] {
  const out: Found[] = [];
  for (const m of text.normalize('NFKC').matchAll(ANY_DATE)) {
    const f = found(m);
    if (f) out.push(f);
  }
  return out;
}

/** One date (a milestone's due date): the last day of a month given alone. Null when the text names none. */
export function parseDate(text: string): string | null {
  const [first] = datesIn(text);
  return first ? iso(first, true) : null;
}

/**
 * A period's start and end ("中華民國110年1月1日 – 中華民國113年5月31日", "2021/01 ~ 2024/05").
 * Our export writes "…" for a missing end, so "… – 31 May 2024" is an end alone. Null when
 * the text names no date.
 */
export function parsePeriod(text: string): { start: string; end: string } | null {
  const dates = datesIn(text);
  if (dates.length === 0) return null;
  if (dates.length === 1) {
    const endOnly = /^\s*(…|\.\.\.)/.test(text);
    return endOnly ? { start: '', end: iso(dates[0]!, true) ?? '' } : { start: iso(dates[0]!, false) ?? '', end: '' };
  }
  return { start: iso(dates[0]!, false) ?? '', end: iso(dates[1]!, true) ?? '' };
}
