/** The timeline of a plan: review meetings, their snapshots and milestone due dates, by date. */
import type { TimelineItem } from '../../shared/protocol/public.js';
import type { CommitmentJSON } from '../../shared/schema/index.js';
import { taipeiDay } from '../../shared/dates/index.js';
import type { ReviewCycle } from '../storage/index.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const KIND_ORDER: Record<TimelineItem['kind'], number> = { meeting: 0, snapshot: 1, milestone: 2 };

/** Natural order of commitment numbers ("2" before "10", "1-2" before "1-10"). */
const byNumber = new Intl.Collator('en', { numeric: true });

/**
 * @param cycles the plan's review cycles
 * @param commitments the commitments whose milestones count (live ones, or a published version's)
 * @param publishedCycleId the cycle the public site shows, marked on its meeting and snapshot
 */
export function buildTimeline(cycles: ReviewCycle[], commitments: Iterable<CommitmentJSON>, publishedCycleId: string | null): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (const c of cycles) {
    const published = c.id === publishedCycleId;
    items.push({ kind: 'meeting', date: c.meetingDate, cycleId: c.id, label: c.label, snapshotAt: c.snapshotAt === null ? null : new Date(c.snapshotAt).toISOString(), published });
    if (c.snapshotAt !== null) {
      // Calendar dates are Taiwan's: a snapshot taken at 07:00 in Taipei belongs to that day.
      items.push({ kind: 'snapshot', date: taipeiDay(c.snapshotAt), cycleId: c.id, label: c.label, takenAt: new Date(c.snapshotAt).toISOString(), published });
    }
  }
  for (const c of commitments) {
    for (const m of c.milestones ?? []) {
      if (!ISO_DATE.test(m.due)) continue;
      items.push({ kind: 'milestone', date: m.due, commitmentId: c.id, commitmentNumber: c.number, commitmentTitle: c.title, milestoneId: m.id, text: m.text, status: m.status });
    }
  }
  const number = (i: TimelineItem) => (i.kind === 'milestone' ? i.commitmentNumber : '');
  return items.sort((a, b) => a.date.localeCompare(b.date) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || byNumber.compare(number(a), number(b)));
}
