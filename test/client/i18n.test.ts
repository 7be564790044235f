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
