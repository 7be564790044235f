/**
 * The scenarios `npm run bench` runs, in order. To add one, write a module in this folder
 * that exports a `Scenario` (see ../types.ts) and append it here; `--only <name>` selects by name.
 */
import type { Scenario } from '../types.js';
import { historyScenario } from './history.js';
import { idleScenario } from './idle.js';
import { loadScenario } from './load.js';
import { sweepScenario } from './sweep.js';
import { documentsScenario } from './documents.js';
import { clusterScenario } from './cluster.js';
import { hostileScenario } from './hostile.js';

export const scenarios: Scenario[] = [
  loadScenario(50, 5, 2, { normalSync: true }),
  loadScenario(200, 20, 2, { inQuick: true, relayAfterFsync: true }),
  loadScenario(500, 50, 2),
  loadScenario(1000, 100, 2, { goalP99: true, normalSync: true }),
  sweepScenario,
  historyScenario,
  idleScenario,
  documentsScenario,
  clusterScenario,
  hostileScenario,
];
