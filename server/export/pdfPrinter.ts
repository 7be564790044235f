/**
 * One Chromium for every PDF export of this process, with a bound on the work it takes on:
 * a browser costs ~10 processes and over 1 GB, so a process launching one per request falls
 * over at a handful of parallel exports. At most `concurrency` pages print at once, at most
 * `queueLimit` requests wait (beyond that: 503, try again), and the browser is closed once
 * nothing has been printed for `idleMs`; it is launched again by the next export.
 */
import type { Browser } from 'playwright-core';
import { AppError } from '../errors.js';
import { CHROMIUM_PATH, PdfUnavailableError, launchChromium, pdfAvailable, printPage, type PdfOptions } from './pdf.js';

export interface PdfPrinterOptions {
  /** Pages printed at once (each a Chromium renderer). */
  concurrency: number;
  /** Requests that may wait for a free page; more are answered 503. */
  queueLimit: number;
  /** The browser is closed after this long with nothing to print (0: at once). */
  idleMs: number;
  executablePath?: string;
  /** Starts the browser (tests count launches through it). */
  launch?: (executablePath: string, timeoutMs: number) => Promise<Browser>;
}

/** The queue is full: the route answers 503 with this message. */
export class PdfBusyError extends AppError {
  constructor(printing: number, waiting: number) {
    super(503, 'pdf_busy', `The server is printing ${printing} PDF exports and ${waiting} more are waiting, which is as many as it takes at once. Try again in a minute, or export DOCX or HTML now.`);
  }
}

/** A PDF print that has not begun: the queue of one printer. */
interface Waiter {
  start: () => void;
  fail: (err: unknown) => void;
}

export class PdfPrinter {
  private browser: Promise<Browser> | null = null;
  private printing = 0;
  private readonly waiting: Waiter[] = [];
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Browsers launched so far (for metrics and tests). */
  launches = 0;

  constructor(private readonly options: PdfPrinterOptions) {}

  /** Prints `html`; waits for a free page, or throws PdfBusyError when too many wait already. */
  async print(html: string, opts: PdfOptions): Promise<Uint8Array> {
    if (this.closed) throw new AppError(503, 'pdf_busy', 'The server is shutting down; try the PDF export again in a minute.');
    const executablePath = opts.executablePath ?? this.options.executablePath ?? CHROMIUM_PATH;
    if (!pdfAvailable(executablePath)) throw new PdfUnavailableError(`Chromium was not found at ${executablePath}`);
    await this.slot();
    try {
      const browser = await this.shared(executablePath, opts.timeoutMs ?? 60_000).catch((err: unknown) => {
        throw err instanceof AppError ? err : new AppError(500, 'pdf_failed', 'Chromium could not be started to print this PDF.', { cause: err });
      });
      return await printPage(browser, html, opts);
    } finally {
      this.release();
    }
  }

  /** Closes the browser and refuses what is waiting (server shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.fail(new AppError(503, 'pdf_busy', 'The server is shutting down; try the PDF export again in a minute.'));
    await this.closeBrowser();
  }

  private slot(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.printing < this.options.concurrency) {
      this.printing++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.options.queueLimit) throw new PdfBusyError(this.printing, this.waiting.length);
    // The slot is handed over by release(): `printing` stays counted for the waiter.
    return new Promise<void>((start, fail) => this.waiting.push({ start, fail }));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) return next.start();
    this.printing--;
    if (this.printing === 0 && !this.closed) {
      this.idleTimer = setTimeout(() => void this.closeBrowser(), this.options.idleMs);
      this.idleTimer.unref();
    }
  }

  private shared(executablePath: string, timeoutMs: number): Promise<Browser> {
    if (!this.browser) {
      this.launches++;
      const launching = (this.options.launch ?? launchChromium)(executablePath, timeoutMs);
      this.browser = launching;
      launching.then(
        // A browser that crashed is replaced by the next print.
        (b) => b.on('disconnected', () => this.browser === launching && (this.browser = null)),
        () => this.browser === launching && (this.browser = null),
      );
    }
    return this.browser;
  }

  private async closeBrowser(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close().catch(() => {});
  }
}
