/**
 * The notification bell in real Chromium against the real server: a viewer mentions the agency
 * editor right after a Chinese full stop (「數據。@」, picked from the list) and again in a
 * reply; the agency editor's bell shows the count (seen and in its name), the panel lists
 * both newest first in zh-TW and in English, the keyboard opens, moves and closes it, "mark
 * all read" clears the count for good, the e-mail switch is saved, axe finds nothing with the
 * panel open in either language, at 390 px the header does not overflow, and print hides it.
 * Run: `npx vitest run --project browser test/browser/notifications.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { setMilestoneValue } from '../../shared/schema/index.js';
import { taipeiDay } from '../../shared/dates/index.js';
import { over, signIn } from '../helpers/auth.js';
import { connectSynced } from '../helpers/peers.js';
import { AGENCY, VIEWER, axeViolations, hasChromium, newPerson, openCommitment, startServer } from './helpers.js';
import { browser, server, useBrowser } from './fixture.js';

const C04 = 'c-04-access-to-information';
const SECTION = '公共問題 （中文）';
const LIVE_MS = 15_000;
const nameRe = (name: string) => new RegExp(name.replace(/[()（）]/g, '.'));

const bell = (page: Page) => page.locator('.bell-button');
const panel = (page: Page) => page.getByRole('dialog', { name: /^(通知|Notifications)$/ });
const focusedText = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? '');
const focusedIsBell = (page: Page) => page.evaluate(() => document.activeElement?.classList.contains('bell-button') ?? false);

/** Selects the first characters of the section's first paragraph, as a mouse would. */
async function selectStart(page: Page, to: number): Promise<void> {
  await page.getByRole('textbox', { name: SECTION, exact: true }).evaluate((el, b) => {
    const text = document.createTreeWalker(el.querySelector('p')!, NodeFilter.SHOW_TEXT).nextNode() as Text;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, b);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
  }, to);
}

async function noOverflow(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, header: document.querySelector('.app-header')!.scrollWidth }));
  expect(widths.doc).toBeLessThanOrEqual(390);
  expect(widths.header).toBeLessThanOrEqual(390);
}

describe.skipIf(!hasChromium)('the notification bell', () => {
  useBrowser();

  it('a mention typed after 「數據。」 reaches the person\'s bell; the panel in both languages, keyboard, mark all read, e-mail switch, axe clean', async () => {
    const viewer = await newPerson(browser, server.url, VIEWER);
    const agency = await newPerson(browser, server.url, AGENCY);
    try {
      // A retry starts from a clean bell (the first attempt's notifications stay, read).
      await agency.context.request.post(`${server.url}/api/notifications/read`, { data: { all: true }, headers: { origin: server.url } });
      await agency.page.goto(server.url + '/');
      await agency.page.getByRole('button', { name: '通知，沒有未讀' }).waitFor();
      expect(await agency.page.locator('.bell-count').count()).toBe(0);

      // The viewer comments with a mention picked right after a Chinese full stop.
      await openCommitment(viewer.page, server.url, C04);
      const comments = viewer.page.getByRole('complementary', { name: /^留言/ });
      await selectStart(viewer.page, 6);
      await viewer.page.getByRole('button', { name: '對「公共問題（中文）」所選的文字留言' }).click();
      const box = comments.getByLabel('留言內容');
      await box.pressSequentially('請補充數據。@王');
      await viewer.page.getByRole('option', { name: nameRe(AGENCY.name) }).waitFor();
      await box.press('Enter');
      expect(await box.inputValue()).toBe(`請補充數據。@${AGENCY.name} `);
      await comments.getByRole('button', { name: '送出留言' }).click();
      const thread = comments.locator('.thread').first();
      await thread.waitFor();

      // The bell learns of it when the window gets focus back (no waiting for the 30 s poll).
      await agency.page.waitForFunction(
        () => {
          window.dispatchEvent(new Event('focus'));
          return document.querySelector('.bell-button')?.getAttribute('aria-label') === '通知，1 則未讀';
        },
        undefined,
        { timeout: LIVE_MS, polling: 500 },
      );
      expect(await agency.page.locator('.bell-count').textContent()).toBe('1');

      // A second mention, in a reply: two, newest first.
      await thread.getByLabel('回覆這則留言').fill(`另外也請 @${AGENCY.name} 確認時程。`);
      await thread.getByRole('button', { name: '送出回覆' }).click();
      await agency.page.waitForFunction(
        () => {
          window.dispatchEvent(new Event('focus'));
          return document.querySelector('.bell-button')?.getAttribute('aria-label') === '通知，2 則未讀';
        },
        undefined,
        { timeout: LIVE_MS, polling: 500 },
      );
      const page = agency.page;
      expect(await page.locator('.bell-count').textContent()).toBe('2');

      // Keyboard: Enter opens, focus on the newest; arrows move; Escape closes back to the bell.
      await bell(page).focus();
      await page.keyboard.press('Enter');
      await panel(page).waitFor();
      expect(await bell(page).getAttribute('aria-expanded')).toBe('true');
      const items = panel(page).locator('.bell-item');
      expect(await panel(page).locator('.bell-unread .bell-item').count()).toBe(2);
      expect(await items.nth(0).innerText()).toContain('確認時程');
      expect(await items.nth(1).innerText()).toContain(`「請補充數據。@${AGENCY.name}」`);
      for (const i of [0, 1]) {
        const text = await items.nth(i).innerText();
        expect(text).toContain(`${VIEWER.name} 在留言中提到您`);
        expect(text).toMatch(/1-4/);
        expect(text).toMatch(/現在|秒|分鐘/);
        expect(await items.nth(i).getAttribute('href')).toBe(`/c/${C04}`);
      }
      expect(await focusedText(page)).toContain('確認時程');
      await page.keyboard.press('ArrowDown');
      expect(await focusedText(page)).toContain('請補充數據。');
      await page.keyboard.press('ArrowUp');
      expect(await focusedText(page)).toContain('確認時程');
      await page.keyboard.press('Tab');
      expect(await focusedText(page)).toContain('請補充數據。');
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await panel(page).waitFor({ state: 'detached' });
      expect(await focusedIsBell(page)).toBe(true);
      expect(await bell(page).getAttribute('aria-expanded')).toBe('false');

      // In English: the same notifications in English words; Space opens.
      await page.getByRole('button', { name: /English/ }).click();
      await page.getByRole('button', { name: 'Notifications, 2 unread' }).waitFor();
      await bell(page).focus();
      await page.keyboard.press('Space');
      await panel(page).waitFor();
      expect(await items.nth(1).innerText()).toContain(`${VIEWER.name} mentioned you in a comment`);
      expect(await items.nth(1).innerText()).toMatch(/now|second|minute/);
      expect(await axeViolations(page)).toEqual([]);

      // The e-mail switch is saved (in the language in use).
      const email = panel(page).getByRole('checkbox', { name: 'Also tell me by e-mail' });
      await expect.poll(() => email.isEnabled()).toBe(true);
      expect(await email.isChecked()).toBe(true);
      await email.click();
      await expect.poll(async () => (await page.request.get(`${server.url}/api/notifications/settings`)).json()).toEqual({ email: false, lang: 'en' });

      // Mark all read: the count is gone, and stays gone after a reload.
      await panel(page).getByRole('button', { name: 'Mark all read' }).click();
      await page.getByRole('button', { name: 'Notifications, none unread' }).waitFor();
      expect(await page.locator('.bell-count').count()).toBe(0);
      expect(await panel(page).locator('.bell-unread').count()).toBe(0);
      await page.reload();
      await page.getByRole('button', { name: 'Notifications, none unread' }).waitFor();

      // An item leads to its commitment.
      await bell(page).click();
      await panel(page).locator('.bell-item').first().click();
      await page.waitForURL(`**/c/${C04}`);
      await panel(page).waitFor({ state: 'detached' });
    } finally {
      await viewer.context.close();
      await agency.context.close();
    }
  });

  it('at 390 px the header does not overflow, with the panel open or closed, in both languages; print hides the bell', async () => {
    for (const uiLang of ['zh', 'en'] as const) {
      const agency = await newPerson(browser, server.url, AGENCY, { uiLang, viewport: { width: 390, height: 800 } });
      try {
        await agency.page.goto(`${server.url}/c/${C04}`);
        await bell(agency.page).waitFor();
        await agency.page.locator('.ctable').waitFor();
        await noOverflow(agency.page);
        await bell(agency.page).click();
        await panel(agency.page).waitFor();
        await noOverflow(agency.page);
        const box = (await panel(agency.page).boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(390);
        expect(await axeViolations(agency.page)).toEqual([]);
        // Printed pages carry no bell.
        await agency.page.emulateMedia({ media: 'print' });
        expect(await agency.page.locator('.bell').isVisible()).toBe(false);
      } finally {
        await agency.context.close();
      }
    }
  });

  it('a reminder the server makes (a milestone of c-04 due tomorrow) shows in the bell in both languages', async () => {
    // Its own server, with the reminder job every second (the default hour would never come).
    const quick = await startServer({ env: { GONGBI_REMINDER_INTERVAL_MS: '1000' } });
    const agency = await newPerson(browser, quick.url, AGENCY);
    const writer = await connectSynced(quick.url.replace('http', 'ws') + '/sync', C04, await signIn(over(quick.url), AGENCY.email));
    try {
      const tomorrow = taipeiDay(Date.now() + 86400_000);
      writer.doc.transact(() => setMilestoneValue(writer.doc, 'm2021', 'due', tomorrow));
      await agency.page.goto(quick.url + '/');
      await agency.page.waitForFunction(
        () => {
          window.dispatchEvent(new Event('focus'));
          return document.querySelector('.bell-button')?.getAttribute('aria-label') === '通知，1 則未讀';
        },
        undefined,
        { timeout: LIVE_MS, polling: 500 },
      );
      await bell(agency.page).click();
      const item = panel(agency.page).locator('.bell-item').first();
      expect(await item.innerText()).toMatch(/里程碑將於 中華民國\d+年\d+月\d+日 到期/);
      expect(await item.innerText()).toMatch(/1-4/);
      await agency.page.keyboard.press('Escape');
      await agency.page.getByRole('button', { name: /English/ }).click();
      await bell(agency.page).click();
      expect(await item.innerText()).toMatch(/A milestone is due on \d+ \w+ \d{4}/);
    } finally {
      writer.destroy();
      await agency.context.close();
      await quick.stop();
    }
  });
});
