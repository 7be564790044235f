/**
 * Backup and restore of the embedded SQLite store. The backup uses SQLite's online backup
 * API, so it is a consistent copy even while the server keeps writing; a restore checks the
 * copy's integrity before it replaces anything.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { describeHolder, storeHolder } from './storeLock.js';
import { dirname, join } from 'node:path';

export const DB_FILE = 'gongbi.db';

/** Copies the live database at `dbFile` to `outFile` (which must not exist yet). */
export async function backupSqlite(dbFile: string, outFile: string): Promise<{ pages: number }> {
  if (!existsSync(dbFile)) throw new Error(`No database at ${dbFile}. Check GONGBI_DATA_DIR.`);
  if (existsSync(outFile)) throw new Error(`${outFile} already exists; choose a new file name so no backup is overwritten.`);
  mkdirSync(dirname(outFile), { recursive: true });
  const db = new Database(dbFile, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    const result = await db.backup(outFile);
    return { pages: result.totalPages };
  } finally {
    db.close();
  }
}

/** Throws unless `file` is a readable Gongbi database that passes SQLite's integrity check. */
export function checkBackup(file: string): { documents: number; users: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`${file} is damaged (integrity_check: ${String(check)}).`);
    const documents = db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
    const users = db.prepare('SELECT count(*) FROM users').pluck().get() as number;
    return { documents, users };
  } catch (err) {
    if (err instanceof Error && /no such table/.test(err.message)) throw new Error(`${file} is not a Gongbi database.`);
    throw err;
  } finally {
    db.close();
  }
}

/**
 * Puts `backupFile` in place as the store of `dataDir`. Refuses while a server holds the
 * folder (see storeLock.ts). The replaced database is kept beside it, with its write-ahead
 * log (gongbi.db.before-restore-<time> and …-wal): after a crash the last acknowledged
 * commits may be only in the log, and opening the kept copy replays them.
 */
export function restoreSqlite(backupFile: string, dataDir: string): { documents: number; users: number; keptPrevious: string | null } {
  const holder = storeHolder(dataDir);
  if (holder) throw new Error(`A Gongbi server (${describeHolder(holder)}) is using ${dataDir}. Stop it, then run the restore again; nothing was changed.`);
  const counts = checkBackup(backupFile);
  mkdirSync(dataDir, { recursive: true });
  const target = join(dataDir, DB_FILE);
  let keptPrevious: string | null = null;
  if (existsSync(target)) {
    keptPrevious = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    // The log goes with the database it belongs to, so the restored file does not replay it.
    if (existsSync(target + '-wal')) renameSync(target + '-wal', keptPrevious + '-wal');
    renameSync(target, keptPrevious);
  }
  // A stray log with no database, and the shared-memory index (rebuilt on open), must not
  // meet the restored file.
  for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
  const tmp = `${target}.restoring`;
  copyFileSync(backupFile, tmp);
  renameSync(tmp, target);
  return { ...counts, keptPrevious };
}
