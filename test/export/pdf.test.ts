/** PDF export through Chromium: the demo plan prints, and a page can't reach the network (checked against a local HTTP server). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderHtml } from '../../server/export/html.js';
import { FORMATS } from '../../server/export/index.js';
import { PdfUnavailableError, pdfAvailable, renderPdf } from '../../server/export/pdf.js';
import { VERSION, demoInput } from './fixtures.js';

const chromium = pdfAvailable();
if (!chromium) console.log('NOTICE: /usr/bin/chromium is missing; PDF rendering tests are skipped (apt-get install chromium fonts-noto-cjk).');

describe('renderPdf', () => {
  it('reports a missing Chromium as a 501 error the route can return', async () => {
    const err = await renderPdf('<p>x</p>', { versionLabel: 'x', executablePath: '/nonexistent/chromium' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PdfUnavailableError);
    expect((err as PdfUnavailableError).status).toBe(501);
    expect((err as Error).message).toMatch(/not available.*Chromium was not found/);
  });

  // Chromium on a loaded CI machine can take tens of seconds to start and print.
  describe.skipIf(!chromium)('with Chromium', { timeout: 120_000 }, () => {
    let server: Server;
    let requests: string[] = [];
    let connections = 0;
    let origin = '';
    beforeAll(async () => {
      server = createServer((req, res) => {
        requests.push(req.url ?? '');
        res.end('probe');
      });
      server.on('connection', () => connections++);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('prints the demo plan as an A4 PDF', async () => {
      const started = performance.now();
      const pdf = await FORMATS.pdf.render(demoInput('zh'));
      console.log(`PDF export of the demo plan (zh): ${(performance.now() - started).toFixed(0)} ms, ${pdf.length} bytes`);
      expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(10_000);
    });

    it('loads nothing over the network, whatever the HTML asks for', async () => {
      requests = [];
      connections = 0;
      const u = origin;
      const html = `<!doctype html><html><head>
        <link rel="stylesheet" href="${u}/css"><link rel="preconnect" href="${u}"><link rel="dns-prefetch" href="${u}">
        <link rel="prefetch" href="${u}/prefetch"><link rel="preload" as="image" href="${u}/preload"><link rel="icon" href="${u}/icon">
        <style>@import url(${u}/import); @font-face { font-family: P; src: url(${u}/font); } body { background: url(${u}/bg); font-family: P; }</style>
        </head><body><p>probe</p><img src="${u}/img"><img srcset="${u}/srcset 2x"><iframe src="${u}/iframe"></iframe>
        <video poster="${u}/poster" src="${u}/video"></video><object data="${u}/object"></object><embed src="${u}/embed">
        <script src="${u}/script"></script><script>fetch('${u}/fetch')</script>
        <img src="http://localhost:${new URL(u).port}/localhost"></body></html>`;
      const pdf = await renderPdf(html, { versionLabel: VERSION.label });
      expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(requests).toEqual([]);
      expect(connections).toBe(0);
      // Control: the same page in an unguarded Chromium does reach the server, so the probe is real.
      const { chromium: browserType } = await import('playwright-core');
      const browser = await browserType.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
      try {
        const page = await browser.newPage();
        await page.setContent(html, { waitUntil: 'load' }).catch(() => {});
      } finally {
        await browser.close();
      }
      expect(requests.length).toBeGreaterThan(0);
    });

    it.skipIf(!existsSync('/usr/bin/pdftotext'))('draws English punctuation with a Latin face: ’ is not the full-width CJK glyph', async () => {
      const input = demoInput('en', (cs) => {
        cs[0]!.title.en = 'Answering the public’s requests “on time”';
      });
      const pdf = await renderPdf(renderHtml({ ...input, scope: { kind: 'commitment', commitmentId: input.commitments[0]!.id }, commitments: [input.commitments[0]!] }, { pageFooter: false }), { versionLabel: 'Draft', lang: 'en' });
      const dir = mkdtempSync(join(tmpdir(), 'gongbi-pdf-'));
      try {
        writeFileSync(join(dir, 'en.pdf'), pdf);
        const text = execFileSync('pdftotext', [join(dir, 'en.pdf'), '-'], { encoding: 'utf8' });
        // A full-width glyph leaves a gap pdftotext reads as a space: 「public’ s」.
        expect(text).toContain('the public’s requests “on time”');
        const fonts = execFileSync('pdffonts', [join(dir, 'en.pdf')], { encoding: 'utf8' });
        expect(fonts).toMatch(/Noto ?Sans(?! ?CJK)|Liberation|Arial/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it.skipIf(!existsSync('/usr/bin/pdftohtml'))('is tagged and has a bookmark for every domain and commitment', async () => {
      const input = demoInput('en');
      const pdf = await FORMATS.pdf.render(input);
      const dir = mkdtempSync(join(tmpdir(), 'gongbi-pdf-'));
      try {
        writeFileSync(join(dir, 'en.pdf'), pdf);
        expect(execFileSync('pdfinfo', [join(dir, 'en.pdf')], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
        const xml = execFileSync('pdftohtml', ['-stdout', '-xml', '-i', join(dir, 'en.pdf')], { encoding: 'utf8' });
        const items = [...xml.matchAll(/<item page="\d+">([^<]*)<\/item>/g)].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&apos;/g, "'"));
        // Chromium joins a heading's wrapped lines without their space, so compare without spaces.
        const bare = (s: string) => s.replace(/\s+/g, '');
        const marks = items.map(bare);
        for (const c of input.commitments) expect(marks, c.id).toContain(bare(`${c.number} ${c.title.en}`));
        for (const d of input.plan.domains) expect(marks, d.id).toContain(bare(d.name.en));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it.skipIf(!existsSync('/usr/bin/pdftotext'))('numbers the table of contents with the pages the commitments are printed on', async () => {
      const input = demoInput('zh');
      const pdf = await FORMATS.pdf.render(input);
      const dir = mkdtempSync(join(tmpdir(), 'gongbi-pdf-'));
      try {
        const file = join(dir, 'zh.pdf');
        writeFileSync(file, pdf);
        const pageText = (n: number) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', file, '-'], { encoding: 'utf8' });
        const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
        const toc = pageText(2);
        expect(toc).toContain('目錄');
        for (const c of input.commitments) {
          const line = toc.split('\n').find((l) => l.trim().startsWith(`${c.number} `));
          expect(line, `${c.number} in the contents`).toBeDefined();
          const page = Number(/(\d+)\s*$/.exec(line!)?.[1]);
          expect(page, `${c.number}: ${line}`).toBeGreaterThan(2);
          expect(page).toBeLessThanOrEqual(pages);
          // The commitment's heading is on that page, and not yet on the page before.
          const heading = new RegExp(`^\\s*${c.number.replace(/[.-]/g, '\\$&')}\\s+\\S`, 'm');
          expect(pageText(page), `${c.number} on page ${page}`).toMatch(heading);
          if (page > 3) expect(pageText(page - 1), `${c.number} not before page ${page}`).not.toMatch(heading);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('prints with a footer label that contains markup', async () => {
      const pdf = await renderPdf(renderHtml(demoInput('en'), { pageFooter: false }), { versionLabel: '<img src=x onerror=alert(1)>', lang: 'en' });
      expect(pdf.length).toBeGreaterThan(10_000);
    });
  });
});
