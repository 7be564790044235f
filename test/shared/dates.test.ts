/** The shared date module: the 民國 calendar in Chinese, AD in English, calendar days vs instants, and the ROC year boundary. */
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMonth, formatPeriod, parseCalendarDate, taipeiDay } from '../../shared/dates/index.js';

describe('formatDate', () => {
  it('writes Chinese dates in the 民國 calendar with the full era name, English in AD', () => {
    expect(formatDate('2026-12-03', 'zh')).toBe('中華民國115年12月3日');
    expect(formatDate('2026-12-03', 'en')).toBe('3 December 2026');
    expect(formatDate('2026-12-03', 'en', 'short')).toBe('3 Dec 2026');
    expect(formatDate('2021-04-30', 'zh', 'short')).toBe('中華民國110年4月30日');
  });

  it('crosses the ROC year boundary: 民國1年 begins on 1912-01-01, the day before is 民國前1年', () => {
    expect(formatDate('1912-01-01', 'zh')).toBe('中華民國1年1月1日');
    expect(formatDate('1911-12-31', 'zh')).toBe('中華民國前1年12月31日');
    expect(formatDate('2025-12-31', 'zh')).toBe('中華民國114年12月31日');
    expect(formatDate('2026-01-01', 'zh')).toBe('中華民國115年1月1日');
  });

  it('prints a calendar day as written, and an instant on its day in Taiwan (not the host zone)', () => {
    // 2025-12-31T16:30Z is already 2026-01-01 00:30 in Taipei: a new ROC year there.
    expect(formatDate('2025-12-31T16:30:00.000Z', 'zh')).toBe('中華民國115年1月1日');
    expect(formatDate(Date.UTC(2025, 11, 31, 15, 59), 'zh')).toBe('中華民國114年12月31日');
    expect(formatDateTime('2021-03-02T06:05:00.000Z', 'zh')).toBe('中華民國110年3月2日 14:05');
    expect(formatDateTime('2021-03-02T06:05:00.000Z', 'en', 'short')).toBe('2 Mar 2021, 14:05');
    expect(taipeiDay(Date.UTC(2025, 11, 31, 16, 30))).toBe('2026-01-01');
  });

  it('returns what is not a date unchanged (free text stays readable), and refuses impossible days', () => {
    expect(formatDate('', 'zh')).toBe('');
    expect(formatDate('2021年上半年', 'zh')).toBe('2021年上半年');
    expect(formatDate('2021-02-30', 'en')).toBe('2021-02-30');
    expect(parseCalendarDate('2021-02-30')).toBeNull();
    expect(parseCalendarDate('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(formatDate(Number.NaN, 'zh')).toBe('');
  });

  it('formats months and periods', () => {
    expect(formatMonth('2021-03', 'zh')).toBe('中華民國110年3月');
    expect(formatMonth('2021-03', 'en')).toBe('March 2021');
    expect(formatPeriod('2021-01-01', '2024-12-31', 'zh')).toBe('中華民國110年1月1日 – 中華民國113年12月31日');
    expect(formatPeriod('', '2024-12-31', 'en')).toBe('… – 31 December 2024');
    expect(formatPeriod('', '', 'en')).toBe('');
  });
});
