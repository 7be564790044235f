/** What a scenario module exports and returns; `scenarios/index.ts` lists the modules. */

export type Cell = string | number | null;

export interface Table {
  title: string;
  columns: string[];
  rows: Cell[][];
  notes?: string[];
}

/** A goal from the issue, printed as pass/miss (never asserted). `pass: null` = not measurable here. */
export interface Goal {
  goal: string;
  measured: string;
  pass: boolean | null;
  note?: string;
}

export interface ScenarioResult {
  name: string;
  title: string;
  params: Record<string, unknown>;
  /** Machine-readable figures, per target. */
  data: Record<string, unknown>;
  tables: Table[];
  goals: Goal[];
  /** Gongbi / reference ratios (lower is better for Gongbi). */
  ratios: Array<{ metric: string; gongbi: number | null; reference: number | null; ratio: number | null; unit: string }>;
  notes: string[];
  durationSec?: number;
}

export interface ScenarioContext {
  quick: boolean;
  log(message: string): void;
}

export interface Scenario {
  name: string;
  title: string;
  /** Part of `--quick` (with shortened windows)? */
  inQuick: boolean;
  run(ctx: ScenarioContext): Promise<ScenarioResult>;
}
