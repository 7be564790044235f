/**
 * Limits on guessing passwords, in memory (a restart forgets them; in a cluster each process
 * counts on its own). An attempt is reserved before the password hash is computed, so many
 * guesses sent at once are counted as they arrive, not after they were all evaluated.
 *
 * The main limit is per account and address pair, and it slows rather than locks: after the
 * free failures each attempt waits twice as long as the one before, up to a ceiling. So the
 * owner is never shut out by someone else's guesses, and from their own address can always
 * sign in once their own wait has passed. Guessing at scale meets two window limits: failures
 * per address over all accounts, and per account over all addresses; an address that signed
 * in to an account before is exempt from both for that account (a colleague's guesses at the
 * same office, or a distributed attack on the account, do not stop its owner).
 */

export interface SignInLimitOptions {
  /** Failures a pair may make before attempts wait. */
  freeFailures: number;
  /** The first wait, ms; doubled with each further failure. */
  baseDelayMs: number;
  /** The longest wait between two attempts of one pair, ms. */
  maxDelayMs: number;
  /** Failures per address (all accounts) and per account (all addresses) in one window. */
  perAddress: number;
  perAccount: number;
  windowMs: number;
  /** How long an address that signed in to an account stays exempt from the window limits, ms. */
  knownForMs: number;
}

interface PairState { failures: number; lastAt: number }
interface Window { count: number; resetAt: number }

/** The outcome of an attempt, told exactly once. */
export interface SignInAttempt {
  succeeded(): void;
  failed(): void;
  /** No answer was reached (the store failed): counted neither way. */
  abandoned(): void;
}

/** Entries kept per map before expired ones are swept, so memory stays bounded. */
const SWEEP_AT = 10_000;
/** Past this, the oldest entries go too (a flood of distinct addresses). */
const HARD_CAP = 100_000;

export class SignInLimiter {
  private readonly pairs = new Map<string, PairState>();
  private readonly windows = new Map<string, Window>();
  private readonly known = new Map<string, number>();

  constructor(
    private readonly o: SignInLimitOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** The wait the pair's n-th failure imposes on the next attempt. */
  private delayAfter(failures: number): number {
    if (failures < this.o.freeFailures) return 0;
    const doublings = Math.min(failures - this.o.freeFailures, 40);
    return Math.min(this.o.baseDelayMs * 2 ** doublings, this.o.maxDelayMs);
  }

  /**
   * Reserves an attempt, counted as a failure until told otherwise; or, when the caller must
   * wait, how many seconds.
   */
  reserve(account: string, address: string): { attempt: SignInAttempt } | { retryAfterSeconds: number } {
    const t = this.now();
    const pairKey = `${account}\u0000${address}`;
    const pair = this.pairs.get(pairKey);
    let waitMs = pair ? pair.lastAt + this.delayAfter(pair.failures) - t : 0;
    const knownAt = this.known.get(pairKey);
    const exempt = knownAt !== undefined && knownAt + this.o.knownForMs > t;
    const addressKey = `a\u0000${address}`;
    const accountKey = `u\u0000${account}`;
    if (!exempt) {
      for (const [key, limit] of [[addressKey, this.o.perAddress], [accountKey, this.o.perAccount]] as const) {
        const w = this.windows.get(key);
        if (w && w.resetAt > t && w.count >= limit) waitMs = Math.max(waitMs, w.resetAt - t);
      }
    }
    if (waitMs > 0) return { retryAfterSeconds: Math.ceil(waitMs / 1000) };

    const state = pair ?? { failures: 0, lastAt: t };
    state.failures += 1;
    state.lastAt = t;
    this.put(this.pairs, pairKey, state);
    const counted: Window[] = [];
    if (!exempt) {
      for (const key of [addressKey, accountKey]) {
        let w = this.windows.get(key);
        if (!w || w.resetAt <= t) {
          w = { count: 0, resetAt: t + this.o.windowMs };
          this.put(this.windows, key, w);
        }
        w.count += 1;
        counted.push(w);
      }
    }
    let told = false;
    const giveBack = () => {
      for (const w of counted) w.count = Math.max(0, w.count - 1);
    };
    return {
      attempt: {
        succeeded: () => {
          if (told) return;
          told = true;
          // Not a failure after all: the pair starts over and the windows give the count back.
          this.pairs.delete(pairKey);
          giveBack();
          this.known.delete(pairKey);
          this.put(this.known, pairKey, this.now());
        },
        abandoned: () => {
          if (told) return;
          told = true;
          state.failures = Math.max(0, state.failures - 1);
          giveBack();
        },
        failed: () => {
          if (told) return;
          told = true;
          // The wait runs from when the answer was known.
          state.lastAt = Math.max(state.lastAt, this.now());
        },
      },
    };
  }

  private put<V>(map: Map<string, V>, key: string, value: V): void {
    map.set(key, value);
    if (map.size <= SWEEP_AT) return;
    const t = this.now();
    for (const [k, v] of this.pairs) if (v.lastAt + this.o.maxDelayMs + this.o.windowMs <= t) this.pairs.delete(k);
    for (const [k, v] of this.windows) if (v.resetAt <= t) this.windows.delete(k);
    for (const [k, v] of this.known) if (v + this.o.knownForMs <= t) this.known.delete(k);
    // Maps iterate in insertion order: what remains past the cap is dropped oldest first.
    for (const m of [this.pairs, this.windows, this.known] as Map<string, unknown>[]) {
      for (const k of m.keys()) {
        if (m.size <= HARD_CAP) break;
        m.delete(k);
      }
    }
  }
}
