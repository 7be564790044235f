/**
 * DOCX with the contents' page numbers written in, made on a worker thread of its own
 * (docxPagedWorker.ts): one at a time, started on first use and stopped when idle, so an idle
 * server holds none of it. Used for what is made once and kept (a snapshot's DOCX, and the
 * DOCX LibreOffice turns into ODT or PDF/A); a live draft's DOCX is written without them, in
 * a fraction of the time, and Word fills them in. If the worker can't run, the document is
 * written without numbers rather than not at all.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.js';
import { renderDocx } from './docx.js';
import type { PagedReply, PagedRequest } from './docxPagedWorker.js';
import type { ExportInput } from './types.js';

/** The worker stops after this long without work. */
const IDLE_MS = 30_000;
/** A layout that takes longer is given up (the worker is stopped) and the document written without numbers. */
const TIMEOUT_MS = 60_000;

interface Job {
  resolve(bytes: Uint8Array): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * The worker's module. Compiled (`npm start`) it is the .js beside this one; from the sources
 * (tests, `npm run dev`) a worker doesn't inherit the TypeScript loader, so a small module
 * registers tsx in it first and then imports the worker.
 */
function workerUrl(): URL {
  const worker = new URL(`./docxPagedWorker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);
  if (worker.pathname.endsWith('.js')) return worker;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${JSON.stringify(worker.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}

/** Layouts allowed to wait behind the running one; more are refused with 503 (each costs seconds of CPU). */
const MAX_WAITING = 8;

export class PagedDocxWriter {
  private worker: Worker | null = null;
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;
  private idle: NodeJS.Timeout | undefined;

  constructor(private readonly maxWaiting = MAX_WAITING) {}

  /** The DOCX with page numbers, or without them when the worker failed; 503 when too many wait. */
  async render(input: ExportInput): Promise<Uint8Array> {
    // Every distinct snapshot, scope and language is a layout of its own: a person asking for
    // many at once must not queue minutes of work (nor fall back to the event loop for each).
    if (this.jobs.size > this.maxWaiting) {
      throw new AppError(503, 'docx_busy', `The server is laying out the pages of ${this.jobs.size} other documents. Try again in a minute.`);
    }
    try {
      return await this.run(input);
    } catch {
      return renderDocx(input);
    }
  }

  /** Stops the worker (at shutdown). */
  async close(): Promise<void> {
    clearTimeout(this.idle);
    const w = this.worker;
    this.worker = null;
    for (const job of this.jobs.values()) job.reject(new Error('closed'));
    this.jobs.clear();
    await w?.terminate();
  }

  private run(input: ExportInput): Promise<Uint8Array> {
    clearTimeout(this.idle);
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.jobs.delete(id);
        reject(new Error('page layout timed out'));
        void this.stop(worker);
      }, TIMEOUT_MS);
      this.jobs.set(id, { resolve, reject, timer });
      worker.postMessage({ id, input } satisfies PagedRequest);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerUrl());
    worker.unref();
    worker.on('message', (reply: PagedReply) => {
      const job = this.jobs.get(reply.id);
      if (!job) return;
      this.jobs.delete(reply.id);
      clearTimeout(job.timer);
      if ('bytes' in reply) job.resolve(new Uint8Array(reply.bytes));
      else job.reject(new Error(reply.error));
      if (this.jobs.size === 0) this.idle = setTimeout(() => void this.stop(worker), IDLE_MS).unref();
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const [id, job] of this.jobs) {
        clearTimeout(job.timer);
        job.reject(err);
        this.jobs.delete(id);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the page-layout worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private async stop(worker: Worker): Promise<void> {
    if (this.worker === worker) this.worker = null;
    await worker.terminate();
  }
}
