/** Open-data exports: CSV (BOM, columns, one row per milestone, RFC 4180, formula injection) and JSON (stable keys, content). */
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, renderCsv, renderJson } from '../../server/export/openData.js';
import { VERSION, demoInput, parseCsv } from './fixtures.js';

const COLUMNS = 'plan_id,commitment_id,commitment_number,commitment_title_zh,commitment_title_en,domain_zh,domain_en,lead_agency_zh,lead_agency_en,milestone_id,period,milestone_zh,milestone_en,indicator_zh,indicator_en,due,status,evidence,start,row_type,budget_year,budget_amount,budget_source_zh,budget_source_en,budget_note_zh,budget_note_en,budget_total,contact_name,contact_title,contact_email,contact_phone';

describe('renderCsv', () => {
  it('writes one row per milestone of the demo plan, UTF-8 with BOM and CRLF', () => {
    const input = demoInput();
    const csv = renderCsv(input);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(csv.replace(/\r\n/g, '').includes('\n')).toBe(false);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]!.join(',')).toBe(COLUMNS);
    expect(CSV_COLUMNS.join(',')).toBe(COLUMNS);
    expect(rows).toHaveLength(1 + 76);
    const first = Object.fromEntries(rows[0]!.map((k, i) => [k, rows[1]![i]]));
    const c = input.commitments[0]!;
    expect(first).toMatchObject({
      plan_id: 'plan-nap1',
      commitment_id: c.id,
      commitment_number: '1-1',
      commitment_title_zh: c.title.zh,
      commitment_title_en: c.title.en,
      domain_zh: '推動資料開放與資訊公開',
      lead_agency_zh: '國家發展委員會',
      milestone_id: 'm2021',
      period: '2021',
      milestone_zh: c.milestones[0]!.text.zh,
      indicator_zh: c.milestones[0]!.indicator.zh,
      due: '2021-12-31',
      status: 'not_started',
    });
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
  });

  it('quotes commas, quotes and line breaks so they round-trip, and neutralises formulas', () => {
    const input = demoInput('zh', (cs) => {
      const m = cs[0]!.milestones;
      m[0]!.text.zh = '第一行, 含逗號\r\n第二行 "引號"';
      m[0]!.indicator.zh = '=HYPERLINK("http://evil.example","x")';
      m[1]!.indicator.zh = '+1+1';
      m[1]!.text.zh = '-2';
      m[2]!.text.zh = '@SUM(A1)';
      m[2]!.indicator.zh = '\tcmd';
      m[3]!.indicator.zh = '\r=1';
      cs[1]!.milestones = [];
    });
    const rows = parseCsv(renderCsv(input).slice(1));
    const col = (name: string) => CSV_COLUMNS.indexOf(name as (typeof CSV_COLUMNS)[number]);
    expect(rows[1]![col('milestone_zh')]).toBe('第一行, 含逗號\r\n第二行 "引號"');
    expect(rows[1]![col('indicator_zh')]).toBe('\'=HYPERLINK("http://evil.example","x")');
    expect(rows[2]![col('indicator_zh')]).toBe("'+1+1");
    expect(rows[2]![col('milestone_zh')]).toBe("'-2");
    expect(rows[3]![col('milestone_zh')]).toBe("'@SUM(A1)");
    expect(rows[3]![col('indicator_zh')]).toBe("'\tcmd");
    expect(rows[4]![col('indicator_zh')]).toBe("'\r=1");
    // A commitment with no milestones still appears, once, with empty milestone cells.
    expect(rows[5]![col('commitment_id')]).toBe(input.commitments[1]!.id);
    expect(rows[5]![col('milestone_id')]).toBe('');
    expect(rows).toHaveLength(1 + 76 - 4 + 1);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
  });
});

describe('renderJson', () => {
  it('holds plan, version and commitments, with keys sorted at every depth', () => {
    const input = demoInput();
    const json = renderJson(input);
    const data = JSON.parse(json);
    expect(data.version).toEqual(VERSION);
    expect(data.plan).toEqual(input.plan);
    expect(data.commitments).toEqual(input.commitments);
    expect(data.scope).toEqual({ kind: 'plan' });
    expect(data.englishOutdated).toEqual({});
    const check = (v: unknown): void => {
      if (Array.isArray(v)) return v.forEach(check);
      if (v && typeof v === 'object') {
        const keys = Object.keys(v);
        expect(keys).toEqual([...keys].sort());
        Object.values(v).forEach(check);
      }
    };
    check(data);
    expect(json).toContain('\n  "commitments": [\n');
  });

  it('is stable whatever the key order of the input, and lists outdated English', () => {
    const a = renderJson(demoInput());
    const shuffled = demoInput('zh', (cs) => {
      cs.forEach((c, i) => (cs[i] = Object.fromEntries(Object.entries(c).reverse()) as typeof c));
    });
    expect(renderJson(shuffled)).toBe(a);
    const changed = JSON.parse(renderJson(demoInput('zh', (cs) => void (cs[3]!.title.zh += '！'))));
    expect(changed.englishOutdated).toEqual({ [changed.commitments[3].id]: ['title'] });
  });
});
