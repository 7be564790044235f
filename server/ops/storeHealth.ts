/**
 * What `/api/health` knows about the store beyond "it answers": whether recent writes failed
 * (a full disk or a broken file still answers reads) and what the last periodic integrity
 * check found. Writes are reported by the sync layer (through its observer) and by the API's
 * error handler.
 */
import type { Logger } from '../log.js';
import type { DocStore } from '../storage/types.js';

/** A failed write keeps health degraded this long unless a write succeeds after it. */
export const WRITE_FAILURE_MEMORY_MS = 60_000;

export interface StoreHealthReport {
  writes: { ok: boolean; lastFailureAt: string | null };
  integrity: { ok: boolean; checkedAt: string | null; problem?: string };
}

export class StoreHealth {
  private lastFailureAt: number | null = null;
  private integrity: StoreHealthReport['integrity'] = { ok: true, checkedAt: null };
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;

  constructor(
    private readonly store: DocStore,
    private readonly options: { integrityCheckMs: number; logger: Logger; now?: () => number },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  writeFailed(): void {
    this.lastFailureAt = this.now();
  }

  writeSucceeded(): void {
    this.lastFailureAt = null;
  }

  /** Checks integrity every `integrityCheckMs` (the start-up check is the caller's). */
  start(): void {
    if (this.timer || !this.store.integrityCheck) return;
    this.timer = setInterval(() => void this.checkNow(), this.options.integrityCheckMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.checking;
  }

  /** Runs one integrity check now (one at a time). */
  checkNow(): Promise<void> {
    if (!this.store.integrityCheck) return Promise.resolve();
    this.checking ??= this.store
      .integrityCheck()
      .then((result) => {
        const checkedAt = new Date(this.now()).toISOString();
        if (result === 'ok') this.integrity = { ok: true, checkedAt };
        else {
          if (this.integrity.ok) this.options.logger.error('store integrity check failed; restore the latest backup (README: Backup and restore)', { problem: result });
          this.integrity = { ok: false, checkedAt, problem: result };
        }
      })
      .finally(() => (this.checking = null));
    return this.checking;
  }

  report(): StoreHealthReport {
    const failedRecently = this.lastFailureAt !== null && this.now() - this.lastFailureAt < WRITE_FAILURE_MEMORY_MS;
    return {
      writes: { ok: !failedRecently, lastFailureAt: failedRecently ? new Date(this.lastFailureAt!).toISOString() : null },
      integrity: this.integrity,
    };
  }
}
