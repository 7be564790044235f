/** Prints results as aligned text tables and writes them as JSON under test/bench/results/. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release } from 'node:os';
import { join, resolve } from 'node:path';
import type { Cell, Goal, ScenarioResult, Table } from './types.js';

export const RESULTS_DIR = resolve(import.meta.dirname, 'results');

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  kernel: string;
  commit: string;
}

export function machine(): Machine {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    /* not Linux */
  }
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'shared'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    if (dirty) commit += '+dirty';
  } catch {
    /* no git */
  }
  return { cpu, cores: cpus().length, memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10, node: process.version, kernel: release(), commit };
}

export const machineLine = (m: Machine) => `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, Linux ${m.kernel}, commit ${m.commit}`;

function fmt(c: Cell): string {
  if (c === null || c === undefined) return '–';
  if (typeof c === 'number') {
    if (!Number.isFinite(c)) return '–';
    const abs = Math.abs(c);
    if (abs >= 1000) return Math.round(c).toLocaleString('en-US');
    if (abs >= 100) return c.toFixed(0);
    if (abs >= 10) return c.toFixed(1);
    return c.toFixed(2);
  }
  return c;
}

export function formatTable(t: Table): string {
  const cells = [t.columns, ...t.rows.map((r) => r.map(fmt))];
  const widths = t.columns.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [`## ${t.title}`, line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)];
  for (const n of t.notes ?? []) out.push(`  ${n}`);
  return out.join('\n');
}

export const formatGoals = (goals: Goal[]): string =>
  formatTable({
    title: 'Goals (printed, not asserted)',
    columns: ['goal', 'measured', 'result'],
    rows: goals.map((g) => [g.goal, g.measured + (g.note ? ` (${g.note})` : ''), g.pass === null ? 'n/a' : g.pass ? 'PASS' : 'MISS']),
  });

export function formatRatios(results: ScenarioResult[]): string {
  const rows: Cell[][] = [];
  for (const r of results) for (const x of r.ratios) rows.push([`${r.name}: ${x.metric}`, x.gongbi, x.reference, x.unit, x.ratio === null ? null : `${x.ratio.toFixed(2)}×`]);
  return formatTable({ title: 'Gongbi / reference', columns: ['metric', 'gongbi', 'reference', 'unit', 'ratio'], rows });
}

export interface Report {
  startedAt: string;
  mode: 'quick' | 'full';
  durationSec: number;
  machine: Machine;
  scenarios: ScenarioResult[];
  goals: Goal[];
  errors: Array<{ scenario: string; error: string }>;
}

/** Writes results/latest.json and a timestamped copy; returns the copy's path. */
export function writeReport(report: Report): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const json = JSON.stringify(report, null, 2) + '\n';
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const copy = join(RESULTS_DIR, `${stamp}-${report.mode}.json`);
  writeFileSync(join(RESULTS_DIR, 'latest.json'), json);
  writeFileSync(copy, json);
  return copy;
}
