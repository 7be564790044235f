/**
 * Marks a data folder as in use by a running server (`gongbi.lock`: process id, host and
 * start time), so that `npm run restore` refuses to replace a database under a live server
 * and a second server does not open the same folder. A process that died without removing
 * the file (SIGKILL, power loss) is recognised: its process id no longer runs on this host.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'gongbi.lock';

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running server that holds `dataDir`, or null when none does (no file, or a dead holder's). */
export function storeHolder(dataDir: string): LockHolder | null {
  let holder: LockHolder;
  try {
    holder = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as LockHolder;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Unreadable or half-written: someone is there, or was; say so rather than guess.
    return { pid: 0, host: '?', startedAt: '?' };
  }
  if (!Number.isInteger(holder.pid) || holder.pid <= 0) return { pid: 0, host: '?', startedAt: '?' };
  // On another host (a shared folder) we cannot check: it counts as running.
  if (holder.host !== hostname()) return holder;
  return alive(holder.pid) && holder.pid !== process.pid ? holder : null;
}

/** "process 1234 on host-a, started …": the holder in words. */
export const describeHolder = (h: LockHolder) => (h.pid ? `process ${h.pid} on ${h.host}, started ${h.startedAt}` : `unknown process (${LOCK_FILE} is unreadable)`);

/**
 * Claims `dataDir` for this process; throws (one sentence) when a running server holds it.
 * Returns the release, which removes the file if it is still ours.
 */
export function holdStore(dataDir: string): () => void {
  const holder = storeHolder(dataDir);
  if (holder) throw new Error(`Another Gongbi server (${describeHolder(holder)}) is using the data folder ${dataDir}. Stop it first, or give this one its own GONGBI_DATA_DIR.`);
  const file = join(dataDir, LOCK_FILE);
  const mine: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  writeFileSync(file, JSON.stringify(mine) + '\n');
  return () => {
    try {
      const now = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
      if (now.pid === mine.pid && now.host === mine.host) rmSync(file, { force: true });
    } catch {
      /* already gone */
    }
  };
}
