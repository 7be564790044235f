/**
 * A load session: N light clients spread over D documents of one target, typing at a given
 * rate (open loop: each client has its own schedule with a random phase), with warm-up,
 * a measurement window, a drain, and a final check that every replica and a fresh client
 * hold identical content. Shared by the load and rate-sweep scenarios.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LightClient, closeAll, connectAll, rng, sameContent } from './client.js';
import { RssWatch, machineBusySec, selfCpuSec, settledSample, type ProcSample, type Target } from './servers.js';
import { round, type Summary } from './stats.js';
import { Tracker } from './tracker.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Measurement {
  rate: number;
  clients: number;
  docs: number;
  measureSec: number;
  editsPerSec: number;
  deliveriesPerSec: number;
  /** Edit → integrated by every other replica of its document. */
  fanoutMs: Summary;
  /** Edit → integrated by one other replica. */
  deliveryMs: Summary;
  serverCpuPct: number;
  serverCpuUsPerDelivery: number | null;
  serverRssMiB: number;
  serverPeakRssMiB: number;
  generatorCpuPct: number;
  generatorLoopDelayP99Ms: number;
  /** PostgreSQL and Redis (a cluster target), % of one core; null for a target without them. */
  servicesCpuPct: number | null;
  /** CPU used by everything else on the machine during the window (% of one core): other load skews latency. */
  otherCpuPct: number;
  /** Edits still missing somewhere after the drain (should be 0). */
  undelivered: number;
  /** Scheduled edits skipped because the generator fell > 1 s behind. */
  skippedEdits: number;
  notices: number;
}

export interface Verification {
  converged: boolean;
  docsChecked: number;
  mismatches: string[];
}

export class LoadSession {
  readonly tracker = new Tracker();
  readonly clients: LightClient[] = [];
  readonly groups: LightClient[][] = [];
  names: string[] = [];
  baseline!: ProcSample;
  connected!: ProcSample;
  connectSec = 0;
  private readonly rand = rng(0x9e3779b9);

  constructor(
    readonly target: Target,
    readonly clientCount: number,
    readonly docCount: number,
  ) {}

  /** Creates the documents, waits for the server to go idle, then connects every client. */
  async open(settleMs = 1500): Promise<void> {
    const { target } = this;
    this.names = await target.prepareDocs(this.docCount);
    // Gongbi loads a document to create it; start from nothing loaded, like the reference.
    for (let i = 0; i < 40 && ((await target.loadedDocuments()) ?? 0) > 0; i++) await sleep(250);
    this.baseline = await settledSample(target, settleMs);
    for (let d = 0; d < this.docCount; d++) this.groups.push([]);
    for (let i = 0; i < this.clientCount; i++) {
      const d = i % this.docCount;
      // Clients i ≡ d (mod D) share document d: each edit must reach the others.
      const receivers = Math.floor((this.clientCount - 1 - d) / this.docCount);
      const c = new LightClient(target.docUrl(this.names[d]!, Math.floor(i / this.docCount)), { template: target.clientTemplate, tracker: this.tracker, receivers });
      this.clients.push(c);
      this.groups[d]!.push(c);
    }
    const t0 = performance.now();
    await connectAll(this.clients);
    this.connectSec = (performance.now() - t0) / 1000;
    this.connected = await settledSample(target, settleMs);
  }

  /** Types at `rate` edits/s per client for warm-up + measurement, then drains. */
  /**
   * Types at `rate` edits/s per client: `warmupMs` unmeasured (its first half at `burstRate`,
   * so the server's hot path is compiled before the measurement rather than during it), then
   * `measureMs` measured.
   */
  async measure(rate: number, warmupMs: number, measureMs: number, burstRate = rate): Promise<Measurement> {
    const { tracker, clients, target } = this;
    const period = 1000 / rate;
    const start = performance.now();
    const burstUntil = start + warmupMs / 2;
    const burstPeriod = 1000 / burstRate;
    const next = clients.map(() => start + this.rand() * period);
    const measureFrom = start + warmupMs;
    const stopAt = measureFrom + measureMs;
    tracker.window(measureFrom, stopAt);
    let skipped = 0;
    const loop = monitorEventLoopDelay({ resolution: 5 });
    const rss = new RssWatch(() => target.sample());
    let s0: ProcSample | null = null;
    let g0 = 0;
    let m0 = 0;
    let s1: ProcSample | null = null;
    let v0 = 0;
    let v1 = 0;
    let g1 = 0;
    let m1 = 0;

    await new Promise<void>((done) => {
      let spread = burstRate === rate;
      const tick = () => {
        const now = performance.now();
        if (!spread && now >= burstUntil) {
          // After the burst every client's next edit falls within one burst period: spread
          // them over a whole period again, or they would type in step.
          spread = true;
          for (let i = 0; i < clients.length; i++) next[i] = burstUntil + this.rand() * period;
        }
        if (!s0 && now >= measureFrom) {
          s0 = target.sample();
          v0 = target.servicesCpuSec?.() ?? 0;
          g0 = selfCpuSec();
          m0 = machineBusySec();
          loop.enable();
        }
        if (now >= stopAt) {
          s1 = target.sample();
          v1 = target.servicesCpuSec?.() ?? 0;
          g1 = selfCpuSec();
          m1 = machineBusySec();
          loop.disable();
          clearInterval(timer);
          done();
          return;
        }
        for (let i = 0; i < clients.length; i++) {
          if (next[i]! > now) continue;
          if (now - next[i]! > 1000) {
            // The generator is > 1 s behind: drop the backlog rather than burst it.
            const behind = Math.floor((now - next[i]!) / period);
            skipped += behind;
            next[i]! += behind * period;
          }
          clients[i]!.edit(this.rand);
          next[i]! += now < burstUntil ? burstPeriod : period;
        }
      };
      const timer = setInterval(tick, 2);
    });

    // Drain: every edit integrated everywhere (or give up after 30 s).
    for (let i = 0; i < 300 && tracker.outstanding > 0; i++) await sleep(100);
    const peak = rss.stop();
    const a = s0 as unknown as ProcSample;
    const b = s1 as unknown as ProcSample;
    const wall = (b.at - a.at) / 1000;
    const serverCpu = b.cpuSec - a.cpuSec;
    const deliveries = tracker.deliveriesInWindow;
    return {
      rate,
      clients: this.clientCount,
      docs: this.docCount,
      measureSec: round(wall, 2)!,
      editsPerSec: tracker.editsInWindow / wall,
      deliveriesPerSec: deliveries / wall,
      fanoutMs: tracker.fanout.summary(),
      deliveryMs: tracker.delivery.summary(),
      serverCpuPct: (serverCpu / wall) * 100,
      serverCpuUsPerDelivery: deliveries ? (serverCpu * 1e6) / deliveries : null,
      serverRssMiB: b.rssKiB / 1024,
      serverPeakRssMiB: peak / 1024,
      generatorCpuPct: ((g1 - g0) / wall) * 100,
      generatorLoopDelayP99Ms: loop.percentile(99) / 1e6,
      servicesCpuPct: target.servicesCpuSec ? ((v1 - v0) / wall) * 100 : null,
      // Clamped: the readings are not atomic, so an idle machine can come out at −1 %.
      otherCpuPct: Math.max(0, ((m1 - m0 - serverCpu - (v1 - v0) - (g1 - g0)) / wall) * 100),
      undelivered: tracker.outstanding,
      skippedEdits: skipped,
      notices: clients.reduce((n, c) => n + c.notices.length, 0),
    };
  }

  /** Every replica of every document equal, and equal to a fresh client's copy. */
  async verify(): Promise<Verification> {
    const mismatches: string[] = [];
    const closed = this.clients.filter((c) => c.closeCode !== null).length;
    if (closed) mismatches.push(`${closed} clients were disconnected (${this.clients.find((c) => c.closeCode !== null)?.closeReason})`);
    // On the next process in turn (a cluster): it sees what came through the others.
    const fresh: LightClient[] = this.names.map((n, d) => new LightClient(this.target.docUrl(n, this.groups[d]!.length)));
    await connectAll(fresh);
    for (let d = 0; d < this.groups.length; d++) {
      const group = this.groups[d]!;
      const first = group[0]!;
      for (const c of group) if (c !== first && !sameContent(c.doc, first.doc)) mismatches.push(`${this.names[d]}: replicas differ`);
      if (!sameContent(fresh[d]!.doc, first.doc)) mismatches.push(`${this.names[d]}: fresh client differs from the replicas`);
    }
    await closeAll(fresh);
    return { converged: mismatches.length === 0, docsChecked: this.names.length, mismatches: mismatches.slice(0, 10) };
  }

  /** Server RSS growth per connected client (its share of documents included), KiB. */
  get rssPerClientKiB(): number {
    return (this.connected.rssKiB - this.baseline.rssKiB) / this.clientCount;
  }

  async close(): Promise<void> {
    await closeAll(this.clients);
  }
}
