/**
 * What `/api/health` knows about the store beyond "it answers": whether recent writes failed
 * (a full disk or a broken file still answers reads) and what the last periodic integrity
 * check found. The store's log writes are watched directly (`watchWrites`): the sync layer's
 * own failure report also counts a lost pub/sub connection, which is no failed write. The
 * API's error handler reports store errors of requests that change something.
 */
import type { Logger } from '../log.js';
import type { DocStore } from '../storage/index.js';

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

  /**
   * Wraps the store's log writes (appendMany, appendUpdates, and the deferred fsync where there
   * is one) so that each outcome is known; a write that answers at once (SQLite) still answers
   * at once.
   */
  watchWrites(store: Pick<DocStore, 'appendMany' | 'appendUpdates' | 'syncLog'>): void {
    const watch = <A extends unknown[], R>(write: (...args: A) => R): ((...args: A) => R) => (...args: A) => {
      let result: R;
      try {
        result = write(...args);
      } catch (err) {
        this.writeFailed();
        throw err;
      }
      if (result instanceof Promise) {
        return result.then(
          (value: unknown) => {
            this.writeSucceeded();
            return value;
          },
          (err: unknown) => {
            this.writeFailed();
            throw err;
          },
        ) as R;
      }
      this.writeSucceeded();
      return result;
    };
    store.appendMany = watch(store.appendMany.bind(store));
    store.appendUpdates = watch(store.appendUpdates.bind(store));
    if (store.syncLog) (store as { syncLog?: () => Promise<void> }).syncLog = watch(store.syncLog.bind(store));
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

  /** The store's kind, for the health answer. */
  get kind(): DocStore['kind'] {
    return this.store.kind;
  }

  /** One cheap round trip to the store: false (or a rejection) when it does not answer. */
  ping(): Promise<boolean> {
    return this.store.ping();
  }

  /** The store's identity, so offline clients notice a store that was reset or replaced. */
  storeId(): Promise<string> {
    return this.store.storeId();
  }

  report(): StoreHealthReport {
    const failedRecently = this.lastFailureAt !== null && this.now() - this.lastFailureAt < WRITE_FAILURE_MEMORY_MS;
    return {
      writes: { ok: !failedRecently, lastFailureAt: failedRecently ? new Date(this.lastFailureAt!).toISOString() : null },
      integrity: this.integrity,
    };
  }
}
