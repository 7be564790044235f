/**
 * Recognition: our own DOCX and Markdown exports of the demo plan read back give the same
 * fields for every commitment (real exporters, real readers), rich text keeps its marks, links
 * and lists, and hand-written pages (HackMD headings and bold labels, label tables of other
 * layouts) are recognised, with what fits no field kept under a marker and warned about.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoPlan } from '../../server/seed/demoPlan.js';
import { DEMO_AGENCIES, DEMO_DIRECTORY_EXTRA } from '../../server/seed/demoData.js';
import { renderDocx, renderMarkdown, type ExportInput, type ExportLang } from '../../server/export/index.js';
import { readCommitments, recognise, htmlToBlocks, toFields, applyImported, type ImportedCommitment } from '../../server/import/index.js';
import { blankCommitment, commitmentDoc, renderCommitment, richToPlain, SECTION_KEYS, type Agency, type CommitmentJSON, type Lang, type RichDoc } from '../../shared/schema/index.js';

const DIRECTORY: Agency[] = Object.entries({ ...DEMO_AGENCIES, ...DEMO_DIRECTORY_EXTRA }).map(([id, a]) => ({ id, zh: a.zh, en: a.en }));
const enc = (s: string) => new TextEncoder().encode(s);

/** The demo plan with budget years and a contact on three commitments and start dates on one's milestones. */
function budgetedPlan(): CommitmentJSON[] {
  const cs = demoPlan().commitments;
  const row = (id: string, year: string, amount: string, zh: string, en: string, note: [string, string] = ['', '']) => ({ id, year, amount, source: { zh, en }, note: { zh: note[0], en: note[1] } });
  cs[0]!.budget = [row('b1', '2021', '12,000', '公務預算', 'Public budget', ['含平臺維運', 'Incl. platform operation']), row('b2', '2022', '15,500', '數位發展計畫', 'Digital development programme')];
  cs[0]!.contact = { name: '李怡君', title: '科長', email: 'opendata@ndc.gov.tw', phone: '02-2316-5300' };
  cs[0]!.milestones.forEach((m) => (m.start = `${m.period}-01-01`));
  cs[2]!.budget = [row('b1', '2022', '4,800', '公務預算', 'Public budget', ['含委託研究', 'Incl. commissioned research'])];
  cs[2]!.contact = { name: '陳建宏', title: '', email: 'privacy@ndc.gov.tw', phone: '' };
  cs[5]!.budget = [row('b1', '2023', '600', '前瞻基礎建設計畫', 'Forward-looking programme')];
  return cs;
}

function exportInput(lang: ExportLang, commitments = demoPlan().commitments): ExportInput {
  const { plan } = demoPlan();
  return { plan, commitments, scope: { kind: 'plan' }, version: { label: 'live', date: '2026-12-04', hash: 'abc123' }, lang };
}

/** The imported commitment written into an empty document, rendered as the editor would have it. */
function asWritten(c: ImportedCommitment): { json: CommitmentJSON; fields: ReturnType<typeof toFields>['fields']; warnings: ReturnType<typeof toFields>['warnings'] } {
  const { fields, warnings } = toFields(c, DIRECTORY);
  const doc = commitmentDoc(blankCommitment({ id: 'c-x', number: '', domainId: '', title: { zh: '', en: '' }, leadAgency: { id: '', zh: '', en: '' } }));
  applyImported(doc, fields, c.lang);
  const json = renderCommitment(doc);
  doc.destroy();
  return { json, fields, warnings };
}

function expectSameFields(orig: CommitmentJSON, imp: ImportedCommitment, lang: Lang): void {
  const { json: got, fields, warnings } = asWritten(imp);
  const at = `commitment ${orig.number} (${lang})`;
  expect(imp.lang, at).toBe(lang);
  expect(warnings, at).toEqual([]);
  expect(got.number, at).toBe(orig.number);
  expect(got.title[lang], at).toBe(orig.title[lang]);
  expect(got.partners[lang], at).toBe(orig.partners[lang]);
  expect([got.startDate, got.endDate], at).toEqual([orig.startDate, orig.endDate]);
  expect(got.status, at).toBe(orig.status);
  expect(got.ogpValues, at).toEqual(orig.ogpValues);
  expect(fields.leadAgency?.id, at).toBe(orig.leadAgency.id);
  expect(fields.coAgencies?.map((a) => a.id) ?? [], at).toEqual(orig.coAgencies.map((a) => a.id));
  for (const key of SECTION_KEYS) expect(got.sections[key][lang], `${at} ${key}`).toEqual(orig.sections[key][lang]);
  const rows = (m: CommitmentJSON['milestones']) => m.map((r) => [r.period, r.text[lang], r.indicator[lang], r.start ?? '', r.due, r.status, r.evidence]);
  expect(rows(got.milestones), at).toEqual(rows(orig.milestones));
  const budget = (b: CommitmentJSON['budget']) => (b ?? []).map((r) => [r.year, r.amount, r.source[lang], r.note[lang]]);
  expect(budget(got.budget), at).toEqual(budget(orig.budget));
  expect(got.contact, at).toEqual(orig.contact);
}

describe('round trips through our own exports', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`[IM5] DOCX export of the demo plan (${lang}) → import: the same fields for all 19 commitments`, async () => {
      const { commitments } = demoPlan();
      const found = await readCommitments(await renderDocx(exportInput(lang)), 'docx');
      expect(found.commitments).toHaveLength(commitments.length);
      commitments.forEach((c, i) => expectSameFields(c, found.commitments[i]!, lang));
      // The cover and the contents are not a commitment: said, not imported.
      expect(found.warnings.map((w) => w.code)).toEqual(['before_first']);
    });

    it(`[IM6] Markdown export of the demo plan (${lang}) → import: the same fields for all 19 commitments`, async () => {
      const { commitments } = demoPlan();
      const found = await readCommitments(enc(renderMarkdown(exportInput(lang))), 'markdown');
      expect(found.commitments).toHaveLength(commitments.length);
      commitments.forEach((c, i) => expectSameFields(c, found.commitments[i]!, lang));
      expect(found.commitments[0]!.domainHeading).toBe(demoPlan().plan.domains[0]!.name[lang]);
    });
  }

  for (const lang of ['zh', 'en'] as const) {
    it(`[IM5, IM6, BG8] budget years, the contact and milestone start dates survive the DOCX and Markdown round trips (${lang})`, async () => {
      const commitments = budgetedPlan();
      for (const bytes of [await renderDocx(exportInput(lang, commitments)), enc(renderMarkdown(exportInput(lang, commitments)))]) {
        const found = await readCommitments(bytes, bytes[0] === 0x50 ? 'docx' : 'markdown');
        expect(found.commitments).toHaveLength(commitments.length);
        commitments.forEach((c, i) => expectSameFields(c, found.commitments[i]!, lang));
        expect(asWritten(found.commitments[0]!).json.budget?.map((b) => b.amount)).toEqual(['12,000', '15,500']);
      }
    });
  }

  it('[IM7] bold, italic, links, ordered and nested lists and line breaks survive both exports', async () => {
    const base = demoPlan().commitments[0]!;
    const rich: RichDoc = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: '重點', marks: [{ type: 'bold' }] }, { type: 'text', text: '與' }, { type: 'text', text: '說明', marks: [{ type: 'italic' }] }, { type: 'text', text: '，見' }, { type: 'text', text: '資料平台', marks: [{ type: 'link', attrs: { href: 'https://data.gov.tw/about' } }] }, { type: 'text', text: '。' }] },
        { type: 'orderedList', content: [
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: '第一步' }] }, { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: '細項' }] }] }] }] },
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: '第二步' }] }] },
        ] },
        { type: 'paragraph', content: [{ type: 'text', text: '上行' }, { type: 'hardBreak' }, { type: 'text', text: '下行' }] },
      ],
    };
    const c: CommitmentJSON = { ...base, sections: { ...base.sections, content: { zh: rich, en: base.sections.content.en } } };
    const input = exportInput('zh', [c]);
    for (const found of [await readCommitments(await renderDocx(input), 'docx'), await readCommitments(enc(renderMarkdown(input)), 'markdown')]) {
      expect(found.commitments).toHaveLength(1);
      expect(asWritten(found.commitments[0]!).json.sections.content.zh).toEqual(rich);
    }
  });
});

describe('hand-written pages', () => {
  it('[IM8] a HackMD page: headings and bold labels, a GFM milestone table, two commitments, unknown content kept under a marker', async () => {
    const page = [
      '---', 'title: 行動方案草稿', 'tags: ogp', '---', '[TOC]', '',
      '# 2-1 擴大公民參與管道', '',
      '**權責機關**：國家發展委員會', '',
      '**協辦機關**：內政部、法務部、臺北市政府', '',
      '**民間夥伴**：開放文化基金會', '',
      '**起訖日期**：110年1月 ~ 113年5月', '',
      '## 公共問題', '',
      '民眾參與政策的管道**分散**，且回應*緩慢*。', '',
      '- 平台[join.gov.tw](https://join.gov.tw/)使用率低', '- 審議結果未回饋', '',
      '## 承諾事項內容', '',
      '1. 整合參與平台', '2. 建立回應時限', '',
      '## 與OGP價值之關聯', '',
      '公民參與、透明。', '',
      '## 經費來源', '',
      '由公務預算支應。', '',
      '## 里程碑', '',
      '| 期程 | 里程碑 | 可量化/驗證衡量指標 | 預計完成日期 |',
      '| --- | --- | --- | --- |',
      '| 2021 | 盤點參與平台 | 完成盤點報告 1 份 | 2021/12/31 |',
      '| 2022 | 整合平台上線<br>並試辦 | 上線機關 10 個 | 民國111年12月31日 |',
      '',
      '# 2-2 Open contracting', '',
      '**Lead agency**: Public Construction Commission', '',
      '**Public problem**: Procurement data is hard to reuse.', '',
      '**Milestones**', '',
      '| Period | Milestone | KPI | Due date |',
      '| --- | --- | --- | --- |',
      '| 2023 | Publish OCDS data | 100% of tenders | 31 December 2023 |',
    ].join('\n');
    const found = await readCommitments(enc(page), 'markdown');
    expect(found.commitments.map((c) => [c.number, c.title, c.lang])).toEqual([['2-1', '擴大公民參與管道', 'zh'], ['2-2', 'Open contracting', 'en']]);
    const [a, b] = found.commitments as [ImportedCommitment, ImportedCommitment];
    const wa = asWritten(a);
    expect(wa.fields.leadAgency?.id).toBe('ndc');
    expect(wa.fields.coAgencies?.map((x) => x.id)).toEqual(['moi', 'moj']);
    expect(wa.warnings.map((w) => w.code).sort()).toEqual(['unknown_co_agency', 'unplaced']);
    expect(wa.json.partners.zh).toBe('開放文化基金會');
    expect([wa.json.startDate, wa.json.endDate]).toEqual(['2021-01-01', '2024-05-31']);
    const problem = JSON.stringify(wa.json.sections.problem.zh);
    expect(problem).toContain('{"type":"text","text":"分散","marks":[{"type":"bold"}]}');
    expect(problem).toContain('"href":"https://join.gov.tw/"');
    expect(wa.json.sections.content.zh.content[0]!.type).toBe('orderedList');
    // "經費來源" is no field: its heading and text are in other information under a marker, and warned about.
    const other = JSON.stringify(wa.json.sections.other.zh);
    expect(other).toContain('【匯入時未能辨識：經費來源】');
    expect(other).toContain('由公務預算支應。');
    expect(other).toContain('臺北市政府');
    expect(a.unrecognised.map((u) => u.label)).toContain('經費來源');
    expect(wa.json.milestones.map((m) => [m.period, m.text.zh, m.indicator.zh, m.due])).toEqual([
      ['2021', '盤點參與平台', '完成盤點報告 1 份', '2021-12-31'],
      ['2022', '整合平台上線\n並試辦', '上線機關 10 個', '2022-12-31'],
    ]);
    const wb = asWritten(b);
    expect(wb.fields.leadAgency?.id).toBe('pcc');
    expect(JSON.stringify(wb.json.sections.problem.en)).toContain('Procurement data is hard to reuse.');
    expect(wb.json.milestones.map((m) => [m.text.en, m.indicator.en, m.due])).toEqual([['Publish OCDS data', '100% of tenders', '2023-12-31']]);
  });

  it('[IM9] label tables of other layouts: label/value pairs in one row, a label row over its value row, a nested milestone table', () => {
    const html = `
      <h2>承諾事項 3：強化資訊公開</h2>
      <table>
        <tr><td>權責機關</td><td>法務部</td><td>協辦機關</td><td>行政院所屬各機關</td></tr>
        <tr><td colspan="4">承諾事項內容：</td></tr>
        <tr><td colspan="4"><p>修正<strong>政府資訊公開法</strong>。</p><ul><li>● 研擬草案</li><li>● 召開公聽會</li></ul></td></tr>
        <tr><td>執行期程</td><td colspan="3">2021年8月至2024年5月</td></tr>
        <tr><td>聯絡人</td><td>王小明</td></tr>
        <tr><td>里程碑</td><td colspan="3"><table>
          <tr><th>年度</th><th>關鍵里程碑</th><th>績效指標</th><th>完成日期</th><th>狀態</th></tr>
          <tr><td>2022</td><td>完成草案</td><td>草案 1 份</td><td>111年6月</td><td>進行中</td></tr>
        </table></td></tr>
      </table>`;
    const found = recognise(htmlToBlocks(html));
    expect(found.commitments).toHaveLength(1);
    const c = found.commitments[0]!;
    expect([c.number, c.title]).toEqual(['3', '強化資訊公開']);
    const w = asWritten(c);
    expect(w.fields.leadAgency?.id).toBe('moj');
    expect(w.fields.coAgencies?.map((a) => a.id)).toEqual(['ey-agencies']);
    expect([w.json.startDate, w.json.endDate]).toEqual(['2021-08-01', '2024-05-31']);
    expect(w.json.sections.content.zh).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: '修正' }, { type: 'text', text: '政府資訊公開法', marks: [{ type: 'bold' }] }, { type: 'text', text: '。' }] },
        { type: 'bulletList', content: ['研擬草案', '召開公聽會'].map((t) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] })) },
      ],
    });
    expect(w.json.milestones.map((m) => [m.period, m.text.zh, m.indicator.zh, m.due, m.status])).toEqual([['2022', '完成草案', '草案 1 份', '2022-06-30', 'in_progress']]);
    // 聯絡人 is the contact's name (an unknown label before the contact existed).
    expect(w.json.contact?.name).toBe('王小明');
    expect(c.warnings.map((x) => x.code)).toEqual([]);
  });

  it('[IM10] a table of label cells without headings, twice: two commitments', () => {
    const table = (n: string, t: string) => `<table><tr><td>編號</td><td>${n}</td></tr><tr><td>承諾事項名稱</td><td>${t}</td></tr><tr><td>公共問題</td><td>問題${n}</td></tr></table>`;
    const found = recognise(htmlToBlocks(table('4-1', '甲') + table('4-2', '乙')));
    expect(found.commitments.map((c) => [c.number, c.title])).toEqual([['4-1', '甲'], ['4-2', '乙']]);
  });

  it('[IM17] a list of label lines, and a heading label followed by a list of agencies', async () => {
    const page = '## 4-3 資料治理\n\n- **權責機關**：法務部\n- **起訖日期**：2022/01/01 - 2023/12/31\n- 狀態：執行中\n\n### 協辦機關\n\n- 經濟部\n- 內政部\n\n### OGP 價值\n\n☑ 透明<br>☐ 公民參與<br>☑ 公共課責\n';
    const [c] = (await readCommitments(enc(page), 'markdown')).commitments;
    const w = asWritten(c!);
    expect([c!.number, w.fields.leadAgency?.id, w.json.startDate, w.json.endDate, w.json.status]).toEqual(['4-3', 'moj', '2022-01-01', '2023-12-31', 'in_progress']);
    expect(w.fields.coAgencies?.map((a) => a.id)).toEqual(['moea', 'moi']);
    expect(w.json.ogpValues).toEqual({ transparency: true, participation: false, accountability: true, innovation: false });
    expect(w.warnings).toEqual([]);
  });
});

describe('writing into an existing commitment', () => {
  it('[IM15] unplaced content follows the commitment\'s own other information, once, when the file has none', async () => {
    const orig = demoPlan().commitments[3]!;
    const found = await readCommitments(enc(`# ${orig.number} ${orig.title.zh}\n\n**公共問題**：新的問題描述。\n\n**聯絡窗口**：王小明\n`), 'markdown');
    const { fields } = toFields(found.commitments[0]!, DIRECTORY);
    const doc = commitmentDoc(orig);
    applyImported(doc, fields, 'zh');
    const once = renderCommitment(doc);
    applyImported(doc, fields, 'zh');
    const twice = renderCommitment(doc);
    doc.destroy();
    expect(once.sections.problem.zh).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '新的問題描述。' }] }] });
    expect(once.sections.other.zh.content.slice(0, orig.sections.other.zh.content.length)).toEqual(orig.sections.other.zh.content);
    expect(JSON.stringify(once.sections.other.zh.content.slice(orig.sections.other.zh.content.length))).toContain('【匯入時未能辨識：聯絡窗口】');
    expect(twice.sections.other.zh).toEqual(once.sections.other.zh);
    // What the file does not have stays as it was.
    expect(once.sections.content.zh).toEqual(orig.sections.content.zh);
    expect(once.milestones).toEqual(orig.milestones);
  });
});

describe('a DOCX written by a real office suite', () => {
  it('[IM16] LibreOffice\'s DOCX of an agency\'s table (fixtures/make-office-fixture.sh): merged cells, label variants, typed bullets', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('./fixtures/office-table.docx', import.meta.url)));
    const found = await readCommitments(bytes, 'docx');
    expect(found.commitments).toHaveLength(1);
    const c = found.commitments[0]!;
    expect([c.number, c.title, c.lang]).toEqual(['5-2', '深化環境資訊公開', 'zh']);
    const w = asWritten(c);
    // 主辦機關 / 協力機關 / 民間團體 / 執行期程 / 欲解決之公共問題: variants of our labels.
    expect(w.fields.leadAgency?.id).toBe('epa');
    expect(w.fields.coAgencies?.map((a) => a.id)).toEqual(['moea', 'moi']);
    expect(w.json.partners.zh).toBe('地球公民基金會');
    expect([w.json.startDate, w.json.endDate]).toEqual(['2021-01-01', '2024-05-31']);
    // The label row spanning four columns over its value row; Word's typed bullets as a list.
    expect(w.json.sections.problem.zh).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: '環境監測資料' }, { type: 'text', text: '分散', marks: [{ type: 'bold' }] }, { type: 'text', text: '於各機關，民眾不易取得。' }] },
        { type: 'bulletList', content: ['監測站資料格式不一', '缺乏即時查詢介面'].map((t) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] })) },
      ],
    });
    // The label cell spanning two rows: both rows are the commitment's content, the link kept.
    const content = JSON.stringify(w.json.sections.content.zh);
    expect(content).toContain('"text":"定期","marks":[{"type":"italic"}]');
    expect(content).toContain('"href":"https://data.moenv.gov.tw/"');
    expect(richToPlain(w.json.sections.relevance.zh)).toBe('透明、科技與創新');
    expect(w.json.milestones.map((m) => [m.period, m.text.zh, m.indicator.zh, m.due])).toEqual([
      ['2021', '盤點監測資料', '完成盤點 1 份', '2021-12-31'],
      ['2022-2023', '平台上線', '上線資料集 50 個', '2023-12-31'],
    ]);
    // 經費 is no field of ours: kept under a marker, warned about; the caption above the table belongs to no commitment.
    expect(JSON.stringify(w.json.sections.other.zh)).toContain('【匯入時未能辨識：經費】');
    expect(JSON.stringify(w.json.sections.other.zh)).toContain('每年新臺幣 500 萬元');
    expect(c.warnings.map((x) => x.code)).toEqual(['unplaced']);
    expect(found.warnings.map((x) => x.code)).toEqual(['before_first']);
  });
});
