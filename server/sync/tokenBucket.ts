/**
 * A token bucket: `burst` tokens, refilled at `perSecond`; each message takes one. Used per
 * socket so one client cannot flood a room (a typing person sends tens of messages a second,
 * a reconnect a burst of a few).
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /**
   * Takes a token; false when none is left (the caller refuses the message).
   * @example const bucket = new TokenBucket(300, 1000); if (!bucket.take()) socket.close(4429, 'too many messages');
   */
  take(n = 1): boolean {
    this.refill();
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  /**
   * Takes `n` tokens for work already done (it may go below zero); false once the bucket is
   * overdrawn. Used for measured costs, known only afterwards.
   */
  spend(n: number): boolean {
    this.refill();
    this.tokens -= n;
    return this.tokens >= 0;
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
  }
}
