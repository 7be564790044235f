/**
 * N clients over D commitments typing at a rate: fan-out latency, deliveries/s, server CPU
 * per delivery and RSS, against Gongbi and the reference, with the Gongbi/reference ratios.
 */
import { startTarget, type Target, type TargetKind } from '../servers.js';
import { LoadSession, type Measurement, type Verification } from '../session.js';
import { ratio, round } from '../stats.js';
import type { Goal, Scenario, ScenarioResult } from '../types.js';
import { MEASUREMENT_COLUMNS, MEASUREMENT_NOTES, loadWarmupMs, measurementRow, targetOrder, waitForQuiet, warmupBurstRate } from './common.js';

export interface LoadRun {
  measurement: Measurement;
  verification: Verification;
  baselineRssMiB: number;
  connectedRssMiB: number;
  rssPerClientKiB: number;
  connectSec: number;
}

/** Gongbi unloads idle documents after 1 s here, so the baseline holds none (they are never idle under load). */
export const LOAD_ENV = { GONGBI_IDLE_UNLOAD_MS: '1000' };

/** One load run against a target `start` launches (and this stops). */
export async function runLoad(start: () => Promise<Target>, clients: number, docs: number, rate: number, warmupMs: number, measureMs: number, settleMs = 1500): Promise<LoadRun> {
  const target = await start();
  const session = new LoadSession(target, clients, docs);
  try {
    await session.open(settleMs);
    const measurement = await session.measure(rate, warmupMs, measureMs, warmupBurstRate(clients, docs, rate));
    const verification = await session.verify();
    return {
      measurement,
      verification,
      baselineRssMiB: session.baseline.rssKiB / 1024,
      connectedRssMiB: session.connected.rssKiB / 1024,
      rssPerClientKiB: session.rssPerClientKiB,
      connectSec: session.connectSec,
    };
  } finally {
    await session.close().catch(() => undefined);
    await target.stop();
  }
}

/** The stricter durability rule, as before relays left at the log write: nothing relayed before its fsync, 20 ms group commits. */
export const RELAY_AFTER_FSYNC_ENV = { GONGBI_RELAY_AFTER: 'fsync', GONGBI_COMMIT_INTERVAL_MS: '20' };

/**
 * `normalSync` adds a run of Gongbi with GONGBI_SQLITE_SYNC=NORMAL (no fsync at all; survives a
 * process crash, not a power loss), to show what the default's fsync costs; `relayAfterFsync`
 * one with GONGBI_RELAY_AFTER=fsync (the setting for those who keep the stricter rule).
 */
export function loadScenario(clients: number, docs: number, rate = 2, opts: { inQuick?: boolean; goalP99?: boolean; normalSync?: boolean; relayAfterFsync?: boolean } = {}): Scenario {
  const name = `load-${clients}x${docs}`;
  return {
    name,
    title: `${clients} clients over ${docs} commitments at ${rate} edits/s each`,
    inQuick: opts.inQuick ?? false,
    async run(ctx): Promise<ScenarioResult> {
      const warmupMs = loadWarmupMs(ctx);
      const measureMs = ctx.quick ? 4000 : 20_000;
      const runs: Partial<Record<TargetKind, LoadRun>> = {};
      for (const kind of targetOrder()) {
        await waitForQuiet(ctx);
        ctx.log(`${name}: ${kind}…`);
        runs[kind] = await runLoad(() => startTarget(kind, { env: LOAD_ENV }), clients, docs, rate, warmupMs, measureMs, ctx.quick ? 800 : 1500);
        const m = runs[kind]!.measurement;
        ctx.log(`${name}: ${kind}: fan-out p99 ${round(m.fanoutMs.p99, 1)} ms, ${round(m.deliveriesPerSec, 0)} deliv/s, server ${round(m.serverCpuPct, 1)} % CPU, generator ${round(m.generatorCpuPct, 1)} %`);
      }
      let normal: LoadRun | null = null;
      if (opts.normalSync && !ctx.quick) {
        await waitForQuiet(ctx);
        ctx.log(`${name}: gongbi with synchronous=NORMAL…`);
        normal = await runLoad(() => startTarget('gongbi', { env: { ...LOAD_ENV, GONGBI_SQLITE_SYNC: 'NORMAL' } }), clients, docs, rate, warmupMs, measureMs, 1500);
      }
      let strict: LoadRun | null = null;
      if (opts.relayAfterFsync) {
        await waitForQuiet(ctx);
        ctx.log(`${name}: gongbi with GONGBI_RELAY_AFTER=fsync…`);
        strict = await runLoad(() => startTarget('gongbi', { env: { ...LOAD_ENV, ...RELAY_AFTER_FSYNC_ENV } }), clients, docs, rate, warmupMs, measureMs, ctx.quick ? 800 : 1500);
      }
      const g = runs.gongbi!;
      const r = runs.reference!;
      const cpuRatio = ratio(g.measurement.serverCpuUsPerDelivery, r.measurement.serverCpuUsPerDelivery);
      const p99Ratio = ratio(g.measurement.fanoutMs.p99, r.measurement.fanoutMs.p99);
      const goals: Goal[] = [
        {
          goal: `server CPU per delivery ≤ 0.8× reference (${clients}/${docs})`,
          measured: `${round(g.measurement.serverCpuUsPerDelivery, 1)} vs ${round(r.measurement.serverCpuUsPerDelivery, 1)} µs = ${round(cpuRatio, 2)}×`,
          pass: cpuRatio === null ? null : cpuRatio <= 0.8,
        },
        {
          goal: `every replica and a fresh client identical (${clients}/${docs})`,
          measured: `gongbi ${g.verification.converged ? 'yes' : g.verification.mismatches.join('; ')}, reference ${r.verification.converged ? 'yes' : r.verification.mismatches.join('; ')}`,
          pass: g.verification.converged && g.measurement.undelivered === 0,
        },
      ];
      if (opts.goalP99) {
        goals.push({
          goal: `p99 fan-out no worse than reference at ${clients}/${docs} × ${rate}/s`,
          measured: `${round(g.measurement.fanoutMs.p99, 1)} vs ${round(r.measurement.fanoutMs.p99, 1)} ms = ${round(p99Ratio, 2)}×`,
          pass: p99Ratio === null ? null : p99Ratio <= 1,
          note: g.measurement.generatorCpuPct > 85 || r.measurement.generatorCpuPct > 85 ? 'generator near saturation: client-bound' : undefined,
        });
      }
      return {
        name,
        title: this.title,
        params: { clients, docs, rate, warmupMs, measureMs },
        data: { ...runs, ...(normal ? { gongbiNormalSync: normal } : {}), ...(strict ? { gongbiRelayAfterFsync: strict } : {}) },
        tables: [
          {
            title: `${name}: ${this.title} (warm-up ${warmupMs / 1000} s, measured ${measureMs / 1000} s)`,
            columns: MEASUREMENT_COLUMNS,
            rows: [
              ...(['gongbi', 'reference'] as const).map((k) => measurementRow(k, runs[k]!.measurement)),
              ...(normal ? [measurementRow('gongbi, synchronous=NORMAL', normal.measurement)] : []),
              ...(strict ? [measurementRow('gongbi, GONGBI_RELAY_AFTER=fsync', strict.measurement)] : []),
            ],
            notes: [
              ...MEASUREMENT_NOTES,
              `server RSS: gongbi ${round(g.baselineRssMiB, 1)} → ${round(g.connectedRssMiB, 1)} MiB connected (${round(g.rssPerClientKiB, 1)} KiB/client incl. documents), reference ${round(r.baselineRssMiB, 1)} → ${round(r.connectedRssMiB, 1)} MiB (${round(r.rssPerClientKiB, 1)} KiB/client); connect ${round(g.connectSec, 1)} s / ${round(r.connectSec, 1)} s`,
              `converged: gongbi ${g.verification.converged}, reference ${r.verification.converged} (${g.verification.docsChecked} documents, fresh client each)`,
              ...(normal ? ['gongbi, synchronous=NORMAL: the same server without an fsync per commit (GONGBI_SQLITE_SYNC=NORMAL: survives a process crash, not a power loss); not the default.'] : []),
              ...(strict ? ['gongbi, GONGBI_RELAY_AFTER=fsync: relays wait for the fsync as acknowledgements do, commits every 20 ms (the stricter rule); not the default.'] : []),
            ],
          },
        ],
        goals,
        ratios: [
          { metric: 'server CPU per delivery', gongbi: round(g.measurement.serverCpuUsPerDelivery, 2), reference: round(r.measurement.serverCpuUsPerDelivery, 2), ratio: cpuRatio, unit: 'µs' },
          ...(normal
            ? [{ metric: 'server CPU per delivery, synchronous=NORMAL', gongbi: round(normal.measurement.serverCpuUsPerDelivery, 2), reference: round(r.measurement.serverCpuUsPerDelivery, 2), ratio: ratio(normal.measurement.serverCpuUsPerDelivery, r.measurement.serverCpuUsPerDelivery), unit: 'µs' }]
            : []),
          ...(strict
            ? [{ metric: 'p99 fan-out, GONGBI_RELAY_AFTER=fsync', gongbi: round(strict.measurement.fanoutMs.p99, 2), reference: round(r.measurement.fanoutMs.p99, 2), ratio: ratio(strict.measurement.fanoutMs.p99, r.measurement.fanoutMs.p99), unit: 'ms' }]
            : []),
          { metric: 'p99 fan-out at equal load', gongbi: round(g.measurement.fanoutMs.p99, 2), reference: round(r.measurement.fanoutMs.p99, 2), ratio: p99Ratio, unit: 'ms' },
          { metric: 'RSS per client (docs incl.)', gongbi: round(g.rssPerClientKiB, 1), reference: round(r.rssPerClientKiB, 1), ratio: ratio(g.rssPerClientKiB, r.rssPerClientKiB), unit: 'KiB' },
        ],
        notes: [],
      };
    },
  };
}
