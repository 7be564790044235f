/**
 * 1,000 loaded idle documents (200 in --quick): server RSS per document and per connection
 * (one client on every document, then a second one on every document), idle CPU with every
 * connection open, then everyone leaves and Gongbi (GONGBI_IDLE_UNLOAD_MS=2000 here) must
 * unload them all. The reference keeps every document in memory forever when it has no
 * persistence configured (its default).
 */
import { LightClient, closeAll, connectAll } from '../client.js';
import { settledSample, startTarget, type ProcSample, type Target, type TargetKind } from '../servers.js';
import { ratio, round } from '../stats.js';
import type { Cell, Goal, Scenario, ScenarioResult } from '../types.js';
import { sleep, targetOrder, waitForQuiet } from './common.js';

const UNLOAD_MS = 2000;

interface IdleRun {
  docs: number;
  baselineRssMiB: number;
  oneClientEachRssMiB: number;
  twoClientsEachRssMiB: number;
  /** Document + its first connection. */
  perDocAndConnKiB: number;
  perConnKiB: number;
  perDocKiB: number;
  idleCpuPct: number;
  afterCloseRssMiB: number;
  idleCpuAfterClosePct: number;
  /** Documents still loaded after everyone left and the unload delay passed (null: the target cannot say). */
  loadedAfterClose: number | null;
  unloadedWithinSec: number | null;
  connectSec: number;
}

/**
 * Idle CPU is read over 10 s: the kernel counts a process's CPU in 10 ms ticks, so over 3 s
 * one tick is already 0.33 % of a core and a single timer or GC landing in the window reads as 1 %.
 */
const IDLE_WINDOW_MS = 10_000;

async function cpuOver(target: Target, ms: number): Promise<number> {
  const a = target.sample();
  await sleep(ms);
  const b = target.sample();
  return ((b.cpuSec - a.cpuSec) / ((b.at - a.at) / 1000)) * 100;
}

async function runIdle(kind: TargetKind, docs: number, quick: boolean): Promise<IdleRun> {
  const target = await startTarget(kind, { env: { GONGBI_IDLE_UNLOAD_MS: String(UNLOAD_MS) } });
  const clients: LightClient[] = [];
  try {
    const names = await target.prepareDocs(docs);
    for (let i = 0; i < 80 && ((await target.loadedDocuments()) ?? 0) > 0; i++) await sleep(250);
    const settle = quick ? 1000 : 2500;
    const s0 = await settledSample(target, settle);
    let connectSec = 0;
    const open = async (): Promise<ProcSample> => {
      const batch = names.map((n) => new LightClient(target.docUrl(n), { template: target.clientTemplate }));
      clients.push(...batch);
      const t0 = performance.now();
      await connectAll(batch);
      connectSec ||= (performance.now() - t0) / 1000;
      return settledSample(target, settle);
    };
    const s1 = await open();
    const s2 = await open();
    const idleCpuPct = await cpuOver(target, quick ? 1000 : IDLE_WINDOW_MS);
    await closeAll(clients.splice(0));
    const closedAt = performance.now();
    let loaded = await target.loadedDocuments();
    if (loaded !== null) {
      await sleep(UNLOAD_MS);
      for (let i = 0; i < 120 && (loaded ?? 0) > 0; i++) {
        await sleep(250);
        loaded = await target.loadedDocuments();
      }
    } else {
      await sleep(UNLOAD_MS + 1000);
    }
    const unloadedWithinSec = loaded === 0 ? (performance.now() - closedAt) / 1000 : null;
    const s3 = await settledSample(target, settle);
    const idleCpuAfterClosePct = await cpuOver(target, quick ? 1000 : IDLE_WINDOW_MS);
    const perDocAndConnKiB = (s1.rssKiB - s0.rssKiB) / docs;
    const perConnKiB = (s2.rssKiB - s1.rssKiB) / docs;
    return {
      docs,
      baselineRssMiB: s0.rssKiB / 1024,
      oneClientEachRssMiB: s1.rssKiB / 1024,
      twoClientsEachRssMiB: s2.rssKiB / 1024,
      perDocAndConnKiB,
      perConnKiB,
      perDocKiB: perDocAndConnKiB - perConnKiB,
      idleCpuPct,
      afterCloseRssMiB: s3.rssKiB / 1024,
      idleCpuAfterClosePct,
      loadedAfterClose: loaded,
      unloadedWithinSec,
      connectSec,
    };
  } finally {
    await closeAll(clients).catch(() => undefined);
    await target.stop();
  }
}

export const idleScenario: Scenario = {
  name: 'idle-docs',
  title: '1,000 loaded idle documents: RSS per document and per connection, idle CPU, unloading',
  inQuick: true,
  async run(ctx): Promise<ScenarioResult> {
    const docs = ctx.quick ? 200 : 1000;
    const runs: Partial<Record<TargetKind, IdleRun>> = {};
    for (const kind of targetOrder()) {
      await waitForQuiet(ctx);
      ctx.log(`idle-docs: ${kind}: ${docs} documents…`);
      runs[kind] = await runIdle(kind, docs, ctx.quick);
    }
    const g = runs.gongbi!;
    const r = runs.reference!;
    const row = (k: string, x: IdleRun): Cell[] => [
      k, x.docs, x.baselineRssMiB, x.oneClientEachRssMiB, x.twoClientsEachRssMiB, x.perDocKiB, x.perConnKiB, x.idleCpuPct, x.afterCloseRssMiB, x.idleCpuAfterClosePct,
      x.loadedAfterClose === null ? 'not freed (by design)' : String(x.loadedAfterClose),
    ];
    const goals: Goal[] = [
      { goal: 'RSS per idle connection ≤ 25 KiB', measured: `${round(g.perConnKiB, 1)} KiB (reference ${round(r.perConnKiB, 1)} KiB)`, pass: g.perConnKiB <= 25 },
      {
        goal: 'documents freed when idle',
        measured: g.loadedAfterClose === 0 ? `all ${docs} unloaded ${round(g.unloadedWithinSec, 1)} s after the last client left (unload delay ${UNLOAD_MS / 1000} s); RSS ${round(g.twoClientsEachRssMiB, 0)} → ${round(g.afterCloseRssMiB, 0)} MiB` : `${g.loadedAfterClose} still loaded`,
        pass: g.loadedAfterClose === 0,
      },
      { goal: 'idle CPU ≈ 0 (≤ 1 % of a core)', measured: `${round(g.idleCpuPct, 2)} % with ${2 * docs} idle connections, ${round(g.idleCpuAfterClosePct, 2)} % after unloading`, pass: g.idleCpuPct <= 1 && g.idleCpuAfterClosePct <= 1 },
    ];
    return {
      name: 'idle-docs',
      title: this.title,
      params: { docs, unloadMs: UNLOAD_MS },
      data: runs,
      tables: [
        {
          title: `idle-docs: ${docs} documents, one then two idle clients on each`,
          columns: ['target', 'docs', 'base RSS MiB', '1 client/doc', '2 clients/doc', 'KiB/doc', 'KiB/conn', 'idle CPU %', 'RSS after close', 'CPU % after', 'loaded after close'],
          rows: [row('gongbi', g), row('reference', r)],
          notes: [
            'KiB/conn = RSS growth from the second client on every document / documents; KiB/doc = growth from the first client minus KiB/conn.',
            'Documents hold the commitment skeleton Gongbi creates (the reference\'s clients bring the same content). RSS is sampled 2.5 s (1 s in --quick) after each step.',
          ],
        },
      ],
      goals,
      ratios: [
        { metric: 'RSS per idle connection', gongbi: round(g.perConnKiB, 1), reference: round(r.perConnKiB, 1), ratio: ratio(g.perConnKiB, r.perConnKiB), unit: 'KiB' },
        { metric: 'RSS per loaded document', gongbi: round(g.perDocKiB, 1), reference: round(r.perDocKiB, 1), ratio: ratio(g.perDocKiB, r.perDocKiB), unit: 'KiB' },
      ],
      notes: [],
    };
  },
};
