/**
 * Counts failed sign-in attempts in fixed windows (per address and per account), in memory:
 * a restart forgets them, and in a cluster each process counts on its own. Only failures
 * count, so a ministry behind one address is not locked out by its own successful sign-ins.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before `key` may try again (0 when it may try now). */
  retryAfter(key: string, limit: number): number {
    const entry = this.failures.get(key);
    const t = this.now();
    if (!entry || entry.resetAt <= t || entry.count < limit) return 0;
    return Math.ceil((entry.resetAt - t) / 1000);
  }

  fail(key: string): void {
    const t = this.now();
    let entry = this.failures.get(key);
    if (!entry || entry.resetAt <= t) {
      entry = { count: 0, resetAt: t + this.windowMs };
      this.failures.set(key, entry);
      if (this.failures.size > 10_000) this.sweep(t);
    }
    entry.count += 1;
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private sweep(t: number): void {
    for (const [k, v] of this.failures) if (v.resetAt <= t) this.failures.delete(k);
  }
}
