/**
 * Where a commitment's milestones stand on a given day: each one done, on time, due soon or
 * overdue, and the commitment's tally. One rule for the editor, the timeline, the overview
 * and the public site, so a milestone is never overdue on one page and on time on another.
 * "Today" is a parameter (a Taipei calendar day, `taipeiDay` in shared/dates): the function
 * is pure and a page or a test decides which day it is.
 */
import { parseCalendarDate } from '../dates/index.js';
import type { MilestoneJSON } from './types.js';

/** What the classification needs of a milestone row. */
export type MilestoneDue = Pick<MilestoneJSON, 'due' | 'status'>;

/**
 * `done`: marked completed, whatever its date. `overdue`: not done and its due day has passed.
 * `due_soon`: not done, due today or within `DUE_SOON_DAYS`. `on_time`: not done, due later.
 * `undated`: not done and no real `YYYY-MM-DD` due date (empty, free text, 2021-02-30), so
 * nothing can be said about its timing.
 */
export type MilestoneTiming = 'done' | 'on_time' | 'due_soon' | 'overdue' | 'undated';

/** A milestone due within this many days from today is "due soon". */
export const DUE_SOON_DAYS = 30;

const DAY_MS = 86_400_000;

function dayOf(today: string): Date {
  const d = parseCalendarDate(today);
  // A caller passing a bad "today" is a programming error, not data to classify around.
  if (!d) throw new RangeError(`today must be a YYYY-MM-DD day, got "${today}"`);
  return d;
}

/** The milestone's timing on `today` (`YYYY-MM-DD`, Taipei). A milestone due today is not yet overdue. */
export function milestoneTiming(m: MilestoneDue, today: string): MilestoneTiming {
  const now = dayOf(today);
  if (m.status === 'completed') return 'done';
  const due = parseCalendarDate(m.due.trim());
  if (!due) return 'undated';
  if (due < now) return 'overdue';
  return due.getTime() - now.getTime() <= DUE_SOON_DAYS * DAY_MS ? 'due_soon' : 'on_time';
}

/**
 * The commitment's state at a glance: `none` without milestones; `done` when every one is;
 * `late` when any is overdue; `due_soon` when any is due soon; `on_track` otherwise.
 */
export type ProgressState = 'none' | 'done' | 'late' | 'due_soon' | 'on_track';

export interface MilestoneProgress {
  total: number;
  done: number;
  /** Not done and not yet due (due soon included; `dueSoon` says how many of them). */
  onTime: number;
  dueSoon: number;
  /** Overdue: past the due day and not done. */
  late: number;
  undated: number;
  state: ProgressState;
}

export function milestoneProgress(milestones: readonly MilestoneDue[], today: string): MilestoneProgress {
  dayOf(today);
  const p: MilestoneProgress = { total: milestones.length, done: 0, onTime: 0, dueSoon: 0, late: 0, undated: 0, state: 'none' };
  for (const m of milestones) {
    const timing = milestoneTiming(m, today);
    if (timing === 'done') p.done++;
    else if (timing === 'overdue') p.late++;
    else if (timing === 'undated') p.undated++;
    else {
      p.onTime++;
      if (timing === 'due_soon') p.dueSoon++;
    }
  }
  if (p.total === 0) p.state = 'none';
  else if (p.done === p.total) p.state = 'done';
  else if (p.late > 0) p.state = 'late';
  else if (p.dueSoon > 0) p.state = 'due_soon';
  else p.state = 'on_track';
  return p;
}

/** Only what the tally needs, for the API summaries (no texts travel with them). */
export const milestoneDues = (milestones: readonly MilestoneJSON[]): MilestoneDue[] => milestones.map((m) => ({ due: m.due, status: m.status }));
