/**
 * The cluster: Gongbi on PostgreSQL + Redis with one and with three processes, the clients of
 * every document spread over the processes (with three, two of a document's three or more
 * replicas sit on other processes, so most deliveries cross Redis). Throughput (deliveries/s)
 * and fan-out latency at two loads; server CPU is the processes' sum, and PostgreSQL's and
 * Redis's own CPU is shown beside it. Skipped, with a notice, when either service does not
 * answer (GONGBI_TEST_DATABASE_URL / GONGBI_TEST_REDIS_URL, as for the tests).
 *
 * On one 2-core machine the three processes, both services and the load generator share two
 * cores: the figures show the cost of the fan-out through Redis, not a speed-up; more
 * processes pay off on more cores and machines (README, "Running a cluster").
 */
import { clusterServicesUp, startGongbiCluster } from '../servers.js';
import type { Cell, Scenario, ScenarioResult } from '../types.js';
import { LOAD_ENV, runLoad, type LoadRun } from './load.js';
import { MEASUREMENT_COLUMNS, MEASUREMENT_NOTES, loadWarmupMs, measurementRow, waitForQuiet } from './common.js';
import { round } from '../stats.js';

const LOADS = [
  { clients: 200, docs: 20, rate: 2 },
  { clients: 1000, docs: 100, rate: 2 },
];
const PROCESSES = [1, 3];

export const clusterScenario: Scenario = {
  name: 'cluster',
  title: 'PostgreSQL + Redis: one and three server processes (throughput, fan-out latency)',
  inQuick: false,
  async run(ctx): Promise<ScenarioResult> {
    const base = { name: this.name, title: this.title, ratios: [], goals: [] };
    if (!(await clusterServicesUp())) {
      const notice = 'skipped: PostgreSQL or Redis does not answer (set GONGBI_TEST_DATABASE_URL / GONGBI_TEST_REDIS_URL)';
      ctx.log(`cluster: ${notice}`);
      return { ...base, params: {}, data: { skipped: true }, tables: [], notes: [notice] };
    }
    const warmupMs = loadWarmupMs(ctx);
    const measureMs = ctx.quick ? 4000 : 15_000;
    const runs: Record<string, LoadRun> = {};
    const rows: Cell[][] = [];
    for (const { clients, docs, rate } of LOADS) {
      for (const processes of PROCESSES) {
        await waitForQuiet(ctx);
        const key = `${clients}x${docs}-${processes}p`;
        ctx.log(`cluster: ${clients}/${docs} on ${processes} process${processes > 1 ? 'es' : ''}…`);
        const run = await runLoad(() => startGongbiCluster(processes, { env: LOAD_ENV }), clients, docs, rate, warmupMs, measureMs, ctx.quick ? 800 : 1500);
        runs[key] = run;
        const m = run.measurement;
        ctx.log(`cluster: ${key}: fan-out p99 ${round(m.fanoutMs.p99, 1)} ms, ${round(m.deliveriesPerSec, 0)} deliv/s, servers ${round(m.serverCpuPct, 1)} % CPU, PostgreSQL + Redis ${round(m.servicesCpuPct, 1)} %`);
        rows.push([...measurementRow(`${processes} process${processes > 1 ? 'es' : ''}`, m), m.servicesCpuPct, run.verification.converged ? 'yes' : 'NO']);
      }
    }
    return {
      ...base,
      params: { loads: LOADS, processes: PROCESSES, warmupMs, measureMs },
      data: runs,
      tables: [
        {
          title: `cluster: Gongbi on PostgreSQL + Redis, clients of each document spread over the processes (warm-up ${warmupMs / 1000} s, measured ${measureMs / 1000} s)`,
          columns: [...MEASUREMENT_COLUMNS, 'PG+Redis CPU %', 'converged'],
          rows,
          notes: [
            ...MEASUREMENT_NOTES,
            'srv = the sum over the Gongbi processes; PG+Redis = every postgres and redis-server process of the machine over the same window.',
            'converged = every replica, and a fresh client on another process, hold identical content.',
          ],
        },
      ],
      notes: [],
    };
  },
};
