/**
 * Comment threads in the editor, in real Chromium against the real server: a viewer (who may
 * not edit) comments on selected text and mentions someone; a coordinator sees the thread
 * and its highlight live, replies and resolves; deleting the commented text marks the thread
 * orphaned for both, and keeps it. Run: `npx vitest run --project browser test/browser/comments.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { COORDINATOR, VIEWER, hasChromium, newPerson, openCommitment } from './helpers.js';
import { browser, server, useBrowser } from './fixture.js';

const C04 = 'c-04-access-to-information';
const SECTION = '公共問題 （中文）';
/** Live propagation takes well under a second; the margin is for loaded CI machines. */
const LIVE_MS = 15_000;

/** Selects characters [from, to) of the first paragraph of the section's editor, as a mouse would. */
async function selectInSection(page: Page, from: number, to: number): Promise<string> {
  const editor = page.getByRole('textbox', { name: SECTION, exact: true });
  return editor.evaluate((el, [a, b]) => {
    const walker = document.createTreeWalker(el.querySelector('p')!, NodeFilter.SHOW_TEXT);
    const text = walker.nextNode() as Text;
    const range = document.createRange();
    range.setStart(text, a!);
    range.setEnd(text, b!);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    return range.toString();
  }, [from, to]);
}

const panel = (page: Page) => page.getByRole('complementary', { name: /^留言/ });

describe.skipIf(!hasChromium)('comment threads in the editor', () => {
  useBrowser();

  it('a viewer comments on selected text with a mention; the coordinator sees it live, replies, and resolves', async () => {
    const viewer = await newPerson(browser, server.url, VIEWER);
    const coordinator = await newPerson(browser, server.url, COORDINATOR);
    try {
      await openCommitment(viewer.page, server.url, C04);
      await openCommitment(coordinator.page, server.url, C04);
      await panel(viewer.page).getByText('目前沒有未解決的留言').waitFor();

      // Without a selection, the button says what to do.
      await viewer.page.getByRole('button', { name: `對「公共問題（中文）」所選的文字留言` }).click();
      await viewer.page.getByText('請先在「公共問題（中文）」中選取要留言的文字。').waitFor();

      const quote = await selectInSection(viewer.page, 0, 6);
      await viewer.page.getByRole('button', { name: `對「公共問題（中文）」所選的文字留言` }).click();
      const box = panel(viewer.page).getByLabel('留言內容');
      await box.waitFor();
      expect(await panel(viewer.page).locator('.thread-draft .thread-quote').textContent()).toBe(quote);
      await box.pressSequentially('請補充數據來源 @陳');
      await viewer.page.getByRole('option', { name: new RegExp(COORDINATOR.name.replace(/[()（）]/g, '.')) }).waitFor();
      await box.press('Enter');
      expect(await box.inputValue()).toBe(`請補充數據來源 @${COORDINATOR.name} `);
      await panel(viewer.page).getByRole('button', { name: '送出留言' }).click();

      // Live on the coordinator's page: the thread, the mention and the mark in the text.
      const thread = panel(coordinator.page).locator('.thread').first();
      await thread.waitFor({ timeout: LIVE_MS });
      expect(await thread.locator('.thread-quote').textContent()).toBe(quote);
      expect(await thread.locator('.mention-me').textContent()).toBe(`@${COORDINATOR.name}`);
      expect(await thread.getByText('提及您').count()).toBe(1);
      await coordinator.page.locator('.comment-mark').first().waitFor();
      expect(await coordinator.page.locator('.comment-mark').first().textContent()).toBe(quote);

      // Clicking the mark opens the thread; the coordinator replies.
      await coordinator.page.locator('.comment-mark').first().click();
      await thread.getByLabel('回覆這則留言').fill('已請法務部補充。');
      await thread.getByRole('button', { name: '送出回覆' }).click();
      await panel(viewer.page).getByText('已請法務部補充。').waitFor({ timeout: LIVE_MS });

      // 回覆 pressed from the keyboard leaves the caret in the reply box: what is typed next is
      // the reply, not lost on the page (the button itself disappears as the thread opens).
      await openCommitment(viewer.page, server.url, C04);
      const viewerThread = panel(viewer.page).locator('.thread').first();
      await viewerThread.getByRole('button', { name: '回覆', exact: true }).focus();
      await viewer.page.keyboard.press('Enter');
      await viewer.page.keyboard.type('謝謝');
      expect(await viewerThread.getByLabel('回覆這則留言').inputValue()).toBe('謝謝');
      await viewerThread.getByLabel('回覆這則留言').fill('');

      // Text typed before the range moves the range, not its text.
      const editor = coordinator.page.getByRole('textbox', { name: SECTION, exact: true });
      await editor.click();
      await coordinator.page.keyboard.press('Control+Home');
      await coordinator.page.keyboard.type('前言：');
      // The prefix is in, and the mark still covers exactly the quote.
      await editor.filter({ hasText: /^前言：/ }).waitFor({ timeout: LIVE_MS });
      await coordinator.page.waitForFunction((q) => document.querySelector('.comment-mark')?.textContent === q, quote, { timeout: LIVE_MS });

      // Deleting the commented text: the thread is orphaned on both pages, and kept. The text is
      // selected through the DOM (ProseMirror follows the selection), not by counting arrow
      // presses, which depends on where the caret landed.
      await coordinator.page.evaluate(() => {
        const range = document.createRange();
        range.selectNodeContents(document.querySelector('.comment-mark')!);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
      });
      await coordinator.page.waitForFunction((q) => window.getSelection()?.toString() === q, quote);
      await coordinator.page.keyboard.press('Delete');
      for (const p of [viewer.page, coordinator.page]) {
        await panel(p).locator('.thread[data-state="orphaned"]').waitFor({ timeout: LIVE_MS });
        expect(await panel(p).getByText('原文已刪除').count()).toBeGreaterThan(0);
      }
      expect(await coordinator.page.locator('.comment-mark').count()).toBe(0);

      // Resolve: it leaves the open list for both.
      await panel(coordinator.page).getByRole('button', { name: '標記為已解決' }).click();
      await panel(viewer.page).getByRole('button', { name: '顯示已解決（1）' }).waitFor({ timeout: LIVE_MS });
      expect(await panel(viewer.page).locator('.thread').count()).toBe(0);
    } finally {
      await viewer.context.close();
      await coordinator.context.close();
    }
  });
});
