/**
 * SQLite's `PRAGMA quick_check` (the integrity check without the index-content pass: linear
 * in the file's size, seconds for a large store). At start-up it runs on the store's own
 * connection; while serving, on a read-only connection in a thread of its own, so the event
 * loop never waits for it.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** At most this many problems are reported (a damaged file can list thousands). */
const MAX_PROBLEMS = 5;

const summary = (rows: unknown[]): string => {
  const lines = rows.map((r) => String(r));
  return lines.length === 1 && lines[0] === 'ok' ? 'ok' : lines.slice(0, MAX_PROBLEMS).join('; ');
};

/** 'ok', or the first problems found. Throws when the file cannot even be read as a database. */
export function quickCheck(db: Database.Database): string {
  return summary((db.pragma('quick_check', { simple: false }) as object[]).map((r) => Object.values(r)[0]));
}

const THREAD = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
let result;
try {
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    result = { rows: db.pragma('quick_check(' + workerData.max + ')', { simple: false }).map((r) => Object.values(r)[0]) };
  } finally {
    db.close();
  }
} catch (err) {
  result = { error: String((err && err.message) || err) };
}
parentPort.postMessage(result);
`;

/** Runs quick_check on `file` in a thread: 'ok', the problems found, or why it could not run. */
export function quickCheckInThread(file: string): Promise<string> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve) => {
    const worker = new Worker(THREAD, { eval: true, workerData: { file, driver, max: MAX_PROBLEMS } });
    worker.unref();
    worker.once('message', (m: { rows?: unknown[]; error?: string }) => resolve(m.rows ? summary(m.rows) : `the check could not run: ${m.error}`));
    worker.once('error', (err) => resolve(`the check could not run: ${err.message}`));
  });
}
