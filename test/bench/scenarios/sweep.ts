/**
 * Rate sweep at 200 clients over 20 commitments: the same connected clients type faster and
 * faster, against Gongbi and the reference; where latency turns and CPU per delivery changes.
 */
import { startTarget, type TargetKind } from '../servers.js';
import { LoadSession, type Measurement, type Verification } from '../session.js';
import { ratio, round } from '../stats.js';
import type { Scenario, ScenarioResult } from '../types.js';
import { MEASUREMENT_COLUMNS, MEASUREMENT_NOTES, measurementRow, targetOrder, waitForQuiet } from './common.js';

const CLIENTS = 200;
const DOCS = 20;

async function sweep(kind: TargetKind, rates: number[], warmupMs: number, measureMs: number, settleMs: number, log: (m: string) => void): Promise<{ points: Measurement[]; verification: Verification }> {
  const target = await startTarget(kind, { env: { GONGBI_IDLE_UNLOAD_MS: '1000' } });
  const session = new LoadSession(target, CLIENTS, DOCS);
  try {
    await session.open(settleMs);
    const points: Measurement[] = [];
    for (const rate of rates) {
      const m = await session.measure(rate, warmupMs, measureMs);
      log(`sweep: ${kind} at ${rate}/s per client: fan-out p99 ${round(m.fanoutMs.p99, 1)} ms, server ${round(m.serverCpuPct, 0)} %, generator ${round(m.generatorCpuPct, 0)} %`);
      points.push(m);
    }
    return { points, verification: await session.verify() };
  } finally {
    await session.close().catch(() => undefined);
    await target.stop();
  }
}

export const sweepScenario: Scenario = {
  name: 'sweep-200x20',
  title: `rate sweep at ${CLIENTS} clients over ${DOCS} commitments`,
  inQuick: true,
  async run(ctx): Promise<ScenarioResult> {
    const rates = ctx.quick ? [10] : [1, 2, 5, 10, 20];
    const warmupMs = ctx.quick ? 1500 : 3000;
    const measureMs = ctx.quick ? 3000 : 10_000;
    const runs: Partial<Record<TargetKind, Awaited<ReturnType<typeof sweep>>>> = {};
    for (const kind of targetOrder()) {
      await waitForQuiet(ctx);
      runs[kind] = await sweep(kind, rates, warmupMs, measureMs, ctx.quick ? 300 : 1500, ctx.log);
    }
    const g = runs.gongbi!;
    const r = runs.reference!;
    return {
      name: 'sweep-200x20',
      title: this.title,
      params: { clients: CLIENTS, docs: DOCS, rates, warmupMs, measureMs },
      data: runs,
      tables: [
        {
          title: `sweep-200x20: ${this.title}, edits/s per client ${rates.join(', ')} (warm-up ${warmupMs / 1000} s, measured ${measureMs / 1000} s each)`,
          columns: MEASUREMENT_COLUMNS,
          rows: rates.flatMap((_, i) => [measurementRow('gongbi', g.points[i]!), measurementRow('reference', r.points[i]!)]),
          notes: [...MEASUREMENT_NOTES, `converged: gongbi ${g.verification.converged}, reference ${r.verification.converged}`],
        },
      ],
      goals: [
        {
          goal: 'every replica and a fresh client identical (sweep)',
          measured: `gongbi ${g.verification.converged ? 'yes' : g.verification.mismatches.join('; ')}, reference ${r.verification.converged ? 'yes' : 'no'}`,
          pass: g.verification.converged && g.points.every((p) => p.undelivered === 0),
        },
      ],
      ratios: rates.flatMap((rate, i) => [
        { metric: `server CPU per delivery @ ${rate}/s`, gongbi: round(g.points[i]!.serverCpuUsPerDelivery, 2), reference: round(r.points[i]!.serverCpuUsPerDelivery, 2), ratio: ratio(g.points[i]!.serverCpuUsPerDelivery, r.points[i]!.serverCpuUsPerDelivery), unit: 'µs' },
        { metric: `p99 fan-out @ ${rate}/s`, gongbi: round(g.points[i]!.fanoutMs.p99, 2), reference: round(r.points[i]!.fanoutMs.p99, 2), ratio: ratio(g.points[i]!.fanoutMs.p99, r.points[i]!.fanoutMs.p99), unit: 'ms' },
      ]),
      notes: [],
    };
  },
};
