/** Helpers shared by scenario modules. */
import { TARGETS, machineBusySec, selfCpuSec, type TargetKind } from '../servers.js';
import type { Cell } from '../types.js';
import type { Measurement } from '../session.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Typing before a load measurement starts, per server process. At 2 edits/s per client V8
 * keeps optimizing hot functions (on its background threads) for minutes; a warm-up at the
 * measured rate alone counts that compiling as server CPU, more for the server with more code
 * on its hot path, when steady state is what the goals are about. So the first half of the
 * warm-up types faster (warmupBurstRate), the second half at the measured rate.
 */
export const loadWarmupMs = (ctx: { quick: boolean }) => (ctx.quick ? 2000 : 15_000);

/**
 * Deliveries/s the warm-up burst aims at: enough to compile the hot path, and half of what
 * one generator thread integrates (≈ 18,000/s), so no backlog reaches the measurement.
 */
const WARMUP_BURST_DELIVERIES_PER_SEC = 9000;

/**
 * Per-client rate of the warm-up burst: up to 10× the measured rate, ~9,000 deliveries/s in
 * all; never below the measured rate (at 500/50 and above the load itself is the burst).
 */
export function warmupBurstRate(clients: number, docs: number, rate: number): number {
  const receivers = Math.max(1, clients / docs - 1);
  return Math.max(rate, Math.min(10 * rate, WARMUP_BURST_DELIVERIES_PER_SEC / receivers / clients));
}

/**
 * Waits (at most 10 s) until the rest of the machine uses less than `maxPct` % of a core, so
 * other work on a small machine does not land in a measurement. Not in --quick (the tables
 * show the other load of every measured window anyway). Returns that share, or null.
 */
export async function waitForQuiet(ctx: { quick: boolean; log: (m: string) => void }, maxPct = 30): Promise<number | null> {
  if (ctx.quick) return null;
  const t0 = performance.now();
  let said = false;
  for (;;) {
    const m0 = machineBusySec();
    const g0 = selfCpuSec();
    await sleep(1000);
    const other = (machineBusySec() - m0 - (selfCpuSec() - g0)) * 100;
    if (other < maxPct) return other;
    if (performance.now() - t0 >= 10_000) {
      ctx.log(`the machine stays busy (${Math.round(other)} % of a core elsewhere): latency figures below are skewed by it`);
      return other;
    }
    if (!said) ctx.log(`waiting for the machine to quieten (other processes use ${Math.round(other)} % of a core)…`);
    said = true;
  }
}

/** Both targets, alternating which goes first between scenarios (A B, B A, …) to spread drift. */
let flip = false;
export function targetOrder(): TargetKind[] {
  flip = !flip;
  return flip ? [...TARGETS] : [...TARGETS].reverse();
}

export const MEASUREMENT_COLUMNS = [
  'target', 'clients/docs', 'edits/s', 'edits/s got', 'deliv/s', 'fan-out p50 ms', 'p95', 'p99', 'deliv p99 ms',
  'srv CPU %', 'srv µs/deliv', 'srv RSS MiB', 'gen CPU %', 'gen lag p99 ms', 'other CPU %', 'undeliv', 'skipped',
];

export function measurementRow(target: string, m: Measurement): Cell[] {
  return [
    target, `${m.clients}/${m.docs}`, m.rate * m.clients, m.editsPerSec, m.deliveriesPerSec, m.fanoutMs.p50, m.fanoutMs.p95, m.fanoutMs.p99,
    m.deliveryMs.p99, m.serverCpuPct, m.serverCpuUsPerDelivery, m.serverPeakRssMiB, m.generatorCpuPct, m.generatorLoopDelayP99Ms, m.otherCpuPct, m.undelivered, m.skippedEdits,
  ];
}

export const MEASUREMENT_NOTES = [
  'fan-out = edit sent → integrated by every other replica of its document; deliv = → one replica. A document\'s replicas share one generator thread, one clock.',
  'srv = server child process (/proc/<pid>/stat, /status); gen = this load generator, all its threads (process.cpuUsage, % of one core; lag: the worst thread).',
  'gen CPU near 100 % or a large gen lag means the figures are client-bound, not server-bound; other CPU = the rest of the machine',
  '(2 cores: other load there shows up in latency). undeliv = edits not everywhere after the drain; skipped = edits the generator dropped (> 1 s behind).',
];
