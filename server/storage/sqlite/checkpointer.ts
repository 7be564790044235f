/**
 * Checkpoints a SQLite WAL from a thread of its own. A checkpoint copies the log's pages into
 * the database file and fsyncs it; run by the committing connection (SQLite's automatic
 * checkpoint) it holds the event loop for tens of milliseconds at a time under load, and every
 * socket read and relay of the process waits behind it. A passive checkpoint on another
 * connection runs beside the commits without blocking them (WAL mode) and leaves the log to be
 * rewound by the next write. The committing connection keeps its automatic checkpoint as a
 * safety net, reached only if this thread falls far behind.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Plain JavaScript, evaluated by the worker: no TypeScript loader is needed in the thread. */
const THREAD = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage(String(err && err.message || err));
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export class SqliteCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  constructor(file: string, everyMs: number, onError: (message: string) => void) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(THREAD, { eval: true, workerData: { file, driver, everyMs } });
    this.worker.on('message', (m: string) => onError(m));
    this.worker.on('error', (err) => onError(String(err.message ?? err)));
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    // Never what keeps the process alive.
    this.worker.unref();
  }

  /** Stops checkpointing and closes the thread's connection. */
  async close(): Promise<void> {
    this.worker.postMessage('close');
    const timeout = setTimeout(() => void this.worker.terminate(), 2000);
    await this.exited;
    clearTimeout(timeout);
  }
}
