/**
 * Long fuzzing from the command line: random seeds for N minutes, progress every few
 * seconds, every failing seed printed with its replay line (pin it in convergence.test.ts).
 *
 *   npm run fuzz -- --minutes 10            in-memory simulation (fast, thousands of seeds)
 *   npm run fuzz -- --minutes 10 --real     also the end-to-end runs (real server, providers)
 *   npm run fuzz -- --seed 1234             replay one seed (add --real for the end-to-end one)
 *   npm run fuzz -- --minutes 5 --steps 1000
 *
 * Exits 1 when any seed failed.
 */
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { runSimulation, type SimReport } from './simulation.js';
import { runRealFuzz } from './realSync.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '1' },
    real: { type: 'boolean', default: false },
    seed: { type: 'string' },
    steps: { type: 'string' },
  },
});

const minutes = Number(values.minutes);
const steps = values.steps ? Number(values.steps) : undefined;
if (!Number.isFinite(minutes) || minutes <= 0 || (steps !== undefined && !(steps > 0))) {
  console.error('usage: npm run fuzz -- [--minutes N] [--real] [--seed S] [--steps K]');
  process.exit(2);
}

const failures: string[] = [];
let runs = 0;
let realRuns = 0;
const totals = { edits: 0, delivered: 0, crashes: 0, restarts: 0, acked: 0 };

async function one(seed: number, real: boolean): Promise<void> {
  try {
    if (real) {
      await runRealFuzz({ seed, steps: steps ?? 300 });
      realRuns++;
    } else {
      const r: SimReport = await runSimulation({ seed, steps: steps ?? 300 });
      runs++;
      totals.edits += r.edits;
      totals.delivered += r.delivered;
      totals.crashes += r.crashes;
      totals.restarts += r.restarts;
      totals.acked += r.acked;
    }
  } catch (err) {
    const message = (err as Error).message;
    failures.push(`${real ? 'real ' : ''}seed ${seed}`);
    console.log(`\nFAILED (${real ? 'end-to-end' : 'in-memory'}) ${message}\n`);
  }
}

if (values.seed !== undefined) {
  await one(Number(values.seed), values.real);
} else {
  const started = Date.now();
  const deadline = started + minutes * 60_000;
  let lastReport = started;
  console.log(`fuzzing for ${minutes} min (${values.real ? 'in-memory and end-to-end' : 'in-memory'}), ${steps ?? 300} steps per seed`);
  while (Date.now() < deadline) {
    // One end-to-end run for every 20 in-memory ones: they are ~50 times slower.
    const real = values.real && (runs + realRuns) % 20 === 19;
    await one(randomInt(1, 2 ** 31), real);
    if (Date.now() - lastReport > 5000) {
      lastReport = Date.now();
      const elapsed = Math.round((lastReport - started) / 1000);
      console.log(
        `${elapsed}s: ${runs} in-memory seeds (${totals.edits} edits, ${totals.delivered} messages, ${totals.restarts} restarts, ${totals.crashes} crashes, ${totals.acked} acks)` +
          `${values.real ? `, ${realRuns} end-to-end` : ''}, ${failures.length} failed`,
      );
    }
  }
}

console.log(failures.length ? `\n${failures.length} failing: ${failures.join(', ')}` : `\nno failures (${runs} in-memory, ${realRuns} end-to-end)`);
process.exit(failures.length ? 1 : 0);
