/**
 * `npm run bench [-- --quick] [-- --only name[,name]] [-- --list]`: runs the scenarios of
 * scenarios/index.ts against Gongbi and the reference @y/websocket-server, prints tables and
 * the goals, and writes test/bench/results/latest.json plus a timestamped copy.
 */
import { formatGoals, formatRatios, formatTable, machine, machineLine, writeReport, type Report } from './report.js';
import { scenarios } from './scenarios/index.js';
import type { ScenarioResult } from './types.js';

function parseArgs(argv: string[]) {
  const args = { quick: false, list: false, only: null as string[] | null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') args.quick = true;
    else if (a === '--list') args.list = true;
    else if (a === '--only') args.only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (a.startsWith('--only=')) args.only = a.slice(7).split(',').filter(Boolean);
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run bench -- [--quick] [--only <scenario>[,<scenario>]] [--list]');
      process.exit(0);
    } else {
      console.error(`unknown argument ${a}; try --help`);
      process.exit(2);
    }
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.list) {
    for (const s of scenarios) console.log(`${s.name.padEnd(20)} ${s.inQuick ? '[quick] ' : '        '}${s.title}`);
    return;
  }
  if (process.platform !== 'linux') throw new Error('the bench samples /proc/<pid>: Linux only');
  let selected = scenarios.filter((s) => (args.only ? args.only.includes(s.name) : !args.quick || s.inQuick));
  if (args.only) {
    const unknown = args.only.filter((n) => !scenarios.some((s) => s.name === n));
    if (unknown.length) throw new Error(`unknown scenario(s) ${unknown.join(', ')}; --list shows them`);
    selected = scenarios.filter((s) => args.only!.includes(s.name));
  }
  const m = machine();
  const startedAt = new Date();
  const t0 = performance.now();
  const elapsed = () => ((performance.now() - t0) / 1000).toFixed(0).padStart(4) + ' s';
  const ctx = { quick: args.quick, log: (msg: string) => console.log(`[${elapsed()}] ${msg}`) };
  console.log(machineLine(m));
  console.log(`mode: ${args.quick ? 'quick' : 'full'}; scenarios: ${selected.map((s) => s.name).join(', ')}\n`);

  const results: ScenarioResult[] = [];
  const errors: Report['errors'] = [];
  for (const s of selected) {
    const s0 = performance.now();
    try {
      const r = await s.run(ctx);
      r.durationSec = Math.round((performance.now() - s0) / 100) / 10;
      results.push(r);
      console.log('');
      for (const t of r.tables) console.log(formatTable(t) + '\n');
    } catch (err) {
      const message = (err as Error)?.stack ?? String(err);
      errors.push({ scenario: s.name, error: message });
      console.error(`scenario ${s.name} failed: ${message}\n`);
    }
  }

  const goals = results.flatMap((r) => r.goals);
  console.log(formatRatios(results) + '\n');
  console.log(formatGoals(goals) + '\n');
  const report: Report = {
    startedAt: startedAt.toISOString(),
    mode: args.quick ? 'quick' : 'full',
    durationSec: Math.round((performance.now() - t0) / 1000),
    machine: m,
    scenarios: results,
    goals,
    errors,
  };
  const copy = writeReport(report);
  console.log(machineLine(m));
  console.log(`done in ${report.durationSec} s; results in test/bench/results/latest.json and ${copy.replace(/^.*\/test\/bench\//, 'test/bench/')}`);
  if (errors.length) process.exitCode = 1;
}

main().then(
  () => process.exit(),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
