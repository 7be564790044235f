/**
 * Which seqs of a document's log a room's Y.Doc holds. With several processes, updates reach
 * a room out of order (its own appends and other processes' messages interleave) or not at
 * all (a process died between commit and publish): the room may compact only up to
 * `contiguous`, the highest seq below which nothing is missing.
 */
export class SeqRanges {
  /** Every seq ≤ this is held. */
  contiguous: number;
  /** Held ranges above `contiguous + 1`, sorted and disjoint: [from, to] inclusive. */
  private above: Array<[number, number]> = [];

  constructor(start: number) {
    this.contiguous = start;
  }

  /** The highest seq held. */
  get highest(): number {
    return this.above.length ? this.above[this.above.length - 1]![1] : this.contiguous;
  }

  /** True when some seq below `highest` is missing. */
  get hasGap(): boolean {
    return this.above.length > 0;
  }

  /** Records that seqs `from..to` are held. */
  add(from: number, to: number): void {
    if (to <= this.contiguous) return;
    const ranges = [...this.above, [Math.max(from, this.contiguous + 1), to] as [number, number]].sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const r of ranges) {
      const last = merged[merged.length - 1];
      if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    }
    while (merged.length && merged[0]![0] <= this.contiguous + 1) this.contiguous = Math.max(this.contiguous, merged.shift()![1]);
    this.above = merged;
  }

  /** Records that every seq ≤ `seq` is held (the room read the log up to there). */
  markUpTo(seq: number): void {
    this.add(1, seq);
  }
}
