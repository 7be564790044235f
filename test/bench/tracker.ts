/**
 * Fan-out latency bookkeeping of one generator thread (every replica of its documents is in
 * that thread), so performance.now() is one clock. Each
 * edit is one character, i.e. one Yjs clock tick of its author, so (clientID, clock) names
 * the edit; a replica that integrates clocks [before, after) of a client has received those
 * edits. Two figures: per delivery (edit → integrated by one other replica) and per edit
 * (edit → integrated by every other replica of its document, "fan-out").
 */
import { Samples } from './stats.js';

export class Tracker {
  /** Edits sent in [from, to) are measured; deliveries received in it are counted. */
  from = Infinity;
  to = Infinity;
  private readonly byClient = new Map<number, number[]>();
  private sendTime = new Float64Array(4096);
  private remaining = new Int32Array(4096);
  private count = 0;
  /** Edits not yet integrated by every other replica. */
  outstanding = 0;
  /** Edits sent inside the window. */
  editsInWindow = 0;
  /** Deliveries (edit × receiving replica) received inside the window. */
  deliveriesInWindow = 0;
  readonly delivery = new Samples();
  readonly fanout = new Samples();
  /** Integrations of clocks nobody sent (should stay 0). */
  unknown = 0;

  sent(client: number, clock: number, at: number, receivers: number): void {
    if (this.count === this.sendTime.length) this.grow();
    const idx = this.count++;
    this.sendTime[idx] = at;
    this.remaining[idx] = receivers;
    let clocks = this.byClient.get(client);
    if (!clocks) this.byClient.set(client, (clocks = []));
    clocks[clock] = idx;
    if (receivers > 0) this.outstanding++;
    if (at >= this.from && at < this.to) this.editsInWindow++;
  }

  received(client: number, before: number, after: number, now: number): void {
    const clocks = this.byClient.get(client);
    if (!clocks) return; // content nobody typed here (the commitment skeleton)
    const inWindow = now >= this.from && now < this.to;
    for (let clock = before; clock < after; clock++) {
      const idx = clocks[clock];
      if (idx === undefined) {
        this.unknown++;
        continue;
      }
      const sentAt = this.sendTime[idx]!;
      const measured = sentAt >= this.from && sentAt < this.to;
      if (inWindow) this.deliveriesInWindow++;
      if (measured) this.delivery.push(now - sentAt);
      if (--this.remaining[idx]! === 0) {
        this.outstanding--;
        if (measured) this.fanout.push(now - sentAt);
      }
    }
  }

  /** Starts a fresh measurement window (samples of earlier windows are dropped). */
  window(from: number, to: number): void {
    this.from = from;
    this.to = to;
    this.editsInWindow = 0;
    this.deliveriesInWindow = 0;
    this.delivery.length = 0;
    this.fanout.length = 0;
  }

  private grow(): void {
    const t = new Float64Array(this.sendTime.length * 2);
    t.set(this.sendTime);
    this.sendTime = t;
    const r = new Int32Array(this.remaining.length * 2);
    r.set(this.remaining);
    this.remaining = r;
  }
}
