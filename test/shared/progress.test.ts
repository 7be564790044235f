/** Milestone timing and a commitment's tally: the one rule every page shows (shared/schema/progress). */
import { describe, expect, it } from 'vitest';
import { DUE_SOON_DAYS, milestoneProgress, milestoneTiming, type MilestoneDue } from '../../shared/schema/index.js';
import { demoPlan } from '../../server/seed/demoPlan.js';
import { taipeiDay } from '../../shared/dates/index.js';

const open = (due: string): MilestoneDue => ({ due, status: 'not_started' });

describe('milestoneTiming', () => {
  const today = '2026-12-04';

  it('a completed milestone is done whatever its date; one past its day and not done is overdue', () => {
    expect(milestoneTiming({ due: '2021-12-31', status: 'completed' }, today)).toBe('done');
    expect(milestoneTiming({ due: '', status: 'completed' }, today)).toBe('done');
    expect(milestoneTiming(open('2021-12-31'), today)).toBe('overdue');
    expect(milestoneTiming({ due: '2026-12-03', status: 'in_progress' }, today)).toBe('overdue');
    expect(milestoneTiming({ due: '2026-12-03', status: 'delayed' }, today)).toBe('overdue');
  });

  it('due today is due soon, not overdue; the window ends DUE_SOON_DAYS later', () => {
    expect(milestoneTiming(open(today), today)).toBe('due_soon');
    expect(DUE_SOON_DAYS).toBe(30);
    expect(milestoneTiming(open('2027-01-03'), today)).toBe('due_soon');
    expect(milestoneTiming(open('2027-01-04'), today)).toBe('on_time');
    expect(milestoneTiming(open('2030-01-01'), today)).toBe('on_time');
  });

  it('crosses month, year and leap-day boundaries by calendar days', () => {
    expect(milestoneTiming(open('2024-02-29'), '2024-03-01')).toBe('overdue');
    expect(milestoneTiming(open('2024-02-29'), '2024-02-29')).toBe('due_soon');
    expect(milestoneTiming(open('2025-01-30'), '2024-12-31')).toBe('due_soon');
    expect(milestoneTiming(open('2025-01-31'), '2024-12-31')).toBe('on_time');
  });

  it('no date, free text and impossible days are undated, never overdue', () => {
    for (const due of ['', '   ', 'Q4', '2021-02-30', '2021-13-01', '2021/12/31', '2021-12-31T00:00:00Z']) {
      expect(milestoneTiming(open(due), today), due).toBe('undated');
    }
    expect(milestoneTiming(open(' 2021-12-31 '), today)).toBe('overdue');
  });

  it('ROC-year writings are not read as dates: the schema holds YYYY-MM-DD only, and 110 is not year 110', () => {
    for (const due of ['110-12-31', '110/12/31', '民國110年12月31日', '中華民國110年12月31日']) {
      expect(milestoneTiming(open(due), today), due).toBe('undated');
    }
  });

  it('refuses a "today" that is not a day', () => {
    expect(() => milestoneTiming(open('2021-12-31'), '2026-12')).toThrow(RangeError);
    expect(() => milestoneProgress([], 'today')).toThrow(RangeError);
  });
});

describe('milestoneProgress', () => {
  const today = '2026-12-04';

  it('counts done, on time (due soon among them), late and undated, and names the overall state', () => {
    const p = milestoneProgress(
      [
        { due: '2021-12-31', status: 'completed' },
        { due: '2022-12-31', status: 'completed' },
        { due: '2023-12-31', status: 'completed' },
        open('2024-05-31'),
        open('2026-12-20'),
        open('2027-06-30'),
        open(''),
      ],
      today,
    );
    expect(p).toEqual({ total: 7, done: 3, onTime: 2, dueSoon: 1, late: 1, undated: 1, state: 'late' });
  });

  it('none without milestones, done when all are, due soon before on track', () => {
    expect(milestoneProgress([], today).state).toBe('none');
    expect(milestoneProgress([{ due: '2021-12-31', status: 'completed' }, { due: '', status: 'completed' }], today).state).toBe('done');
    expect(milestoneProgress([open('2026-12-05'), open('2028-01-01')], today).state).toBe('due_soon');
    expect(milestoneProgress([open('2028-01-01'), open('')], today).state).toBe('on_track');
    expect(milestoneProgress([open('')], today)).toMatchObject({ total: 1, undated: 1, state: 'on_track' });
  });

  it('the demo plan in 2026: every 2021 milestone is not done and overdue', () => {
    const { commitments } = demoPlan();
    const in2021 = commitments.flatMap((c) => c.milestones.filter((m) => m.due.startsWith('2021-')));
    expect(in2021.length).toBeGreaterThan(0);
    expect(in2021.every((m) => milestoneTiming(m, '2026-12-04') === 'overdue')).toBe(true);
    // The real day is past the demo plan's end (2024-05-31): true from now on, not only today.
    expect(taipeiDay(Date.now()) > '2024-05-31').toBe(true);
    for (const c of commitments) expect(milestoneProgress(c.milestones, taipeiDay(Date.now()))).toMatchObject({ late: c.milestones.length, state: 'late' });
  });
});
