/**
 * One durable write for every document with something to write: the rooms' batches of this
 * moment go to the store together (DocStore.appendMany), one transaction for all. With
 * SQLite (synchronous=FULL) a commit costs an fsync, with PostgreSQL a few round trips: forty
 * documents each writing its own batch meant forty of those; together it is one, and every
 * relay waits for one.
 *
 * Commits follow each other no sooner than `minIntervalMs` (writes meanwhile join the next),
 * and with an asynchronous store one is in flight at a time: under load batches grow instead
 * of commits queueing up. A room's batches are written in order because each is sealed only
 * after the previous one was written.
 */
import { isUnavailable } from '../errors.js';
import type { DocStore } from '../storage/index.js';
import type { Room } from './room.js';
import type { Batch } from './durability.js';

type Sealed = Array<{ room: Room; batch: Batch }>;

export class GroupCommit {
  private scheduled: Room[] = [];
  private lastCommitAt = -Infinity;
  private writing = false;
  /** Written, waiting for the next fsync. */
  private unsynced: Sealed = [];
  private syncing = false;

  constructor(
    private readonly store: Pick<DocStore, 'appendMany' | 'appendUpdates' | 'syncLog'>,
    private readonly minIntervalMs = 0,
  ) {}

  schedule(room: Room): void {
    if (this.scheduled.push(room) === 1 && !this.writing) this.arm();
  }

  private arm(): void {
    const wait = this.lastCommitAt + this.minIntervalMs - performance.now();
    if (wait > 0) setTimeout(this.flush, wait);
    else setImmediate(this.flush);
  }

  private readonly flush = (): void => {
    this.lastCommitAt = performance.now();
    const rooms = this.scheduled;
    this.scheduled = [];
    const sealed: Sealed = [];
    for (const room of rooms) {
      const batch = room.sealBatch();
      if (batch) sealed.push({ room, batch });
    }
    if (sealed.length === 0) return this.next();
    let result: number[] | Promise<number[]>;
    try {
      result = this.store.appendMany(sealed.map(({ room, batch }) => ({ name: room.name, updates: batch.updates })));
    } catch {
      void this.oneByOne(sealed).finally(() => this.next());
      return;
    }
    if (Array.isArray(result)) {
      this.written(sealed, result);
      return this.next();
    }
    this.writing = true;
    result
      .then(
        (seqs) => this.written(sealed, seqs),
        (err: unknown) => {
          // The database itself is away or silent: every document would fail alike, each
          // after a full timeout. All are told at once instead of one after another.
          if (isUnavailable(err)) for (const { room } of sealed) room.fail(err);
          else return this.oneByOne(sealed);
        },
      )
      .finally(() => {
        this.writing = false;
        this.next();
      });
  };

  private written(sealed: Sealed, seqs: number[]): void {
    sealed.forEach(({ room, batch }, i) => room.written(batch, seqs[i]!));
    this.settle(sealed);
  }

  private settle(sealed: Sealed): void {
    if (!this.store.syncLog) {
      for (const { room, batch } of sealed) room.settled(batch);
      return;
    }
    this.unsynced.push(...sealed);
    if (!this.syncing) this.sync();
  }

  private sync(): void {
    const group = this.unsynced;
    this.unsynced = [];
    this.syncing = true;
    this.store.syncLog!()
      .then(
        () => {
          for (const { room, batch } of group) room.settled(batch);
        },
        // Not safe from power loss and no way to know what is: nothing may be acknowledged.
        (err: unknown) => {
          for (const { room } of group) room.fail(err, 'storage fsync failed');
        },
      )
      .finally(() => {
        this.syncing = false;
        if (this.unsynced.length > 0) this.sync();
      });
  }

  /** Nothing of the failed transaction was written: one by one, so only a failing document closes. */
  private async oneByOne(sealed: Sealed): Promise<void> {
    for (const { room, batch } of sealed) {
      let seq: number;
      try {
        seq = await this.store.appendUpdates(room.name, batch.updates);
      } catch (err) {
        room.fail(err);
        continue;
      }
      room.written(batch, seq);
      this.settle([{ room, batch }]);
    }
  }

  private next(): void {
    if (this.scheduled.length > 0 && !this.writing) this.arm();
  }
}
