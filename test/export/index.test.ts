/** The format table and download names: safe ASCII names for hostile labels, RFC 6266 headers, every format renders the demo. */
import { describe, expect, it } from 'vitest';
import { FORMATS, contentDisposition, exportDisplayName, exportFileName, exportHeaders, isExportFormat } from '../../server/export/index.js';
import { blankCommitment } from '../../shared/schema/index.js';
import { demoInput, unzip, xmlWellFormed } from './fixtures.js';

const HOSTILE_LABELS = ['../../etc/passwd', '"; filename=evil.exe', 'a\r\nSet-Cookie: x=1', 'C:\\Windows\\system32', '\u202Egnp.exe', '第3次推動小組會議 核定本', '', ' ', 'x'.repeat(500)];

describe('exportFileName', () => {
  it('is plain ASCII without separators, quotes or controls, for any label', () => {
    const names = HOSTILE_LABELS.map((label) => exportFileName('plan-nap1', { kind: 'plan' }, label, 'zh', 'docx'));
    for (const n of names) {
      expect(n).toMatch(/^[a-z0-9._-]+$/);
      expect(n.length).toBeLessThan(120);
      expect(n.endsWith('.docx')).toBe(true);
      expect(n).not.toContain('..');
    }
    expect(new Set(names).size).toBe(names.length);
    expect(exportFileName('plan-nap1', { kind: 'plan' }, 'live', 'both', 'pdf')).toBe('plan-nap1_plan_live_both.pdf');
    expect(exportFileName('plan-nap1', { kind: 'commitment', commitmentId: 'c-01-open-data' }, 'live', 'en', 'md')).toBe('plan-nap1_commitment-c-01-open-data_live_en.md');
    expect(exportFileName('p/../x', { kind: 'domain', domainId: 'd1/..' }, 'live', 'zh', '../exe')).toMatch(/^p-x-[0-9a-f]{8}_domain-d1-[0-9a-f]{8}_live_zh\.bin$/);
  });
});

describe('contentDisposition', () => {
  it('carries an ASCII filename and the UTF-8 name as filename*, with nothing that could split the header', () => {
    const display = exportDisplayName(['開放政府國家行動方案（2021-2024）', '第3次推動小組會議 核定本', '"/\\\r\n\u202E'], 'docx');
    expect(display).toBe('開放政府國家行動方案（2021-2024）_第3次推動小組會議-核定本.docx');
    const header = contentDisposition('plan-nap1_plan_3-1a2b3c4d_zh.docx', display);
    expect(header).toMatch(/^attachment; filename="plan-nap1_plan_3-1a2b3c4d_zh\.docx"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe(display);
    expect(contentDisposition('a"b\r\nc\\d.txt')).toBe(`attachment; filename="a_b__c_d.txt"; filename*=UTF-8''a_b__c_d.txt`);
  });
});

describe('exportHeaders', () => {
  it('names a download after the plan, scope and version', () => {
    const input = demoInput('zh');
    const h = exportHeaders({ ...input, scope: { kind: 'domain', domainId: 'd2' } }, 'docx');
    expect(h['Content-Type']).toBe(FORMATS.docx.contentType);
    expect(h['Content-Disposition']).toMatch(/^attachment; filename="plan-nap1_domain-d2_3-[0-9a-f]{8}_zh\.docx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(h['Content-Disposition']!.split("UTF-8''")[1]!)).toBe('開放政府國家行動方案（2021-2024）_擴大公共參與機制_第3次推動小組會議-核定本_zh.docx');
  });
});

describe('FORMATS', () => {
  it('renders the demo plan in every format that needs no Chromium', async () => {
    expect(Object.keys(FORMATS).sort()).toEqual(['csv', 'docx', 'html', 'json', 'md', 'pdf']);
    expect(isExportFormat('docx')).toBe(true);
    expect(isExportFormat('toString')).toBe(false);
    const input = demoInput('both');
    for (const [name, f] of Object.entries(FORMATS)) {
      if (f.needsChromium) continue;
      const bytes = await f.render(input);
      expect(bytes.length, name).toBeGreaterThan(10_000);
      expect(f.contentType, name).toMatch(/^[a-z]+\/[a-z0-9.+-]+/);
    }
    expect(FORMATS.csv.contentType).toContain('charset=utf-8');
  });
});

describe('edge cases', () => {
  it('renders an empty selection, a blank commitment and hostile plan metadata in every format', async () => {
    const base = demoInput('both');
    const blank = blankCommitment({ id: 'c-new', number: '', domainId: 'nowhere', title: { zh: '', en: '' }, leadAgency: { id: '', zh: '', en: '' } });
    const hostile = '</dc:title><x/>\u0001"&\'<script>';
    const inputs = [
      { ...base, commitments: [] },
      { ...base, commitments: [blank], scope: { kind: 'commitment' as const, commitmentId: 'c-new' } },
      { ...base, commitments: [], scope: { kind: 'domain' as const, domainId: 'd2' } },
      { ...base, plan: { ...base.plan, title: { zh: hostile, en: hostile } }, version: { label: hostile, date: 'not a date', hash: hostile } },
    ];
    for (const input of inputs) {
      for (const [name, f] of Object.entries(FORMATS)) {
        if (f.needsChromium) continue;
        const bytes = await f.render(input);
        expect(bytes.length, name).toBeGreaterThan(0);
        if (name === 'docx') for (const [part, xml] of Object.entries(unzip(bytes))) if (/\.(xml|rels)$/.test(part)) expect(xmlWellFormed(xml), part).toBe(true);
      }
    }
  });
});
