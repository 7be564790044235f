/**
 * End-to-end convergence fuzz (see realSync.ts): stock y-websocket providers, a real server,
 * offline periods and a server restart on the same port; clients, room, a fresh client and
 * the store end identical. Seeds are fixed per CI run; `npm run fuzz -- --real` runs more.
 */
import { describe, expect, it } from 'vitest';
import { runRealFuzz } from './realSync.js';

/** Seeds that once failed, and why (none yet: the end-to-end runs found nothing the in-memory fuzzer had not). */
const PINNED: Array<[number, string]> = [];
const CI_SEEDS = [101, 102, 103, 104, 105];

describe('[SY9] end-to-end convergence fuzz: providers, restart, offline periods', () => {
  for (const [seed, why] of PINNED) {
    it(`seed ${seed} (pinned: ${why})`, async () => {
      expect((await runRealFuzz({ seed })).edits).toBeGreaterThan(0);
    });
  }
  for (const seed of CI_SEEDS) {
    it(`seed ${seed}`, async () => {
      const report = await runRealFuzz({ seed, steps: 200 });
      expect(report.restarts).toBe(1);
      expect(report.edits).toBeGreaterThan(100);
    });
  }
});
