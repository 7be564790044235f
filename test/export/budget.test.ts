/**
 * The budget, the lead agency's contact and milestone start dates in the exports: DOCX,
 * Markdown, HTML (and the PDF printed from it), CSV and JSON carry the rows with their
 * total; a commitment without them exports its tables as before.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../server/export/docx.js';
import { renderHtml } from '../../server/export/html.js';
import { renderMarkdown } from '../../server/export/markdown.js';
import { CSV_COLUMNS, renderCsv, renderJson } from '../../server/export/openData.js';
import { pdfAvailable, renderPdf } from '../../server/export/pdf.js';
import type { CommitmentJSON } from '../../shared/schema/index.js';
import { demoInput, parseCsv, unzip } from './fixtures.js';

const wordText = (xml: string) => xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&');

/** The first commitment with two budget years, a contact and a start date on its first milestone. */
const budgeted = (lang: 'zh' | 'en' = 'zh') =>
  demoInput(lang, (cs) => {
    const c = cs[0]!;
    c.budget = [
      { id: 'b1', year: '2026', amount: '1200', source: { zh: '公務預算', en: 'Public budget' }, note: { zh: '含委外', en: 'Incl. contracting' } },
      { id: 'b2', year: '2027', amount: '3,450', source: { zh: '前瞻基礎建設計畫', en: 'Forward-looking programme' }, note: { zh: '', en: '' } },
    ];
    c.contact = { name: '王小明', title: '科長', email: 'wang@ndc.gov.tw', phone: '02-2316-5300' };
    c.milestones[0]!.start = '2021-03-01';
  });
const only = (input: ReturnType<typeof demoInput>) => {
  const c = input.commitments[0]!;
  return { ...input, scope: { kind: 'commitment' as const, commitmentId: c.id }, commitments: [c] };
};

describe('budget, contact and start dates in the exports', () => {
  it('[BG7] DOCX: a budget table with the ROC and AD year, the amounts and the total; the contact rows; the start-date column', async () => {
    const text = wordText(unzip(await renderDocx(only(budgeted())))['word/document.xml']!);
    for (const s of ['預算', '年度', '金額（新臺幣千元）', '經費來源或計畫', '115年 (2026)', '116年 (2027)', '1,200', '3,450', '公務預算', '含委外', '合計', '4,650']) expect(text).toContain(s);
    for (const s of ['聯絡人姓名', '王小明', '聯絡人職稱', '科長', 'wang@ndc.gov.tw', '02-2316-5300']) expect(text).toContain(s);
    expect(text).toContain('預計開始日期');
    expect(text).toContain('中華民國110年3月1日');
    const en = wordText(unzip(await renderDocx(only(budgeted('en'))))['word/document.xml']!);
    for (const s of ['Budget', 'Amount (NT$ thousands)', 'Public budget', 'Total', '4,650', 'Contact e-mail']) expect(en).toContain(s);
  });

  it('[BG7] a commitment without budget, contact or start dates has no such table, rows or column', async () => {
    const text = wordText(unzip(await renderDocx(only(demoInput())))['word/document.xml']!);
    expect(text).not.toContain('金額（新臺幣千元）');
    expect(text).not.toContain('聯絡人');
    expect(renderMarkdown(only(demoInput()))).not.toContain('預計開始日期');
  });

  it('[BG7] Markdown and HTML carry the budget table and its total', () => {
    const md = renderMarkdown(only(budgeted()));
    expect(md).toContain('#### 預算');
    expect(md).toMatch(/\| 115年 \(2026\) \| 1,200 \| 公務預算 \| 含委外 \|/);
    expect(md).toContain('| **合計** | **4,650** |');
    expect(md).toContain('| 聯絡人電子郵件 | wang@ndc.gov.tw |');
    const html = renderHtml(only(budgeted()));
    expect(html).toContain('<table class="milestones budget">');
    expect(html).toMatch(/<tfoot><tr><th scope="row">合計<\/th><td class="nowrap">4,650<\/td>/);
  });

  it('[BG7] CSV: one row per budget year with its total and the contact; milestone rows keep their columns and gain the start date', () => {
    const input = budgeted();
    const rows = parseCsv(renderCsv(input).slice(1));
    const head = rows[0]!;
    expect(head).toEqual([...CSV_COLUMNS]);
    const records = rows.slice(1).map((r) => Object.fromEntries(head.map((k, i) => [k, r[i]])));
    const c = input.commitments[0]!;
    const mine = records.filter((r) => r.commitment_id === c.id);
    const budget = mine.filter((r) => r.row_type === 'budget');
    expect(budget.map((r) => [r.budget_year, r.budget_amount, r.budget_source_zh, r.budget_source_en])).toEqual([
      ['2026', '1200', '公務預算', 'Public budget'],
      ['2027', '3,450', '前瞻基礎建設計畫', 'Forward-looking programme'],
    ]);
    expect(budget.every((r) => r.milestone_id === '' && r.budget_total === '4650' && r.contact_email === 'wang@ndc.gov.tw')).toBe(true);
    const ms = mine.filter((r) => r.row_type === 'milestone');
    expect(ms).toHaveLength(c.milestones.length);
    expect(ms[0]).toMatchObject({ milestone_id: c.milestones[0]!.id, start: '2021-03-01', due: c.milestones[0]!.due, budget_total: '4650', contact_name: '王小明' });
    // Others have no budget, and their rows stay as they were (plus empty new columns).
    expect(records.filter((r) => r.commitment_id !== c.id).every((r) => r.row_type === 'milestone' && r.budget_total === '' && r.contact_name === '')).toBe(true);
  });

  it('[BG7] JSON: the budget rows, the contact, the start date and each budgeted commitment\'s total', () => {
    const data = JSON.parse(renderJson(budgeted()));
    const c = data.commitments.find((x: CommitmentJSON) => x.id === budgeted().commitments[0]!.id);
    expect(c.budget).toHaveLength(2);
    expect(c.budget[1]).toEqual({ amount: '3,450', id: 'b2', note: { en: '', zh: '' }, source: { en: 'Forward-looking programme', zh: '前瞻基礎建設計畫' }, year: '2027' });
    expect(c.contact.phone).toBe('02-2316-5300');
    expect(c.milestones[0].start).toBe('2021-03-01');
    expect(data.budgetTotals).toEqual({ [c.id]: 4650 });
    expect(JSON.parse(renderJson(demoInput())).budgetTotals).toEqual({});
  });

  it.skipIf(!pdfAvailable() || !existsSync('/usr/bin/pdftotext'))('[BG7] the PDF shows the budget and its total', { timeout: 120_000 }, async () => {
    const pdf = await renderPdf(renderHtml(only(budgeted()), { pageFooter: false }), { versionLabel: 'Draft' });
    const dir = mkdtempSync(join(tmpdir(), 'gongbi-pdf-'));
    try {
      writeFileSync(join(dir, 'b.pdf'), pdf);
      const text = execFileSync('pdftotext', [join(dir, 'b.pdf'), '-'], { encoding: 'utf8' });
      for (const s of ['115年 (2026)', '公務預算', '合計', '4,650', 'wang@ndc.gov.tw']) expect(text).toContain(s);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
