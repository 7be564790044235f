/**
 * The servers under test, each as its own child process so its CPU and RSS (read from
 * /proc/<pid>/stat and /proc/<pid>/status) are its own: Gongbi (compiled and run as `npm start`
 * does, SQLite in a fresh temporary folder) and the reference `@y/websocket-server` 0.1.1 as shipped
 * (`src/server.js`, in-memory, no persistence). Every child is killed when the bench exits,
 * also on error or Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as Y from 'yjs';
import { blankCommitment, writeCommitment } from '../../shared/schema/index.js';
import { provisionBenchToken } from './auth.js';
import { silentLogger } from '../../server/log.js';
import { PostgresStore, SqliteStore } from '../../server/storage/index.js';
import { TEST_REDIS_URL, createTestSchema, postgresReachable, randomTag, redisReachable } from '../helpers/services.js';

export type TargetKind = 'gongbi' | 'reference';
export const TARGETS: TargetKind[] = ['gongbi', 'reference'];

const ROOT = resolve(import.meta.dirname, '../..');
const REFERENCE_SERVER = join(ROOT, 'node_modules/@y/websocket-server/src/server.js');
const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

// ---- process sampling ------------------------------------------------------------------------

export interface ProcSample {
  /** performance.now() of the sample. */
  at: number;
  /** user + system CPU seconds consumed so far. */
  cpuSec: number;
  rssKiB: number;
  /** Peak RSS so far (VmHWM). */
  hwmKiB: number;
}

export function sampleProc(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3 (state).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuSec = (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { at: performance.now(), cpuSec, rssKiB: kib('VmRSS'), hwmKiB: kib('VmHWM') };
}

/** CPU seconds the whole machine has spent busy (all cores, /proc/stat), to spot other load. */
export function machineBusySec(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  // idle and iowait are not busy; guest time is already counted in user.
  return (total - ticks[3]! - ticks[4]! - (ticks[8] ?? 0) - (ticks[9] ?? 0)) / CLK_TCK;
}

/** CPU seconds used so far by every process of this machine named one of `names` (/proc/<pid>/comm). */
export function cpuSecOfProcessesNamed(names: string[]): number {
  let sec = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!names.includes(readFileSync(`/proc/${entry}/comm`, 'utf8').trim())) continue;
      sec += sampleProc(Number(entry)).cpuSec;
    } catch {
      /* the process ended meanwhile */
    }
  }
  return sec;
}

/** CPU of this process (the load generator), in seconds. */
export function selfCpuSec(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Samples RSS every `everyMs` to catch the peak during a phase. */
export class RssWatch {
  peakKiB = 0;
  private timer: NodeJS.Timeout;
  constructor(private readonly sample: () => ProcSample, everyMs = 250) {
    this.timer = setInterval(() => this.tick(), everyMs);
    this.tick();
  }
  private tick(): void {
    try {
      this.peakKiB = Math.max(this.peakKiB, this.sample().rssKiB);
    } catch {
      /* process gone */
    }
  }
  stop(): number {
    clearInterval(this.timer);
    this.tick();
    return this.peakKiB;
  }
}

// ---- child bookkeeping -----------------------------------------------------------------------

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

function killAll(): void {
  for (const c of children) {
    try {
      c.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
  children.clear();
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  tempDirs.clear();
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    killAll();
    process.exit(130);
  });
}

export function benchTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolvePort(port));
    });
  });
}

/** Extra Node flags for the server children, e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (written on SIGTERM). */
const extraNodeArgs = () => (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

function launch(args: string[], env: Record<string, string>, ready: RegExp, what: string, cwd = ROOT): Promise<{ child: ChildProcess; match: RegExpExecArray; output: () => string }> {
  const child = spawn(process.execPath, [...extraNodeArgs(), ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let out = '';
  return new Promise((resolveLaunch, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start in 30 s:\n${out}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveLaunch({ child, match: m, output: () => out });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out = (out + chunk.toString()).slice(-20_000)));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code ?? signal}) before listening:\n${out}`));
    });
  });
}

// ---- targets ---------------------------------------------------------------------------------

export interface Target {
  kind: TargetKind;
  /** What the tables call it (e.g. "gongbi ×3"). */
  label: string;
  /** The server processes (one, or a cluster's). */
  pids: number[];
  httpUrl: string;
  /** WebSocket URL of one document for the `client`-th client of that document (a cluster spreads them over its processes). */
  docUrl(name: string, client?: number): string;
  /** State every client of this target starts with (the reference gets the commitment skeleton Gongbi creates). */
  clientTemplate: Uint8Array | null;
  /** CPU and RSS summed over the processes. */
  sample(): ProcSample;
  /** CPU seconds of the services a cluster uses (PostgreSQL, Redis) on this machine; absent otherwise. */
  servicesCpuSec?(): number;
  /** Documents currently loaded (Gongbi's /api/health), null when the target cannot say. */
  loadedDocuments(): Promise<number | null>;
  /** Makes `count` commitment documents exist; returns their names. */
  prepareDocs(count: number, prefix?: string): Promise<string[]>;
  output(): string;
  /** SIGTERM (graceful: Gongbi flushes and compacts) or SIGKILL (crash). */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

export interface GongbiOptions {
  /** Reuse a data folder (restarts); a fresh temporary one otherwise. */
  dataDir?: string;
  env?: Record<string, string>;
}

const docNames = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `c-${prefix}-${String(i + 1).padStart(4, '0')}`);

function stopper(child: ChildProcess) {
  return (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.once('exit', () => {
        clearTimeout(force);
        done();
      });
      child.kill(signal);
    });
}

export async function startGongbi(opts: GongbiOptions = {}): Promise<Target & { dataDir: string }> {
  const dataDir = opts.dataDir ?? benchTempDir('gongbi-bench-');
  const store = new SqliteStore({ file: join(dataDir, 'gongbi.db') });
  const token = await provisionBenchToken(store).finally(() => store.close());
  const target = await launchGongbi(1, { GONGBI_DATA_DIR: dataDir, ...opts.env }, token, 'gongbi');
  return { ...target, dataDir };
}

/** True when the PostgreSQL and Redis of the tests answer (the cluster needs both). */
export async function clusterServicesUp(): Promise<boolean> {
  return (await postgresReachable()) && (await redisReachable());
}

/**
 * `processes` Gongbi processes sharing one PostgreSQL schema (fresh, dropped on stop) and
 * Redis (a channel prefix of its own): the production cluster, on one machine.
 */
export async function startGongbiCluster(processes: number, opts: { env?: Record<string, string> } = {}): Promise<Target> {
  const schema = await createTestSchema();
  try {
    const store = await PostgresStore.open({ connectionString: schema.url, logger: silentLogger });
    const token = await provisionBenchToken(store).finally(() => store.close());
    const env = {
      GONGBI_DATA_DIR: benchTempDir('gongbi-bench-cluster-'),
      DATABASE_URL: schema.url,
      REDIS_URL: TEST_REDIS_URL,
      GONGBI_REDIS_PREFIX: `gongbi-bench-${randomTag()}:`,
      ...opts.env,
    };
    const target = await launchGongbi(processes, env, token, `gongbi ×${processes} (PostgreSQL + Redis)`);
    return {
      ...target,
      // Exited processes' CPU is lost, so this counts only what runs now: compare differences.
      servicesCpuSec: () => cpuSecOfProcessesNamed(['postgres', 'redis-server']),
      async stop(signal) {
        await target.stop(signal);
        await schema.drop().catch(() => undefined);
      },
    };
  } catch (err) {
    await schema.drop().catch(() => undefined);
    throw err;
  }
}

const builds = new Map<string, Promise<string[]>>();

/**
 * The node arguments that run Gongbi as `npm start` does: the server compiled to JavaScript
 * (server/ops/build.ts, once per bench run and checkout). A checkout from before that build
 * step runs through tsx, as it did then.
 */
function compiledServer(root: string): Promise<string[]> {
  let entry = builds.get(root);
  if (!entry) {
    entry = new Promise((resolveEntry, reject) => {
      if (!existsSync(join(root, 'server/ops/build.ts'))) return resolveEntry(['--import', 'tsx', 'server/index.ts']);
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/ops/build.ts'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('exit', (code) => (code === 0 ? resolveEntry(['dist-server/server/index.js']) : reject(new Error(`compiling the server failed (${code}):\n${err}`))));
    });
    builds.set(root, entry);
  }
  return entry;
}

/** Starts `count` Gongbi processes with `env`; clients of one document are spread over them. */
async function launchGongbi(count: number, env: Record<string, string>, token: string, label: string): Promise<Target> {
  // Another checkout of Gongbi (with node_modules) to compare, e.g. a branch with a fix.
  const root = process.env.BENCH_GONGBI_ROOT ? resolve(process.env.BENCH_GONGBI_ROOT) : ROOT;
  const entry = await compiledServer(root);
  const launched = await Promise.all(
    Array.from({ length: count }, () =>
      launch(entry, { PORT: '0', HOST: '127.0.0.1', GONGBI_LOG_LEVEL: 'error', GONGBI_SEED_DEMO: '0', ...env }, /running at http:\/\/[^:]+:(\d+)/, 'Gongbi', root),
    ),
  );
  const ports = launched.map((l) => l.match[1]!);
  const pids = launched.map((l) => l.child.pid!);
  const httpUrl = `http://127.0.0.1:${ports[0]}`;
  let planReady: Promise<void> | null = null;
  const api = async (method: string, path: string, body?: unknown, base = httpUrl): Promise<unknown> => {
    const res = await fetch(base + path, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await res.json().catch(() => null);
    if (!res.ok && res.status !== 409) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const stops = launched.map((l) => stopper(l.child));
  return {
    kind: 'gongbi',
    label,
    pids,
    httpUrl,
    clientTemplate: null,
    docUrl: (name, client = 0) => `ws://127.0.0.1:${ports[client % count]}/sync/${name}?token=${token}`,
    sample: () => sumSamples(pids.map(sampleProc)),
    async loadedDocuments() {
      const counts = await Promise.all(
        ports.map(async (port) => ((await api('GET', '/api/health', undefined, `http://127.0.0.1:${port}`)) as { loadedDocuments?: number } | null)?.loadedDocuments ?? null),
      );
      return counts.some((n) => n === null) ? null : counts.reduce<number>((a, n) => a + n!, 0);
    },
    async prepareDocs(count, prefix = 'bench') {
      // Commitments name their lead agency from the directory (a fresh store has none).
      planReady ??= api('POST', '/api/agencies', { id: 'ndc', zh: '國家發展委員會', en: 'National Development Council' }).then(() => api('POST', '/api/plans', {
        slug: 'bench',
        title: { zh: '壓力測試', en: 'Benchmark' },
        periodStart: '2021-01-01',
        periodEnd: '2024-05-31',
        domains: [{ id: 'bench', name: { zh: '壓測', en: 'bench' } }],
      })).then(() => undefined);
      await planReady;
      const names = docNames(count, prefix);
      let next = 0;
      const worker = async () => {
        while (next < names.length) {
          const i = next++;
          await api('POST', '/api/plans/plan-bench/commitments', {
            slug: names[i]!.slice(2),
            domainId: 'bench',
            number: String(i + 1),
            title: { zh: `承諾事項 ${i + 1}`, en: `Commitment ${i + 1}` },
            leadAgency: { id: 'ndc', zh: '國家發展委員會', en: 'National Development Council' },
          });
        }
      };
      await Promise.all(Array.from({ length: 4 }, worker));
      return names;
    },
    output: () => launched.map((l) => l.output()).join('\n'),
    stop: async (signal) => {
      await Promise.all(stops.map((stop) => stop(signal)));
    },
  };
}

/** Several processes' samples as one: CPU and RSS added up. */
function sumSamples(samples: ProcSample[]): ProcSample {
  return samples.reduce((a, b) => ({ at: Math.max(a.at, b.at), cpuSec: a.cpuSec + b.cpuSec, rssKiB: a.rssKiB + b.rssKiB, hwmKiB: a.hwmKiB + b.hwmKiB }));
}

/** The commitment skeleton Gongbi writes on creation, so reference documents hold the same content. */
export function commitmentTemplate(): Uint8Array {
  const doc = new Y.Doc();
  writeCommitment(
    doc,
    blankCommitment({
      id: 'c-bench-template',
      number: '1',
      domainId: 'bench',
      title: { zh: '承諾事項 1', en: 'Commitment 1' },
      leadAgency: { id: 'ndc', zh: '國家發展委員會', en: 'National Development Council' },
    }),
  );
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

export async function startReference(opts: { env?: Record<string, string> } = {}): Promise<Target> {
  const port = await freePort();
  const { child, output } = await launch([REFERENCE_SERVER], { HOST: '127.0.0.1', PORT: String(port), ...opts.env }, /running at/, 'reference server');
  return {
    kind: 'reference',
    label: 'reference',
    pids: [child.pid!],
    httpUrl: `http://127.0.0.1:${port}`,
    clientTemplate: commitmentTemplate(),
    docUrl: (name) => `ws://127.0.0.1:${port}/${name}`,
    sample: () => sampleProc(child.pid!),
    loadedDocuments: async () => null,
    prepareDocs: async (count, prefix = 'bench') => docNames(count, prefix),
    output,
    stop: stopper(child),
  };
}

export function startTarget(kind: TargetKind, gongbi: GongbiOptions = {}): Promise<Target> {
  return kind === 'gongbi' ? startGongbi(gongbi) : startReference();
}

/** Waits `ms`, then samples: lets the server settle (GC, timers) before an RSS reading. */
export async function settledSample(target: Target, ms = 1500): Promise<ProcSample> {
  await new Promise((r) => setTimeout(r, ms));
  return target.sample();
}
