/** Pasted Word and Google Docs HTML keeps its structure and loses its junk. */
import { describe, expect, it } from 'vitest';
import { cleanPastedHtml } from '../../../client/editor/pasteCleanup.js';
import { normaliseUrl } from '../../../client/editor/LinkForm.js';

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

describe('normaliseUrl', () => {
  it('adds https to bare addresses and refuses script schemes', () => {
    expect(normaliseUrl('data.gov.tw')).toBe('https://data.gov.tw');
    expect(normaliseUrl(' https://ogp.gov.tw ')).toBe('https://ogp.gov.tw');
    expect(normaliseUrl('mailto:a@b.tw')).toBe('mailto:a@b.tw');
    expect(normaliseUrl('javascript:alert(1)')).toBeNull();
    expect(normaliseUrl('')).toBeNull();
  });
});
