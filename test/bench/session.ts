/**
 * A load session: N light clients spread over D documents of one target, typing at a given
 * rate (open loop: each client has its own schedule with a random phase), with warm-up,
 * a measurement window, a drain, and a final check that every replica and a fresh client
 * hold identical content. Shared by the load and rate-sweep scenarios.
 *
 * The clients live in generator threads (typists.ts, whole documents per thread); this
 * thread only coordinates and samples the server and the machine at the window's edges.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { RssWatch, machineBusySec, selfCpuSec, settledSample, type ProcSample, type Target } from './servers.js';
import { round, summarize, type Summary } from './stats.js';
import { epochNow, type TypeRequest, type TypeResult, type TypistsInit } from './typists.js';
import type { TypistRequest } from './typistWorker.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

const concat = (parts: Float64Array[]): Float64Array => {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

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
  /** Threads the load generator typed and integrated in (its CPU % is of one core, all threads together). */
  generatorThreads: number;
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

/** A generator thread and its pending requests. */
class TypistThread {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private dead: Error | null = null;

  constructor(init: TypistsInit) {
    // The bench runs TypeScript through tsx, whose loader a worker does not inherit: register it first.
    const entry = new URL('./typistWorker.ts', import.meta.url).href;
    const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
    this.worker = new Worker(code, { eval: true, workerData: init });
    this.worker.on('message', (m: { id: number; value?: unknown; error?: string }) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error !== undefined) p?.reject(new Error(`generator thread: ${m.error}`));
      else p?.resolve(m.value);
    });
    this.worker.on('error', (err) => this.failAll(err));
    this.worker.on('exit', (code) => this.failAll(new Error(`generator thread exited (${code})`)));
  }

  private failAll(err: Error): void {
    this.dead ??= err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  call<T>(request: DistributiveOmit<TypistRequest, 'id'>): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/**
 * Generator threads: BENCH_THREADS, else 2 where there are 2 cores or more. Documents are
 * split between them, so each thread integrates only its own documents' deliveries.
 */
export const generatorThreads = () => Math.max(1, Number(process.env.BENCH_THREADS) || Math.min(2, availableParallelism()));

export class LoadSession {
  names: string[] = [];
  baseline!: ProcSample;
  connected!: ProcSample;
  connectSec = 0;
  private threads: TypistThread[] = [];

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
    const count = Math.min(generatorThreads(), this.docCount);
    const inits: TypistsInit[] = Array.from({ length: count }, (_, t) => ({ docs: [], template: target.clientTemplate ?? null, seed: 0x9e3779b9 + t }));
    for (let d = 0; d < this.docCount; d++) {
      // Clients i ≡ d (mod D) share document d: each edit must reach the others.
      const members = Math.floor((this.clientCount - 1 - d) / this.docCount) + 1;
      const clients = Array.from({ length: members }, (_, k) => ({ url: target.docUrl(this.names[d]!, k), receivers: members - 1 }));
      // On the next process in turn (a cluster): it sees what came through the others.
      inits[d % count]!.docs.push({ name: this.names[d]!, clients, freshUrl: target.docUrl(this.names[d]!, members) });
    }
    this.threads = inits.map((init) => new TypistThread(init));
    const t0 = performance.now();
    await Promise.all(this.threads.map((t) => t.call({ op: 'connect' })));
    this.connectSec = (performance.now() - t0) / 1000;
    this.connected = await settledSample(target, settleMs);
  }

  /**
   * Types at `rate` edits/s per client: `warmupMs` unmeasured (its first half at `burstRate`,
   * so the server's hot path is compiled before the measurement rather than during it), then
   * `measureMs` measured. The generator threads type; this thread samples the server and the
   * machine at the window's edges.
   */
  async measure(rate: number, warmupMs: number, measureMs: number, burstRate = rate): Promise<Measurement> {
    const { target } = this;
    // A little ahead, so every thread has the request before typing starts.
    const startAt = epochNow() + 50;
    const req: TypeRequest = { startAt, burstUntil: startAt + warmupMs / 2, measureFrom: startAt + warmupMs, stopAt: startAt + warmupMs + measureMs, rate, burstRate };
    const typed = Promise.all(this.threads.map((t) => t.call<TypeResult>({ op: 'type', req })));
    const rss = new RssWatch(() => target.sample());
    await sleep(req.measureFrom - epochNow());
    const s0 = target.sample();
    const v0 = target.servicesCpuSec?.() ?? 0;
    const g0 = selfCpuSec();
    const m0 = machineBusySec();
    await sleep(req.stopAt - epochNow());
    const s1 = target.sample();
    const v1 = target.servicesCpuSec?.() ?? 0;
    const g1 = selfCpuSec();
    const m1 = machineBusySec();
    const results = await typed;
    const peak = rss.stop();
    const wall = (s1.at - s0.at) / 1000;
    const serverCpu = s1.cpuSec - s0.cpuSec;
    const sum = (f: (r: TypeResult) => number) => results.reduce((n, r) => n + f(r), 0);
    const deliveries = sum((r) => r.deliveriesInWindow);
    return {
      rate,
      clients: this.clientCount,
      docs: this.docCount,
      measureSec: round(wall, 2)!,
      editsPerSec: sum((r) => r.editsInWindow) / wall,
      deliveriesPerSec: deliveries / wall,
      fanoutMs: summarize(concat(results.map((r) => r.fanout))),
      deliveryMs: summarize(concat(results.map((r) => r.delivery))),
      serverCpuPct: (serverCpu / wall) * 100,
      serverCpuUsPerDelivery: deliveries ? (serverCpu * 1e6) / deliveries : null,
      serverRssMiB: s1.rssKiB / 1024,
      serverPeakRssMiB: peak / 1024,
      generatorThreads: this.threads.length,
      generatorCpuPct: ((g1 - g0) / wall) * 100,
      generatorLoopDelayP99Ms: Math.max(...results.map((r) => r.loopDelayP99Ms)),
      servicesCpuPct: target.servicesCpuSec ? ((v1 - v0) / wall) * 100 : null,
      // Clamped: the readings are not atomic, so an idle machine can come out at −1 %.
      otherCpuPct: Math.max(0, ((m1 - m0 - serverCpu - (v1 - v0) - (g1 - g0)) / wall) * 100),
      undelivered: sum((r) => r.outstanding),
      skippedEdits: sum((r) => r.skipped),
      notices: sum((r) => r.notices),
    };
  }

  /** Every replica of every document equal, and equal to a fresh client's copy. */
  async verify(): Promise<Verification> {
    const mismatches = (await Promise.all(this.threads.map((t) => t.call<string[]>({ op: 'verify' })))).flat();
    return { converged: mismatches.length === 0, docsChecked: this.names.length, mismatches: mismatches.slice(0, 10) };
  }

  /** Server RSS growth per connected client (its share of documents included), KiB. */
  get rssPerClientKiB(): number {
    return (this.connected.rssKiB - this.baseline.rssKiB) / this.clientCount;
  }

  async close(): Promise<void> {
    const threads = this.threads;
    this.threads = [];
    await Promise.all(threads.map((t) => t.call({ op: 'close' }).catch(() => undefined)));
    await Promise.all(threads.map((t) => t.terminate()));
  }
}
