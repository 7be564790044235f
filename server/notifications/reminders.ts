/**
 * Reminders: once per interval, each person who writes a commitment is told of its milestones
 * due within a week or recently overdue (and not completed), and everyone who writes in a plan
 * of its review meetings within a week. Each reminder is made at most once per person — the
 * sent keys are stored, so a restart or a second process of a cluster does not repeat it — and
 * a milestone whose due date moves is reminded again for the new date.
 */
import { renderCommitment, renderPlan } from '../../shared/schema/index.js';
import { taipeiDay } from '../../shared/dates/index.js';
import type { Account } from '../auth/types.js';
import type { Logger } from '../log.js';
import { readAccess } from '../rights/read.js';
import type { Store } from '../storage/index.js';
import type { Rooms } from '../sync/rooms.js';
import type { Notifications } from './service.js';

/** How far ahead a milestone's due date or a meeting counts as "coming up", in days. */
export const REMINDER_AHEAD_DAYS = 7;
/**
 * How long after its due date an open milestone is still reminded of, in days. Without a
 * bound, a plan brought in with years of unfinished milestones would flood every writer's
 * bell the first time the job runs; a milestone left overdue longer has been seen in review.
 */
export const REMINDER_OVERDUE_DAYS = 30;
/** Default interval between runs (`GONGBI_REMINDER_INTERVAL_MS`); 0 turns reminders off. */
export const DEFAULT_REMINDER_INTERVAL_MS = 3600_000;

export interface RemindersDeps {
  store: Store;
  rooms: Rooms;
  notifications: Notifications;
  logger: Logger;
}

const DAY_MS = 86400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export class Reminders {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly deps: RemindersDeps,
    private readonly intervalMs: number,
  ) {}

  /**
   * The first run is one interval after start, not at start: a server restarted often makes
   * no burst of work at each start, and the stored keys make the timing safe either way.
   */
  start(): void {
    if (this.timer || this.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.runOnce().catch((err) => this.deps.logger.error('the reminder run failed', { error: String(err) })), this.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => {});
  }

  /** Makes every reminder due at `now` that was not made before; returns how many were made. */
  runOnce(now = Date.now()): Promise<number> {
    // Overlapping runs would only race to claim the same keys.
    this.running ??= this.run(now).finally(() => (this.running = null));
    return this.running;
  }

  private async run(now: number): Promise<number> {
    const today = taipeiDay(now);
    const soon = addDays(today, REMINDER_AHEAD_DAYS);
    const oldest = addDays(today, -REMINDER_OVERDUE_DAYS);
    const accounts = (await this.deps.store.listUsers()).filter((a) => a.disabledAt === null);
    const writersOf = async (commitmentId: string): Promise<Account[]> => {
      const out: Account[] = [];
      for (const a of accounts) if ((await readAccess(this.deps, a, commitmentId)) === 'write') out.push(a);
      return out;
    };
    let made = 0;
    const planWriters = new Map<string, Set<string>>();
    for (const record of await this.deps.store.listDocuments({ kind: 'commitment' })) {
      const c = await this.deps.rooms.read(record.name, renderCommitment);
      if (!c) continue;
      const writers = await writersOf(record.name);
      const inPlan = planWriters.get(record.planId) ?? new Set<string>();
      writers.forEach((w) => inPlan.add(w.id));
      planWriters.set(record.planId, inPlan);
      const commitment = { number: c.number, zh: c.title.zh, en: c.title.en };
      for (const m of c.milestones) {
        if (!ISO_DAY.test(m.due) || m.status === 'completed' || m.due > soon || m.due < oldest) continue;
        const kind = m.due < today ? 'milestone_overdue' : 'milestone_due';
        for (const w of writers) {
          const key = `milestone:${w.id}:${record.name}:${m.id}:${m.due}`;
          if (await this.deps.notifications.remind(w.id, key, { kind, commitmentId: record.name, commitment, excerpt: m.text.zh || m.text.en, due: m.due })) made++;
        }
      }
    }
    for (const [planId, writers] of planWriters) {
      const meetings = (await this.deps.store.listCycles(planId)).filter((cy) => ISO_DAY.test(cy.meetingDate) && cy.meetingDate >= today && cy.meetingDate <= soon);
      if (meetings.length === 0) continue;
      const plan = await this.deps.rooms.read(planId, renderPlan);
      const title = { number: '', zh: plan?.title.zh ?? '', en: plan?.title.en ?? '' };
      for (const cy of meetings) {
        for (const userId of writers) {
          const key = `meeting:${userId}:${cy.id}:${cy.meetingDate}`;
          if (await this.deps.notifications.remind(userId, key, { kind: 'review_meeting', commitmentId: planId, commitment: title, excerpt: cy.label || cy.labelEn, due: cy.meetingDate })) made++;
        }
      }
    }
    if (made) this.deps.logger.info('reminders made', { count: made });
    return made;
  }
}
