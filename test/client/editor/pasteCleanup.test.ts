/** Pasted Word and Google Docs HTML keeps its structure and loses its junk. */
import { describe, expect, it } from 'vitest';
import { cleanPastedHtml } from '../../../client/editor/pasteCleanup.js';
import { normaliseUrl } from '../../../client/editor/LinkForm.js';
import { looksLikeMarkdown, markdownToPasteHtml } from '../../../client/editor/pasteMarkdown.js';

describe('cleanPastedHtml', () => {
  it('unwraps Google Docs\' docs-internal-guid wrapper and keeps styled bold/italic as tags', () => {
    const html =
      '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1234-abcd">' +
      '<h3 dir="ltr" style="line-height:1.38"><span style="font-size:13pt;font-weight:700">問題</span></h3>' +
      '<p dir="ltr" style="margin-top:0pt"><span style="font-weight:400">一般</span><span style="font-style:italic">斜體</span></p>' +
      '<ul style="margin"><li dir="ltr" style="list-style-type:disc"><p dir="ltr"><span>項目</span></p></li></ul></b>';
    const out = cleanPastedHtml(html);
    expect(out).not.toContain('docs-internal-guid');
    expect(out).not.toMatch(/style=|dir=|<meta/);
    expect(out).toContain('<h3><span><strong>問題</strong></span></h3>');
    expect(out).toContain('<span><em>斜體</em></span>');
    expect(out).toMatch(/<ul><li><p><span>項目<\/span><\/p><\/li><\/ul>/);
    expect(out.startsWith('<b')).toBe(false);
  });

  it('drops Word\'s classes, styles, <o:p>, conditional comments and <style>', () => {
    const html =
      '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style></head><body>' +
      '<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->' +
      '<p class="MsoNormal" style="margin:0cm"><b>重點</b>說明<o:p></o:p></p>' +
      '<p class="MsoNormal"><a href="https://data.gov.tw" class="x" target="_blank">平臺</a><o:p>&nbsp;</o:p></p></body></html>';
    const out = cleanPastedHtml(html);
    expect(out).toBe('<p><b>重點</b>說明</p><p><a href="https://data.gov.tw">平臺</a></p>');
  });

  it('turns Word\'s fake list paragraphs into real nested lists', () => {
    const item = (level: number, marker: string, text: string) =>
      `<p class="MsoListParagraph" style="text-indent:-18pt;mso-list:l0 level${level} lfo1"><![if !supportLists]><span style="mso-list:Ignore">${marker}<span>&nbsp;&nbsp;</span></span><![endif]>${text}</p>`;
    const html = `<p class="MsoNormal">前言</p>${item(1, '1.', '第一')}${item(1, '2.', '第二')}${item(2, '·', '細項')}<p>結語</p>`;
    const out = cleanPastedHtml(html);
    expect(out).toBe('<p>前言</p><ol><li><p>第一</p></li><li><p>第二</p><ul><li><p>細項</p></li></ul></li></ol><p>結語</p>');
  });
});

describe('cleanPastedHtml: tables and typed markers (ED1, ED2)', () => {
  it('ED1 a table becomes one paragraph per row, cells apart, a cell\'s paragraphs on their own lines, nested tables too', () => {
    const html =
      '<table class="MsoTableGrid"><tr><td><p class="MsoNormal">預算<o:p></o:p></p></td><td><p>111</p></td></tr>' +
      '<tr><td>人力</td><td><p>500</p><p>（另計）</p></td></tr><tr><td> </td><td></td></tr>' +
      '<tr><td><table><tr><td>a</td><td>b</td></tr></table></td><td>c</td></tr></table>';
    expect(cleanPastedHtml(html)).toBe('<p>預算 ｜ 111</p><p>人力 ｜ 500<br>（另計）</p><p>a ｜ b ｜ c</p>');
  });

  it('ED2 Word list markers go even when the marker span is line-wrapped or missing; typed bullets in real items go', () => {
    const wrapped = '<p style="mso-list:l0 level1 lfo1"><span style="font-family:Symbol"><span style="mso-list:\nIgnore">·<span>&nbsp;&nbsp;</span></span></span>甲</p>';
    const bare = '<p style="mso-list:l0 level1 lfo1"><span style="font-family:Wingdings">§</span><span>&nbsp;&nbsp; </span>乙</p>';
    const numbered = '<p style="mso-list:l1 level1 lfo2">1.&nbsp;&nbsp;丙</p>';
    expect(cleanPastedHtml(wrapped + bare + '<p>x</p>' + numbered)).toBe('<ul><li><p><span></span>甲</p></li><li><p><span></span><span></span>乙</p></li></ul><p>x</p><ol><li><p>丙</p></li></ol>');
    expect(cleanPastedHtml('<ul><li>• 一</li><li>3.5 億</li></ul>')).toBe('<ul><li>一</li><li>3.5 億</li></ul>');
  });

  it('ED2 headings 1–2 become 3, 5–6 become 4 (the section\'s levels)', () => {
    expect(cleanPastedHtml('<h1>大</h1><h2>中</h2><h5>小</h5>')).toBe('<h3>大</h3><h3>中</h3><h4>小</h4>');
  });

  it('ED4 Markdown text is recognised by its marks, prose is not; raw HTML stays text', () => {
    expect(looksLikeMarkdown('## 標題\n\n內容')).toBe(true);
    expect(looksLikeMarkdown('- 一\n- 二')).toBe(true);
    expect(looksLikeMarkdown('這是**重點**')).toBe(true);
    expect(looksLikeMarkdown('一般的一段文字。\n第二行。')).toBe(false);
    expect(cleanPastedHtml(markdownToPasteHtml('# 大\n\n- 一\n- <script>x</script>'))).toBe('<h3>大</h3>\n<ul>\n<li>一</li>\n<li>&lt;script&gt;x&lt;/script&gt;</li>\n</ul>\n');
  });
});

describe('normaliseUrl', () => {
  it('adds https to bare addresses and refuses script schemes', () => {
    expect(normaliseUrl('data.gov.tw')).toBe('https://data.gov.tw');
    expect(normaliseUrl(' https://ogp.gov.tw ')).toBe('https://ogp.gov.tw');
    expect(normaliseUrl('mailto:a@b.tw')).toBe('mailto:a@b.tw');
    expect(normaliseUrl('javascript:alert(1)')).toBeNull();
    expect(normaliseUrl('')).toBeNull();
  });
});
