/** The two UI dictionaries must offer exactly the same messages, none of them empty. */
import { describe, expect, it } from 'vitest';
import { en } from '../../client/i18n/en.js';
import { zh } from '../../client/i18n/zh.js';
import { formatDate, interpolate } from '../../client/i18n/format.js';

describe('UI dictionaries', () => {
  it('zh and en have identical key sets', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it('no message is empty, and both languages use the same placeholders', () => {
    for (const key of Object.keys(zh) as Array<keyof typeof zh>) {
      expect(zh[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      const vars = (s: string) => [...s.matchAll(/\{(\w+)(?:\}|, plural, )/g)].map((m) => m[1]).sort();
      expect(vars(en[key]), key).toEqual(vars(zh[key]));
    }
  });

  it('interpolates placeholders and leaves unknown ones visible', () => {
    expect(interpolate('第 {n} 列', { n: 3 })).toBe('第 3 列');
    expect(interpolate('{a} and {b}', { a: 'x' })).toBe('x and {b}');
  });

  it('picks the English plural form by the number ("1 commitment", not "1 commitments")', () => {
    expect(interpolate(en.resultCount, { count: 1 })).toBe('1 commitment');
    expect(interpolate(en.resultCount, { count: 19 })).toBe('19 commitments');
    expect(interpolate(en.resultCount, { count: 0 })).toBe('0 commitments');
    expect(interpolate(en.outdatedSummary, { count: 1 })).toBe('1 English field is outdated');
    expect(interpolate(zh.resultCount, { count: 1 })).toBe(zh.resultCount.replace('{count}', '1'));
    // A missing number leaves the message visible rather than guessing a form.
    expect(interpolate(en.resultCount, {})).toBe(en.resultCount);
  });

  it('formats dates per UI language', () => {
    expect(formatDate('2021-03-02', 'zh')).toBe('中華民國110年3月2日');
    expect(formatDate('2021-03-02', 'en')).toBe('2 Mar 2021');
    expect(formatDate('', 'en')).toBe('');
  });
});

describe('refusals from the sync server', () => {
  it('every refusal code the server sends is said in words, in both languages, without the code or the English text', async () => {
    const { refusalKey } = await import('../../client/commitment/AccessNotice.js');
    for (const reason of ['read_only: You may read…', 'translator_scope: Translators…', 'server_owned: x', 'comment_author: x', 'foreign_client: x', 'update_refused: a value nested deeper…', 'document_too_large: x', 'something_new: x']) {
      const key = refusalKey(reason);
      expect(zh[key]).not.toMatch(/[a-z_]{4,}|You may|Translators/);
      expect(en[key]).not.toContain(reason.split(':')[0]);
    }
    expect(refusalKey('read_only: …')).toBe('refusal_read_only');
    expect(refusalKey('something_new: x')).toBe('refusal_other');
  });
});

describe('connections the sync server closed', () => {
  it('every close reason is said in the reader\'s language, never in the server\'s English words', async () => {
    const { closeReasonKey } = await import('../../client/sync/closeReasons.js');
    const { describeSync } = await import('../../client/sync/syncView.js');
    const { CLOSE } = await import('../../shared/protocol/closeCodes.js');
    const tr = (dict: Record<string, string>) => (key: string, vars?: Record<string, string | number>) => interpolate(dict[key]!, vars);
    for (const [kind, { reason }] of Object.entries(CLOSE)) {
      expect(closeReasonKey(reason)).toBe(`close_${kind}`);
      expect(closeReasonKey(`${reason}: the update could not be read`)).toBe(`close_${kind}`);
      const zhText = describeSync({ kind: 'refused', pending: 0, retryAt: null, reason: `${reason}: detail` }, tr(zh) as never);
      expect(zhText).not.toMatch(/[a-z]{3,}/);
      expect(describeSync({ kind: 'refused', pending: 0, retryAt: null, reason }, tr(en) as never)).not.toContain('detail');
    }
    expect(closeReasonKey('something new')).toBe('close_other');
    expect(closeReasonKey(undefined)).toBe('close_other');
  });
});

describe('[IM21] import codes', () => {
  it('every import error, warning and refusal code is a sentence in both languages, never the code or the server\'s words', async () => {
    const { importErrorText, warningText, refusalText } = await import('../../client/import/importText.js');
    const { ApiError } = await import('../../client/api/http.js');
    const { IMPORT_ERROR_CODES } = await import('../../shared/protocol/import.js');
    for (const dict of [zh, en]) {
      const t = ((key: string, vars?: Record<string, string | number>) => interpolate((dict as Record<string, string>)[key]!, vars)) as never;
      for (const code of IMPORT_ERROR_CODES) {
        const text = importErrorText(t, new ApiError(400, code, 'The server\'s English words.'));
        expect(text).toBeTruthy();
        expect(text).not.toContain(code);
        expect(text).not.toContain('server\'s English');
      }
      // A body past the API's own limit (no import code) and an unknown 4xx.
      expect(importErrorText(t, new ApiError(413, 'too_large', 'x'))).toBe(importErrorText(t, new ApiError(413, 'other', 'x')));
      expect(importErrorText(t, new ApiError(409, 'new_code', 'English'))).not.toContain('English');
      for (const code of ['unknown_lead_agency', 'unknown_co_agency', 'too_many_commitments', 'unplaced', 'unknown_column', 'too_many_milestones', 'before_first', 'lead_not_changed', 'agency_not_changed', 'brand_new']) {
        const text = warningText(t, { code, message: 'English message', params: { label: '經費', agency: '某署', agencies: '甲、乙', file: '甲', current: '乙' } });
        expect(text).toBeTruthy();
        expect(text).not.toMatch(/\{|English message|_/);
      }
      for (const code of ['not_writer', 'coordinator_only', 'lead_agency_unknown', 'no_lead_agency', 'no_domain'] as const) {
        expect(refusalText(t, code, { agency: '某署' })).not.toMatch(/\{|_/);
      }
    }
    expect(warningText(((k: string, v?: Record<string, string>) => interpolate(zh[k as keyof typeof zh], v)) as never, { code: 'unplaced', message: '', params: { label: '經費' } })).toBe('「經費」不對應任何欄位，將加上標記放在「其他資訊」。');
  });
});
