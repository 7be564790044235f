/**
 * The clients one generator thread drives: whole documents (every replica of a document in
 * the same thread, so send and receive times of an edit are read off one clock), typing on
 * their own schedules, with their own latency tracker. A load session splits its documents
 * over several of these (typistWorker.ts), so at high rates the generator is not the
 * bottleneck: on 2 cores one thread integrates ≈ 18,000 deliveries/s and saturates there.
 *
 * Times crossing threads are epoch milliseconds (`epochNow`): each thread's performance.now()
 * has its own origin.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LightClient, closeAll, connectAll, rng, sameContent } from './client.js';
import { Tracker } from './tracker.js';

export const epochNow = () => performance.timeOrigin + performance.now();
const toLocal = (epoch: number) => epoch - performance.timeOrigin;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface TypistsInit {
  /** Documents of this thread: each replica's URL, and how many others receive its edits. */
  docs: Array<{ name: string; clients: Array<{ url: string; receivers: number }>; freshUrl: string }>;
  template: Uint8Array | null;
  seed: number;
}

export interface TypeRequest {
  /** Epoch ms: typing starts, the burst ends, the measured window starts and ends. */
  startAt: number;
  burstUntil: number;
  measureFrom: number;
  stopAt: number;
  rate: number;
  burstRate: number;
}

export interface TypeResult {
  fanout: Float64Array;
  delivery: Float64Array;
  editsInWindow: number;
  deliveriesInWindow: number;
  outstanding: number;
  skipped: number;
  notices: number;
  loopDelayP99Ms: number;
}

export class Typists {
  readonly tracker = new Tracker();
  readonly clients: LightClient[] = [];
  readonly groups: LightClient[][] = [];
  private readonly rand: () => number;

  constructor(private readonly init: TypistsInit) {
    this.rand = rng(init.seed);
    for (const doc of init.docs) {
      const group = doc.clients.map((c) => new LightClient(c.url, { template: init.template, tracker: this.tracker, receivers: c.receivers }));
      this.groups.push(group);
      this.clients.push(...group);
    }
  }

  connect(): Promise<void> {
    return connectAll(this.clients);
  }

  /**
   * Types at `rate` edits/s per client from `startAt` to `stopAt` (the first part, until
   * `burstUntil`, at `burstRate`), then drains: waits until every edit is everywhere (30 s at most).
   */
  async type(req: TypeRequest): Promise<TypeResult> {
    const { clients, tracker, rand } = this;
    const period = 1000 / req.rate;
    const burstPeriod = 1000 / req.burstRate;
    const start = toLocal(req.startAt);
    const burstUntil = toLocal(req.burstUntil);
    const measureFrom = toLocal(req.measureFrom);
    const stopAt = toLocal(req.stopAt);
    const next = clients.map(() => start + rand() * period);
    tracker.window(measureFrom, stopAt);
    let skipped = 0;
    const loop = monitorEventLoopDelay({ resolution: 5 });
    await sleep(Math.max(0, start - performance.now()));
    await new Promise<void>((done) => {
      let spread = req.burstRate === req.rate;
      let measuring = false;
      const tick = () => {
        const now = performance.now();
        if (!spread && now >= burstUntil) {
          // After the burst every client's next edit falls within one burst period: spread
          // them over a whole period again, or they would type in step.
          spread = true;
          for (let i = 0; i < clients.length; i++) next[i] = burstUntil + rand() * period;
        }
        if (!measuring && now >= measureFrom) {
          measuring = true;
          loop.enable();
        }
        if (now >= stopAt) {
          loop.disable();
          clearInterval(timer);
          done();
          return;
        }
        for (let i = 0; i < clients.length; i++) {
          if (next[i]! > now) continue;
          if (now - next[i]! > 1000) {
            // This thread is > 1 s behind: drop the backlog rather than burst it.
            const behind = Math.floor((now - next[i]!) / period);
            skipped += behind;
            next[i]! += behind * period;
          }
          clients[i]!.edit(rand);
          next[i]! += now < burstUntil ? burstPeriod : period;
        }
      };
      const timer = setInterval(tick, 2);
    });
    for (let i = 0; i < 300 && tracker.outstanding > 0; i++) await sleep(100);
    return {
      fanout: tracker.fanout.values().slice(),
      delivery: tracker.delivery.values().slice(),
      editsInWindow: tracker.editsInWindow,
      deliveriesInWindow: tracker.deliveriesInWindow,
      outstanding: tracker.outstanding,
      skipped,
      notices: clients.reduce((n, c) => n + c.notices.length, 0),
      loopDelayP99Ms: loop.percentile(99) / 1e6,
    };
  }

  /** Mismatches: replicas of a document that differ, from each other or from a fresh client's copy. */
  async verify(): Promise<string[]> {
    const mismatches: string[] = [];
    const closed = this.clients.filter((c) => c.closeCode !== null);
    if (closed.length) mismatches.push(`${closed.length} clients were disconnected (${closed[0]!.closeReason})`);
    const fresh = this.init.docs.map((d) => new LightClient(d.freshUrl));
    await connectAll(fresh);
    this.init.docs.forEach((d, i) => {
      const group = this.groups[i]!;
      const first = group[0]!;
      for (const c of group) if (c !== first && !sameContent(c.doc, first.doc)) mismatches.push(`${d.name}: replicas differ`);
      if (!sameContent(fresh[i]!.doc, first.doc)) mismatches.push(`${d.name}: fresh client differs from the replicas`);
    });
    await closeAll(fresh);
    return mismatches;
  }

  close(): Promise<void> {
    return closeAll(this.clients);
  }
}
