/** PDF export: HTML printed by headless Chromium (playwright-core), with JavaScript off and every network request refused. */
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { AppError } from '../errors.js';
import { esc } from './html.js';
import type { ExportLang } from './types.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Belt and braces beside request routing: preconnects and DNS prefetches bypass the request interceptor.
  '--dns-prefetch-disable',
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
];

/** The server can't print PDFs (no Chromium, or no playwright-core): the route answers 501 with this message. */
export class PdfUnavailableError extends AppError {
  constructor(reason: string) {
    super(501, 'pdf_unavailable', `PDF export is not available on this server: ${reason}. Export DOCX or HTML instead (the HTML prints to PDF from any browser), or ask the administrator to install Chromium (apt-get install chromium fonts-noto-cjk).`);
  }
}

export interface PdfOptions {
  /** Printed in every page's footer with the page numbers. */
  versionLabel: string;
  /** Language of the footer's page-number wording. */
  lang?: ExportLang;
  executablePath?: string;
  /** Gives up (and closes Chromium) after this long. */
  timeoutMs?: number;
}

/** Whether Chromium is installed (playwright-core's presence is checked when rendering). */
export const pdfAvailable = (executablePath = CHROMIUM_PATH): boolean => existsSync(executablePath);

type Playwright = typeof import('playwright-core');

async function loadPlaywright(): Promise<Playwright> {
  try {
    // Dynamic, so the server starts (and answers 501) where playwright-core isn't installed.
    return await import('playwright-core');
  } catch {
    throw new PdfUnavailableError('the playwright-core package is not installed');
  }
}

function footerTemplate(label: string, lang: ExportLang): string {
  const page = '<span class="pageNumber"></span>';
  const total = '<span class="totalPages"></span>';
  const numbers = lang === 'zh' ? `第 ${page} 頁／共 ${total} 頁` : lang === 'en' ? `Page ${page} of ${total}` : `${page} / ${total}`;
  return `<div style="width:100%;font-size:8px;color:#555;text-align:center;font-family:${lang === 'en' ? "'Liberation Sans',Arial," : ''}'Noto Sans CJK TC',sans-serif;">${esc(label)}　·　${numbers}</div>`;
}

/** Starts a headless Chromium with the network closed (the printers share one, see pdfPrinter.ts). */
export async function launchChromium(executablePath: string, timeoutMs: number): Promise<Browser> {
  const { chromium } = await loadPlaywright();
  return chromium.launch({ executablePath, args: LAUNCH_ARGS, timeout: timeoutMs });
}

/**
 * Prints `html` in a context of its own on `browser` (JavaScript off, every request refused),
 * and closes that context: gives up after `timeoutMs`.
 */
export async function printPage(browser: Browser, html: string, opts: PdfOptions): Promise<Uint8Array> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let context: BrowserContext | undefined;
  try {
    const work = (async () => {
      context = await browser.newContext({ javaScriptEnabled: false, offline: true, serviceWorkers: 'block', acceptDownloads: false });
      context.setDefaultTimeout(timeoutMs);
      await context.route('**/*', (route) => route.abort('blockedbyclient'));
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        // A tagged PDF (accessible structure) with bookmarks from the headings: domains and commitments.
        tagged: true,
        outline: true,
        // An empty header, or Chromium prints its default one (the date and the title).
        headerTemplate: '<span></span>',
        footerTemplate: footerTemplate(opts.versionLabel, opts.lang ?? 'zh'),
        margin: { top: '20mm', bottom: '22mm', left: '18mm', right: '18mm' },
      });
      return new Uint8Array(pdf);
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AppError(504, 'pdf_timeout', `PDF rendering took longer than ${timeoutMs} ms and was stopped.`)), timeoutMs);
    });
    return await Promise.race([work, timeout]);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(500, 'pdf_failed', 'Chromium could not print this document to PDF.', { cause: err });
  } finally {
    clearTimeout(timer);
    await (context as BrowserContext | undefined)?.close().catch(() => {});
  }
}

/** Prints one PDF on a browser of its own, closed afterwards (scripts and tests; the server uses a PdfPrinter). */
export async function renderPdf(html: string, opts: PdfOptions): Promise<Uint8Array> {
  const executablePath = opts.executablePath ?? CHROMIUM_PATH;
  if (!pdfAvailable(executablePath)) throw new PdfUnavailableError(`Chromium was not found at ${executablePath}`);
  const browser = await launchChromium(executablePath, opts.timeoutMs ?? 60_000);
  try {
    return await printPage(browser, html, opts);
  } finally {
    await browser.close().catch(() => {});
  }
}
