/**
 * Deterministic randomness for property and fuzz tests: a failing case is reproduced by its
 * seed, which tests print in their names or assertion messages.
 */

export interface SeededRng {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** A random element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
}

/**
 * mulberry32: tiny, fast, and good enough to drive tests (not for anything secret).
 * @example const rng = seededRng(42); rng.int(6); rng.pick(['a', 'b']);
 */
export function seededRng(seed: number): SeededRng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    seed,
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty array');
      return items[Math.floor(next() * items.length)]!;
    },
  };
}
