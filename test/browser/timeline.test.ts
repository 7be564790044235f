/**
 * Overdue milestones and commitment progress in real Chromium against the real server, on the
 * real day (in Taiwan): the demo plan's milestones (2021 to 2024) are all past due and not
 * done, so the editor and the timeline flag them 「逾期」 / "Overdue" with their due dates.
 * A coordinator marks one done and moves two dates (one due soon, one later); the overview
 * tallies each commitment; after publishing, the public plan page shows the published
 * tally, not the live one changed since. Both UI languages; axe finds no violation.
 * Run: `npx vitest run --project browser test/browser/timeline.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { taipeiDay } from '../../shared/dates/index.js';
import { formatDate } from '../../shared/dates/index.js';
import { COORDINATOR, axeViolations, hasChromium, newPerson, openCommitment, publishPlan, within } from './helpers.js';
import { browser, server, useBrowser } from './fixture.js';

const PLAN = 'plan-nap1';
const C01 = 'c-01-open-data-reuse';
const C04 = 'c-04-access-to-information';
/** The demo plan: 19 commitments of 4 yearly milestones each. */
const MILESTONES = 19 * 4;

const today = taipeiDay(Date.now());
const daysFromToday = (n: number) => taipeiDay(Date.now() + n * 86_400_000);
/** Due soon (within 30 days) and on time (later), whatever day the test runs. */
const SOON = daysFromToday(10);
const LATER = daysFromToday(400);

const dueField = (page: Page, m: string) => page.locator(`input[data-field="milestone.${m}.due"]`);
const dueCell = (page: Page, m: string) => page.locator(`tr[data-row="${m}"] td.ms-col-due`);
const progressOf = (page: Page, id: string) => page.locator('tr', { has: page.locator(`a[href="/c/${id}"]`) }).locator('.ms-progress');

const until = async (what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> => void (await within(ms, what, check));

/** Waits until the server's rendering of the commitment has the milestones as the editor set them. */
async function serverHas(context: BrowserContext, baseUrl: string, id: string, want: Record<string, { due?: string; status?: string }>): Promise<void> {
  await until(`${id} saved on the server`, async () => {
    const res = await context.request.get(`${baseUrl}/api/commitments/${id}`);
    const { commitment } = (await res.json()) as { commitment: { milestones: Array<{ id: string; due: string; status: string }> } };
    return Object.entries(want).every(([m, w]) => {
      const row = commitment.milestones.find((x) => x.id === m);
      return !!row && (w.due === undefined || row.due === w.due) && (w.status === undefined || row.status === w.status);
    });
  });
}

describe.skipIf(!hasChromium)('overdue milestones and progress in Chromium', () => {
  useBrowser();

  it('TL1 the demo plan\'s milestones are overdue today in the editor; marking one done and moving dates changes the badges, the overview tally and the timeline (zh)', async () => {
    expect(today > '2024-05-31').toBe(true);
    const { context, page } = await newPerson(browser, server.url, COORDINATOR);
    try {
      await openCommitment(page, server.url, C04);
      for (const [m, due] of [['m2021', '2021-12-31'], ['m2022', '2022-12-31'], ['m2023', '2023-12-31'], ['m2024', '2024-05-31']] as const) {
        const badge = dueCell(page, m).locator('.badge');
        expect(await badge.textContent()).toBe(`逾期（${formatDate(due, 'zh', 'short')}到期）`);
        // The date field points to its badge: a screen reader hears "overdue" with the date.
        expect(await dueField(page, m).getAttribute('aria-describedby')).toBe(await badge.getAttribute('id'));
      }
      expect(await dueCell(page, 'm2021').locator('.badge').textContent()).toBe('逾期（中華民國110年12月31日到期）');
      expect(await axeViolations(page)).toEqual([]);

      await page.locator('select[data-field="milestone.m2021.status"]').selectOption('completed');
      await dueField(page, 'm2024').fill(SOON);
      await dueField(page, 'm2023').fill(LATER);
      await dueCell(page, 'm2021').locator('.badge').waitFor({ state: 'detached' });
      expect(await dueField(page, 'm2021').getAttribute('aria-describedby')).toBeNull();
      expect(await dueCell(page, 'm2024').locator('.badge').textContent()).toBe(`即將到期（${formatDate(SOON, 'zh', 'short')}）`);
      expect(await dueCell(page, 'm2023').locator('.badge').count()).toBe(0);
      expect(await dueCell(page, 'm2022').locator('.badge').textContent()).toBe('逾期（中華民國111年12月31日到期）');
      await serverHas(context, server.url, C04, { m2021: { status: 'completed' }, m2023: { due: LATER }, m2024: { due: SOON } });

      await page.goto(`${server.url}/plans/${PLAN}`);
      await progressOf(page, C04).waitFor();
      expect(await progressOf(page, C04).locator('.ms-progress-text').textContent()).toBe('已完成 1・逾期 1・共 4・即將到期 1');
      expect(await progressOf(page, C01).locator('.ms-progress-text').textContent()).toBe('已完成 0・逾期 4・共 4');
      expect(await progressOf(page, C04).getAttribute('data-state')).toBe('late');
      expect(await page.getByRole('img', { name: '里程碑進度：共 4 項，已完成 1 項，逾期 1 項' }).count()).toBe(1);
      expect(await page.getByRole('img', { name: '里程碑進度：共 4 項，已完成 0 項，逾期 4 項' }).count()).toBe(18);
      expect(await page.getByRole('columnheader', { name: '里程碑進度' }).count()).toBeGreaterThan(0);
      expect(await axeViolations(page)).toEqual([]);

      await page.goto(`${server.url}/plans/${PLAN}/timeline`);
      await page.locator('.tl-milestone').first().waitFor();
      const c04 = (m: string) => page.locator('.tl-milestone', { has: page.locator(`a[href="/c/${C04}"]`) }).filter({ has: page.locator(`time[datetime="${m}"]`) });
      expect(await c04('2022-12-31').locator('.ms-timing').textContent()).toBe('逾期');
      expect(await c04('2021-12-31').locator('.ms-timing').count()).toBe(0);
      expect(await c04(SOON).locator('.ms-timing').textContent()).toBe('即將到期');
      expect(await c04(LATER).locator('.ms-timing').count()).toBe(0);
      expect(await page.locator('.tl-milestone .ms-timing-overdue').count()).toBe(MILESTONES - 3);
      expect(await page.locator('.tl-milestone .ms-timing-due_soon').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('TL2 in English: the public plan page shows the published tally (not live changes made since), the editor and the timeline say "Overdue"; axe clean', async () => {
    await publishPlan(server.url);
    const { context, page } = await newPerson(browser, server.url, COORDINATOR, { uiLang: 'en' });
    const visitor = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-TW' });
    try {
      // A live change after publishing: the public must not see it.
      await openCommitment(page, server.url, C04);
      await page.locator('select[data-field="milestone.m2022.status"]').selectOption('completed');
      await dueCell(page, 'm2022').locator('.badge').waitFor({ state: 'detached' });
      await serverHas(context, server.url, C04, { m2022: { status: 'completed' } });
      await openCommitment(page, server.url, C01);
      expect(await dueCell(page, 'm2021').locator('.badge').textContent()).toBe('Overdue (due 31 Dec 2021)');
      expect(await page.locator('td.ms-col-due .ms-timing-overdue').count()).toBe(4);
      expect(await axeViolations(page)).toEqual([]);

      await page.goto(`${server.url}/plans/${PLAN}`);
      await progressOf(page, C04).waitFor();
      expect(await progressOf(page, C04).locator('.ms-progress-text').textContent()).toBe('2 done · 0 late of 4 · 1 due soon');
      expect(await progressOf(page, C04).getAttribute('data-state')).toBe('due_soon');
      expect(await progressOf(page, C01).locator('.ms-progress-text').textContent()).toBe('0 done · 4 late of 4');
      expect(await page.getByRole('img', { name: 'Milestone progress: 2 of 4 done, 0 late' }).count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);

      await page.goto(`${server.url}/plans/${PLAN}/timeline`);
      await page.locator('.tl-milestone').first().waitFor();
      expect(await page.locator('.tl-milestone .ms-timing-overdue').first().textContent()).toBe('Overdue');
      expect(await page.locator('.tl-milestone .ms-timing-overdue').count()).toBe(MILESTONES - 4);

      // The public, no sign-in, in English.
      await visitor.addInitScript(() => {
        if (!localStorage.getItem('gongbi.uiLang')) localStorage.setItem('gongbi.uiLang', 'en');
      });
      const pub = await visitor.newPage();
      pub.on('pageerror', (err) => console.error('[page error] visitor:', err));
      await pub.goto(`${server.url}/public/plans/${PLAN}`);
      const line = (id: string) => pub.locator('.public-commitments li', { has: pub.locator(`a[href="/public/c/${id}"]`) }).locator('.ms-progress');
      await line(C04).waitFor();
      expect(await line(C04).locator('.ms-progress-text').textContent()).toBe('1 done · 1 late of 4 · 1 due soon');
      expect(await line(C01).locator('.ms-progress-text').textContent()).toBe('0 done · 4 late of 4');
      expect(await pub.getByRole('img', { name: 'Milestone progress: 1 of 4 done, 1 late' }).count()).toBe(1);
      expect(await pub.locator('#pub-timeline ~ .tl .ms-timing-overdue').count()).toBe(MILESTONES - 3);
      expect(await axeViolations(pub)).toEqual([]);

      await pub.goto(`${server.url}/public/c/${C04}`);
      const row = pub.locator('#milestone-m2022');
      await row.waitFor();
      expect(await row.locator('.ms-timing').textContent()).toBe('Overdue');
      expect(await pub.locator('#milestone-m2021 .ms-timing').count()).toBe(0);
      expect(await axeViolations(pub)).toEqual([]);

      // 中文 on the public page too.
      await pub.evaluate(() => localStorage.setItem('gongbi.uiLang', 'zh'));
      await pub.goto(`${server.url}/public/plans/${PLAN}`);
      await line(C04).waitFor();
      expect(await line(C04).locator('.ms-progress-text').textContent()).toBe('已完成 1・逾期 1・共 4・即將到期 1');
    } finally {
      await visitor.close();
      await context.close();
    }
  });
});
