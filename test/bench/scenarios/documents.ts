/**
 * The document-level goals: whole-plan snapshot and plan-wide diff, the DOCX export of the
 * demo plan, and merging 10,000 offline edits — each timed (median of a few runs) on Gongbi only
 * (the reference server has none of these).
 */
import { join } from 'node:path';
import { createApp } from '../../../server/app.js';
import { loadConfig } from '../../../server/config.js';
import { silentLogger } from '../../../server/log.js';
import { seedDemoIfEmpty } from '../../../server/seed/seed.js';
import { SqliteStore } from '../../../server/storage/index.js';
import { renderCommitment, renderPlan, shortText } from '../../../shared/schema/index.js';
import { renderDocx } from '../../../server/export/index.js';
import { diffPlanBench, snapshotPlanBench } from '../../../server/versions/index.js';
import { tempDir } from '../../helpers/tempDir.js';
import type { Scenario, ScenarioResult } from '../types.js';
import { run as offlineMerge } from './offlineMerge.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

export const documentsScenario: Scenario = {
  name: 'documents',
  title: 'whole-plan snapshot and diff, plan DOCX export, merging 10,000 offline edits',
  inQuick: true,
  async run(ctx): Promise<ScenarioResult> {
    const runs = ctx.quick ? 3 : 5;
    const tmp = tempDir('gongbi-bench-docs-');
    const config = loadConfig({ GONGBI_DATA_DIR: tmp.dir, GONGBI_LOG_LEVEL: 'silent' });
    const store = new SqliteStore({ file: join(tmp.dir, 'gongbi.db') });
    const gongbi = createApp({ config, store, logger: silentLogger });
    const deps = { store, rooms: gongbi.rooms };
    const snapshotMs: number[] = [];
    const diffMs: number[] = [];
    const docxMs: number[] = [];
    const mergeMs: number[] = [];
    try {
      await seedDemoIfEmpty(store, gongbi.rooms);
      const coordinator = (await store.getUserByEmail('coordinator@demo.gongbi.tw'))!;
      const ids = (await store.listDocuments({ kind: 'commitment' })).map((d) => d.name);
      for (let i = 0; i < runs; i++) {
        const snap = await snapshotPlanBench(deps, 'plan-nap1', coordinator, `bench ${i}`);
        snapshotMs.push(snap.ms);
        // Something to compare: an edit in every commitment after the snapshot.
        for (const id of ids) await gongbi.rooms.change(id, { userId: coordinator.id, name: coordinator.name, affiliation: 'agency' }, (doc) => shortText(doc, 'partners', 'zh').insert(0, `第${i}次`));
        diffMs.push((await diffPlanBench(deps, 'plan-nap1', `cycle:${snap.cycleId}`)).ms);
      }
      const plan = (await gongbi.rooms.read('plan-nap1', renderPlan))!;
      const commitments = await Promise.all(ids.map(async (id) => (await gongbi.rooms.read(id, renderCommitment))!));
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        await renderDocx({ plan: { ...plan, id: 'plan-nap1' }, commitments, scope: { kind: 'plan' }, version: { label: 'bench', date: '2026-01-01', hash: 'bench' }, lang: 'both' });
        docxMs.push(performance.now() - start);
      }
    } finally {
      await gongbi.close();
      await store.close();
      tmp.remove();
    }
    for (let i = 0; i < (ctx.quick ? 1 : 3); i++) mergeMs.push((await offlineMerge({ edits: 10_000, log: ctx.log })).mergeMs);

    const m = { snapshot: median(snapshotMs), diff: median(diffMs), docx: median(docxMs), merge: median(mergeMs) };
    return {
      name: 'documents',
      title: this.title,
      params: { runs },
      data: { gongbi: { snapshotMs, diffMs, docxMs, mergeMs } },
      tables: [
        {
          title: 'document operations (median)',
          columns: ['operation', 'time'],
          rows: [
            ['whole-plan snapshot (plan + 19 commitments)', fmt(m.snapshot)],
            ['plan-wide diff with authors', fmt(m.diff)],
            ['snapshot + diff', fmt(m.snapshot + m.diff)],
            ['DOCX export of the whole plan (zh + en)', fmt(m.docx)],
            ['10,000 offline edits merged and acknowledged', fmt(m.merge)],
          ],
        },
      ],
      goals: [
        { goal: 'whole-plan snapshot + diff ≤ 200 ms', measured: fmt(m.snapshot + m.diff), pass: m.snapshot + m.diff <= 200 },
        { goal: 'plan DOCX ≤ 2 s', measured: fmt(m.docx), pass: m.docx <= 2000 },
        { goal: '10,000 offline edits merged ≤ 1 s', measured: fmt(m.merge), pass: m.merge <= 1000 },
      ],
      ratios: [],
      notes: [],
    };
  },
};
