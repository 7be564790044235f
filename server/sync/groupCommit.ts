/**
 * One durable write for every room with something to write in this turn of the event loop.
 * With SQLite (synchronous=FULL) each commit costs an fsync: forty documents each writing its
 * own batch meant forty fsyncs a turn; together it is one, and a relay waits for one.
 */
import type { UpdateToAppend } from '../storage/types.js';
import type { Batch, Room } from './room.js';

/** A store that appends several documents' updates in one transaction (SQLite). */
export interface GroupAppendStore {
  /** The last seq of each write, in order; all or nothing. */
  appendManySync(writes: Array<{ name: string; updates: UpdateToAppend[] }>): number[];
  appendSync(name: string, updates: UpdateToAppend[]): number;
}

export const canGroupCommit = (store: object): store is GroupAppendStore =>
  typeof (store as Partial<GroupAppendStore>).appendManySync === 'function' && typeof (store as Partial<GroupAppendStore>).appendSync === 'function';

export class GroupCommit {
  private scheduled: Room[] = [];
  private lastCommitAt = -Infinity;

  /** `minIntervalMs`: a commit follows the previous one no sooner (writes meanwhile join it). */
  constructor(
    private readonly store: GroupAppendStore,
    private readonly minIntervalMs = 0,
  ) {}

  schedule(room: Room): void {
    if (this.scheduled.push(room) > 1) return;
    const wait = this.lastCommitAt + this.minIntervalMs - performance.now();
    if (wait > 0) setTimeout(this.flush, wait);
    else setImmediate(this.flush);
  }

  private readonly flush = (): void => {
    this.lastCommitAt = performance.now();
    const rooms = this.scheduled;
    this.scheduled = [];
    const sealed: Array<{ room: Room; batch: Batch }> = [];
    for (const room of rooms) {
      const batch = room.sealBatch();
      if (batch) sealed.push({ room, batch });
    }
    if (sealed.length === 0) return;
    let seqs: number[];
    try {
      seqs = this.store.appendManySync(sealed.map(({ room, batch }) => ({ name: room.name, updates: batch.updates })));
    } catch {
      // Nothing of the transaction was written: one by one, so only a failing document closes.
      for (const { room, batch } of sealed) {
        let seq: number;
        try {
          seq = this.store.appendSync(room.name, batch.updates);
        } catch (err) {
          room.fail(err);
          continue;
        }
        room.written(batch, seq);
      }
      return;
    }
    sealed.forEach(({ room, batch }, i) => room.written(batch, seqs[i]!));
  };
}
