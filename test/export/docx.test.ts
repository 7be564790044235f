/** DOCX export of the demo plan: content, page-number fields, fonts, determinism, English and outdated-translation markers. */
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../server/export/docx.js';
import { FIELD_LABELS, OGP_VALUE_LABELS } from '../../shared/schema/index.js';
import { HOSTILE_TITLE, VERSION, demoInput, hostileInput, unzip, xmlEscape, xmlWellFormed } from './fixtures.js';

const TABLE_LABELS = ['number', 'title', 'leadAgency', 'coAgencies', 'partners', 'period', 'status', 'ogpValues', 'problem', 'content', 'relevance', 'other', 'milestones', 'text', 'indicator', 'due', 'evidence'];

/** Text of the document as Word shows it (runs joined per paragraph), for searching text that docx may split into runs. */
const wordText = (xml: string) => xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');


describe('renderDocx', () => {
  it('holds every commitment table of the demo plan, with page numbers and the version in the footer', async () => {
    const input = demoInput('zh');
    const started = performance.now();
    const bytes = await renderDocx(input);
    console.log(`DOCX export of the demo plan (19 commitments, zh): ${(performance.now() - started).toFixed(0)} ms, ${bytes.length} bytes`);
    const files = unzip(bytes);
    const doc = files['word/document.xml']!;
    const text = wordText(doc);
    for (const c of input.commitments) {
      expect(text).toContain(c.title.zh);
      expect(text).toContain(c.leadAgency.zh);
      for (const m of c.milestones) expect(text).toContain(m.indicator.zh);
    }
    for (const key of TABLE_LABELS) expect(text).toContain(FIELD_LABELS[key]!.zh);
    for (const v of Object.values(OGP_VALUE_LABELS)) expect(text).toContain(v.zh);
    expect(text).toMatch(/☑ 透明/);
    // Title page: plan, issuing agency, meeting, its date in the 民國 calendar, content hash.
    for (const s of [input.plan.title.zh, '發布機關：國家發展委員會', VERSION.label, '會議日期：中華民國110年4月30日', VERSION.hash]) expect(text).toContain(s);
    // Headings: domains are Heading1, commitments Heading2; the TOC is a field over both levels.
    expect(doc).toMatch(/<w:pStyle w:val="Heading1"\/>.*?推動資料開放與資訊公開/);
    expect(doc).toMatch(/<w:pStyle w:val="Heading2"\/>.*?1-1 完備政府資料開放與再利用制度/);
    expect(doc).toContain('TOC \\h \\o &quot;1-2&quot;');
    const footers = Object.entries(files).filter(([n]) => /^word\/footer\d+\.xml$/.test(n)).map(([, x]) => x).join('');
    expect(footers).toContain(xmlEscape(VERSION.label));
    expect(footers).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
    expect(footers).toMatch(/<w:instrText[^>]*>NUMPAGES<\/w:instrText>/);
    // Traditional Chinese needs its East Asian font named, in the document defaults.
    expect(files['word/styles.xml']).toMatch(/<w:docDefaults>.*w:eastAsia="Noto Sans CJK TC"/s);
    expect(files['word/fontTable.xml']).toContain('<w:altName w:val="微軟正黑體"/>');
    expect(files['docProps/core.xml']).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2021-04-30T00:00:00Z</dcterms:created>');
    expect(files['docProps/core.xml']).toContain('<dc:creator>Gongbi 共筆</dc:creator>');
    for (const [name, xml] of Object.entries(files)) if (/\.(xml|rels)$/.test(name)) expect(xmlWellFormed(xml), name).toBe(true);
  });

  it('gives byte-identical output for the same input, even after other exports in the same process', async () => {
    const a = await renderDocx(demoInput('zh'));
    await renderDocx(demoInput('both'));
    const b = await renderDocx(demoInput('zh'));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it("writes English titles and labels in 'en' mode", async () => {
    const input = demoInput('en');
    const text = wordText(unzip(await renderDocx(input))['word/document.xml']!);
    for (const c of input.commitments) expect(text).toContain(c.title.en);
    for (const key of TABLE_LABELS) expect(text).toContain(FIELD_LABELS[key]!.en);
    expect(text).not.toContain(FIELD_LABELS.leadAgency!.zh);
    expect(text).not.toContain('(translation outdated)');
  });

  it("marks English written against older Chinese as outdated in 'both' mode", async () => {
    const input = demoInput('both', (cs) => {
      cs[2]!.title.zh += '（修訂）';
      cs[2]!.milestones[1]!.indicator.zh = '新的衡量指標';
    });
    const text = wordText(unzip(await renderDocx(input))['word/document.xml']!);
    expect(text.match(/（英譯待更新）\(translation outdated\)/g)).toHaveLength(2);
    expect(text).toContain(`${FIELD_LABELS.title!.zh} / ${FIELD_LABELS.title!.en}`);
    expect(text).toContain(input.commitments[2]!.title.en);
    const untouched = wordText(unzip(await renderDocx(demoInput('both')))['word/document.xml']!);
    expect(untouched).not.toContain('（英譯待更新）');
  });

  it('keeps hostile text as text and the package well-formed; links become text with their URL', async () => {
    const files = unzip(await renderDocx(hostileInput('zh')));
    const doc = files['word/document.xml']!;
    expect(xmlWellFormed(doc)).toBe(true);
    const text = wordText(doc);
    expect(text).toContain(HOSTILE_TITLE);
    expect(text).toContain('safe link (https://example.org/a?q=%22%3E%3Cimg%20src=x%20onerror=alert(6)%3E)');
    expect(text).toContain('mail (mailto:ogp@example.org)');
    expect(text).not.toMatch(/javascript:alert\(1\)\)/i);
    expect(doc).not.toContain('<w:hyperlink r:id');
    expect(files['word/_rels/document.xml.rels']).not.toMatch(/TargetMode="External"/);
  });

  it('exports one commitment when the scope is one commitment', async () => {
    const all = demoInput('zh');
    const one = { ...all, commitments: [all.commitments[4]!], scope: { kind: 'commitment' as const, commitmentId: all.commitments[4]!.id } };
    const text = wordText(unzip(await renderDocx(one))['word/document.xml']!);
    expect(text).toContain(all.commitments[4]!.title.zh);
    expect(text).not.toContain(all.commitments[3]!.title.zh);
  });
});
