/** HTML export: layout of the demo plan, and hostile document text that must stay text (no script, handlers, unsafe links or external resources). */
import { describe, expect, it } from 'vitest';
import { cssString, renderHtml } from '../../server/export/html.js';
import { FIELD_LABELS } from '../../shared/schema/index.js';
import { HOSTILE_MILESTONE, HOSTILE_TITLE, VERSION, demoInput, hostileInput, parseHtml } from './fixtures.js';

const parse = parseHtml;

const SAFE_USER_LINK = /^(https?:|mailto:)/;

function assertInert(html: string) {
  // Booleans, not toMatch: a failure would print the whole document.
  const found = (re: RegExp) => re.exec(html)?.[0] ?? null;
  expect(found(/<script/i)).toBeNull();
  expect(found(/<img/i)).toBeNull();
  expect(found(/<(iframe|object|embed|link|base|form|svg|math)\b/i)).toBeNull();
  expect(found(/href\s*=\s*["']?\s*(javascript|data|file|vbscript):/i)).toBeNull();
  expect(found(/@import|url\(/i)).toBeNull();
  // `onerror=` and `src=` may only appear escaped, as text: never inside a tag.
  expect(found(/<[^>]*\son[a-z]+\s*=/i)).toBeNull();
  expect(found(/<[^>]*\ssrc\s*=/i)).toBeNull();
  const doc = parse(html);
  for (const el of doc.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) expect(attr.startsWith('on'), `${el.tagName} ${attr}`).toBe(false);
    expect(['SCRIPT', 'IMG', 'IFRAME', 'OBJECT', 'EMBED', 'LINK', 'BASE', 'FORM']).not.toContain(el.tagName);
  }
  expect(doc.querySelectorAll('style')).toHaveLength(1);
  for (const a of doc.querySelectorAll('[href]')) {
    const href = a.getAttribute('href')!;
    expect(a.tagName).toBe('A');
    if (!href.startsWith('#')) expect(href, href).toMatch(SAFE_USER_LINK);
    else expect(doc.getElementById(href.slice(1)), href).not.toBeNull();
  }
  return doc;
}

describe('renderHtml', () => {
  it('lays out the demo plan as title page, TOC, domain and commitment headings and tables', () => {
    const input = demoInput('zh');
    const html = renderHtml(input);
    const doc = assertInert(html);
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]');
    expect(csp?.getAttribute('content')).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(doc.documentElement.getAttribute('lang')).toBe('zh-Hant-TW');
    expect(doc.querySelector('.title-page')!.textContent).toContain(VERSION.hash);
    expect(doc.querySelector('.title-page')!.textContent).toContain(VERSION.label);
    expect(doc.querySelectorAll('section.domain > h2')).toHaveLength(5);
    expect(doc.querySelectorAll('article.commitment')).toHaveLength(19);
    expect(doc.querySelectorAll('nav.toc a')).toHaveLength(5 + 19);
    for (const c of input.commitments) {
      const article = [...doc.querySelectorAll('article.commitment')].find((a) => a.querySelector('h3')!.textContent === `${c.number} ${c.title.zh}`);
      expect(article, c.id).toBeDefined();
      const rows = article!.querySelectorAll('table.commitment-table th');
      expect([...rows].map((th) => th.textContent)).toEqual(['number', 'title', 'leadAgency', 'coAgencies', 'partners', 'period', 'status', 'ogpValues', 'problem', 'content', 'relevance', 'other'].map((k) => FIELD_LABELS[k]!.zh));
      const milestoneRows = article!.querySelectorAll('table.milestones tbody tr');
      expect(milestoneRows).toHaveLength(c.milestones.length);
      expect(milestoneRows[0]!.querySelectorAll('td')[2]!.textContent).toBe(c.milestones[0]!.indicator.zh);
    }
    // Page counters in the footer, for Chromium's @page margin boxes.
    expect(html).toMatch(/@page \{ size: A4;[^}]*@bottom-center \{ content: .*counter\(page\).*counter\(pages\)/);
    expect(renderHtml(input, { pageFooter: false })).not.toContain('@bottom-center { content: "');
  });

  it('escapes hostile text in titles, sections, milestones and links, keeping only http, https and mailto links', () => {
    const html = renderHtml(hostileInput('both'));
    const doc = assertInert(html);
    const article = doc.querySelector('article.commitment')!;
    expect(article.querySelector('h3')!.textContent).toBe(`1-1<x> ${HOSTILE_TITLE}`);
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(article.querySelector('table.milestones tbody td:nth-child(2)')!.textContent).toContain(HOSTILE_MILESTONE);
    const links = [...article.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toContainEqual(['safe link', 'https://example.org/a?q=%22%3E%3Cimg%20src=x%20onerror=alert(6)%3E']);
    expect(links).toContainEqual(['mail', 'mailto:ogp@example.org']);
    expect(links).toContainEqual(['https://example.org/evidence?a=1&b=<2>', 'https://example.org/evidence?a=1&b=%3C2%3E']);
    for (const name of ['js link', 'mixed-case js', 'tab js', 'data', 'file', 'vb']) {
      expect(links.map(([t]) => t)).not.toContain(name);
      expect(article.textContent).toContain(name);
    }
    expect(article.textContent).toContain('javascript:alert(9)');
    expect(article.textContent).toContain('<script>alert("p")</script>');
    expect(article.textContent).toContain('inside unknown node');
    // A bad heading level or list start can't reach the markup.
    expect(article.querySelector('h4 + ol, ol')?.getAttribute('start') ?? '1').toMatch(/^\d+$/);
    expect(article.textContent).not.toContain('\u0000');
    expect([...doc.querySelectorAll('[lang]')].map((e) => e.getAttribute('lang'))).toEqual(expect.arrayContaining(['zh-Hant-TW', 'en']));
  });

  it('keeps a hostile version label inside its CSS string and its text nodes', () => {
    const label = '"; } body { display: none } </style><script>alert(1)</script>\\';
    const input = { ...demoInput('en'), version: { ...VERSION, label } };
    const html = renderHtml(input);
    assertInert(html);
    expect(parse(html).querySelector('.title-page')!.textContent).toContain(label);
    expect(cssString(label)).toMatch(/^"[^"<>\\]*(\\[0-9a-f]+ [^"<>\\]*)*"$/);
  });

  it("puts English beside the Chinese in 'both' mode, marked when outdated", () => {
    const input = demoInput('both', (cs) => {
      cs[0]!.sections.problem.zh.content.push({ type: 'paragraph', content: [{ type: 'text', text: '新增段落' }] });
    });
    const doc = parse(renderHtml(input));
    const problem = [...doc.querySelectorAll('article.commitment')][0]!.querySelectorAll('table.commitment-table tr')[8]!;
    // Side by side: the two halves share one grid.
    const parts = problem.querySelectorAll('td > .bi > .part');
    expect([...parts].map((p) => p.getAttribute('lang'))).toEqual(['zh-Hant-TW', 'en']);
    expect(parts[1]!.querySelector('.note')!.textContent).toBe('（英譯待更新）(translation outdated)');
    expect(doc.querySelectorAll('.note')).toHaveLength(1);
  });
});
