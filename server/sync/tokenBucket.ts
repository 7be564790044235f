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
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
