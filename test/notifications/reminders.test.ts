/**
 * Reminders against the real server with the demo plan, on SQLite (a real port, the inbox read
 * over HTTP) and on PostgreSQL: a milestone due tomorrow, one overdue and one completed on
 * c-04, and a review meeting next week. One run tells each writer once; a second run and a
 * run after a restart add nothing. The clock is passed to the run (2030, far from the demo
 * plan's own 2021–2024 milestones).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { setMilestoneValue } from '../../shared/schema/index.js';
import { createApp, type GongbiApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/log.js';
import { seedDemoIfEmpty } from '../../server/seed/seed.js';
import { DEMO_PLAN_ID } from '../../server/seed/demoPlan.js';
import { PostgresStore, type Store } from '../../server/storage/index.js';
import { SYSTEM_AUTHOR } from '../../server/sync/origins.js';
import { DEMO, over, signIn } from '../helpers/auth.js';
import { startTestServer } from '../helpers/server.js';
import { TEST_DATABASE_URL, createTestSchema, postgresReachable, skipNotice } from '../helpers/services.js';
import { tempDir } from '../helpers/tempDir.js';
import { C04 } from './helpers.js';

const pgSkip = skipNotice(!(await postgresReachable()), `PostgreSQL reminders: nothing answers at ${TEST_DATABASE_URL}`);

/** Noon of 15 June 2030 in Taiwan. */
const NOW = Date.UTC(2030, 5, 15, 4);
const TOMORROW = '2030-06-16';
const OVERDUE = '2030-06-10';
const MEETING = '2030-06-20';

type Who = keyof typeof DEMO;
interface Running {
  gongbi: GongbiApp;
  store: Store;
  /** The person's notifications, newest first. */
  inbox(who: Who): Promise<{ notifications: Array<{ kind: string; commitmentId: string; due: string; excerpt: string; readAt: string | null }>; unread: number }>;
  close(): Promise<void>;
}

async function prepare(r: Running): Promise<void> {
  await r.gongbi.rooms.change(C04, SYSTEM_AUTHOR, (doc) => {
    setMilestoneValue(doc, 'm2021', 'due', TOMORROW);
    setMilestoneValue(doc, 'm2022', 'due', OVERDUE);
    setMilestoneValue(doc, 'm2022', 'status', 'delayed');
    // Completed: no reminder, however near its date.
    setMilestoneValue(doc, 'm2023', 'due', TOMORROW);
    setMilestoneValue(doc, 'm2023', 'status', 'completed');
    // More than a week ahead: not yet.
    setMilestoneValue(doc, 'm2024', 'due', '2030-06-30');
  });
  const coordinator = (await r.store.getUserByEmail(DEMO.coordinator))!;
  const by = { userId: coordinator.id, name: coordinator.name, affiliation: 'government' as const };
  await r.store.createCycle({ id: 'cy-reminder', planId: DEMO_PLAN_ID, label: '第3次推動小組會議', meetingDate: MEETING, notes: '', labelEn: '3rd steering meeting', notesEn: '', createdBy: by, createdAt: NOW - 86400_000, snapshotAt: null });
  await r.store.createCycle({ id: 'cy-past', planId: DEMO_PLAN_ID, label: '第2次推動小組會議', meetingDate: '2030-06-01', notes: '', labelEn: '', notesEn: '', createdBy: by, createdAt: NOW - 30 * 86400_000, snapshotAt: null });
}

function scenario(name: string, open: () => Promise<Running>, reopen: () => Promise<Running>) {
  describe(`NT8 reminders: ${name}`, () => {
    let r: Running | null = null;
    afterAll(async () => r?.close());

    it('one run tells each writer of c-04 of the milestone due tomorrow and the overdue one, and every plan writer of the meeting; a second run adds none', async () => {
      r = await open();
      await prepare(r);
      const made = await r.gongbi.reminders.runOnce(NOW);
      expect(made).toBeGreaterThan(0);

      const agency = await r.inbox('agency');
      const milestones = agency.notifications.filter((n) => n.commitmentId === C04).map((n) => [n.kind, n.due]).sort();
      expect(milestones).toEqual([['milestone_due', TOMORROW], ['milestone_overdue', OVERDUE]]);
      const meeting = agency.notifications.filter((n) => n.kind === 'review_meeting');
      expect(meeting).toEqual([expect.objectContaining({ commitmentId: DEMO_PLAN_ID, due: MEETING, excerpt: '第3次推動小組會議', readAt: null })]);
      expect(agency.unread).toBe(3);
      // The civil-society member is in c-04's working group: told as well.
      expect((await r.inbox('civil')).notifications.filter((n) => n.commitmentId === C04)).toHaveLength(2);
      // A viewer writes nothing: no reminder at all.
      expect(await r.inbox('viewer')).toEqual({ notifications: [], unread: 0 });

      expect(await r.gongbi.reminders.runOnce(NOW)).toBe(0);
      expect(await r.gongbi.reminders.runOnce(NOW + 3600_000)).toBe(0);
      expect((await r.inbox('agency')).notifications).toHaveLength(3);
    });

    it('after a restart the same reminders are not made again; a moved due date is reminded for its new date', async () => {
      await r!.close();
      r = await reopen();
      expect(await r.gongbi.reminders.runOnce(NOW)).toBe(0);
      expect((await r.inbox('agency')).notifications).toHaveLength(3);

      await r.gongbi.rooms.change(C04, SYSTEM_AUTHOR, (doc) => setMilestoneValue(doc, 'm2021', 'due', '2030-06-18'));
      expect(await r.gongbi.reminders.runOnce(NOW)).toBeGreaterThan(0);
      const agency = await r.inbox('agency');
      expect(agency.notifications.filter((n) => n.kind === 'milestone_due').map((n) => n.due).sort()).toEqual(['2030-06-16', '2030-06-18']);
    });
  });
}

// ---- SQLite: a real server on a real port, the inbox over HTTP ----------------------------

const tmp = tempDir();
afterAll(() => tmp.remove());
async function sqliteServer(): Promise<Running> {
  const server = await startTestServer({ dataDir: tmp.dir, env: { GONGBI_REMINDER_INTERVAL_MS: '0' } });
  const tokens = new Map<Who, string>();
  return {
    gongbi: server.gongbi,
    store: server.store,
    async inbox(who) {
      if (!tokens.has(who)) tokens.set(who, await signIn(over(server.url), DEMO[who]));
      const res = await fetch(`${server.url}/api/notifications`, { headers: { authorization: `Bearer ${tokens.get(who)}` } });
      expect(res.status).toBe(200);
      return res.json();
    },
    close: () => server.close(),
  };
}
scenario('SQLite', sqliteServer, sqliteServer);

// ---- PostgreSQL: the same app on a schema of its own ----------------------------------------

describe.skipIf(pgSkip)('PostgreSQL', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>> | null = null;
  afterAll(async () => schema?.drop());
  const pgApp = async (): Promise<Running> => {
    schema ??= await createTestSchema();
    const config = loadConfig({ GONGBI_DATA_DIR: tmp.dir, GONGBI_LOG_LEVEL: 'silent', GONGBI_REMINDER_INTERVAL_MS: '0' });
    const store = await PostgresStore.open({ connectionString: schema.url, poolSize: 4 });
    const gongbi = createApp({ config, store, logger: silentLogger });
    await seedDemoIfEmpty(store, gongbi.rooms);
    return {
      gongbi,
      store,
      async inbox(who) {
        const u = (await store.getUserByEmail(DEMO[who]))!;
        return gongbi.notifications.list({ id: u.id } as never);
      },
      async close() {
        await gongbi.close();
        await store.close();
      },
    };
  };
  scenario('PostgreSQL', pgApp, pgApp);
});
