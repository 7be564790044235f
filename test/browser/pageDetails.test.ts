/**
 * Details people notice in their first week, in real Chromium against the real server: what
 * Ctrl+P prints, the skip link to the first field, a quiet console for an anonymous visitor,
 * years that stay whole in a narrow column, and other people's caret labels that neither run
 * past the editor's edge nor stay over the line above.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AGENCY, CIVIL, VIEWER, axeViolations, ensureClientBuilt, hasChromium, launchBrowser, newPerson, openCommitment, publishPlan, startServer, type TestServer } from './helpers.js';

const COMMITMENT = 'c-04-access-to-information';

describe.skipIf(!hasChromium)('page details in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureClientBuilt();
    server = await startServer();
    browser = await launchBrowser();
    await publishPlan(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const shown = (page: Page, selector: string) =>
    page.evaluate((sel) => [...document.querySelectorAll<HTMLElement>(sel)].filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden').length, selector);

  it('[UI15] Ctrl+P prints the commitment table without the header, toolbars and buttons', async () => {
    const { context, page } = await newPerson(browser, server.url, AGENCY);
    try {
      await openCommitment(page, server.url, COMMITMENT);
      await page.locator('.rt-toolbar-wrap').first().waitFor();
      for (const sel of ['.app-header', '.workbar', '.rt-toolbar-wrap', 'button', '.history-nav']) expect(await shown(page, sel), `${sel} on screen`).toBeGreaterThan(0);
      await page.emulateMedia({ media: 'print' });
      for (const sel of ['.app-header', '.app-footer', '.workbar', '.rt-toolbar-wrap', 'button', '.button', '.history-nav', '.conn']) expect(await shown(page, sel), `${sel} printed`).toBe(0);
      expect(await shown(page, '.ctable')).toBe(1);
      expect(await page.locator('#input-title-zh').evaluate((e) => getComputedStyle(e).borderTopWidth)).toBe('0px');
      expect(await page.locator('.ctable').innerText()).toContain('政府資訊公開');
    } finally {
      await context.close();
    }
  }, 60_000);

  for (const { uiLang, label } of [
    { uiLang: 'zh' as const, label: '跳到承諾事項表的第一個欄位' },
    { uiLang: 'en' as const, label: 'Skip to the first field of the commitment table' },
  ]) {
    it(`[UI16] the second Tab stop skips to the first field of the commitment table (${uiLang})`, async () => {
      for (const account of [AGENCY, VIEWER]) {
        const { context, page } = await newPerson(browser, server.url, account, { uiLang });
        try {
          await openCommitment(page, server.url, COMMITMENT);
          await page.keyboard.press('Tab');
          await page.keyboard.press('Tab');
          const focused = page.locator(':focus');
          expect(await focused.textContent()).toBe(label);
          expect(await axeViolations(page)).toEqual([]);
          await page.keyboard.press('Enter');
          if (account === AGENCY) {
            // The agency writes this commitment: the caret lands in its title.
            await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('input-title-zh');
            await page.keyboard.type('＊');
            expect(await page.locator('#input-title-zh').inputValue()).toContain('＊');
          } else {
            // A reader has nothing to type in: the table itself takes the focus.
            await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('ctable'))).toBe(true);
          }
        } finally {
          await context.close();
        }
      }
    }, 60_000);
  }

  it('[UI17] an anonymous visitor\'s console stays clean: no failed request on the sign-in and public pages', async () => {
    const context = await browser.newContext({ locale: 'zh-TW' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${new URL(r.url()).pathname}`); });
    // Each page asks who is there once at start: its answer is awaited, so a 401 cannot slip by.
    const visit = async (path: string, ready: () => Promise<unknown>) => {
      const asked = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/api/auth/'), { timeout: 10_000 });
      await page.goto(`${server.url}${path}`);
      await asked;
      await ready();
    };
    try {
      await visit('/', () => page.getByRole('heading', { name: '登入', level: 1 }).waitFor({ timeout: 10_000 }));
      for (const path of ['/public', `/public/c/${COMMITMENT}`]) await visit(path, () => page.locator('h1').first().waitFor({ timeout: 10_000 }));
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('[UI18] years stay whole in the public milestone table, on a desktop and at 390 px', async () => {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ locale: 'zh-TW', viewport: { width, height: 800 } });
      const page = await context.newPage();
      try {
        await page.goto(`${server.url}/public/c/${COMMITMENT}`);
        await page.locator('.public-milestones tbody tr').first().waitFor({ timeout: 10_000 });
        const split = await page.evaluate(() => {
          const out: string[] = [];
          const walker = document.createTreeWalker(document.querySelector('.public-milestones')!, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const m of (node.textContent ?? '').matchAll(/\d{4}/g)) {
              const range = document.createRange();
              range.setStart(node, m.index!);
              range.setEnd(node, m.index! + 4);
              if ([...range.getClientRects()].filter((r) => r.width > 0).length > 1) out.push(node.textContent!);
            }
          }
          return out;
        });
        expect(split, `${width} px`).toEqual([]);
        expect(await page.locator('.public-milestones tbody td:nth-child(2)').allTextContents()).toContain('2021');
      } finally {
        await context.close();
      }
    }
  }, 60_000);

  it('[UI19] another person\'s caret label stays inside the editor at a line\'s end, and fades', async () => {
    const writer = await newPerson(browser, server.url, AGENCY);
    const watcher = await newPerson(browser, server.url, CIVIL);
    try {
      await openCommitment(writer.page, server.url, COMMITMENT);
      await openCommitment(watcher.page, server.url, COMMITMENT);
      // The writer puts the caret near the right end of the first line of the first section.
      const editor = writer.page.locator('.ProseMirror').first();
      await editor.scrollIntoViewIfNeeded();
      const box = (await editor.boundingBox())!;
      await writer.page.mouse.click(box.x + box.width - 4, box.y + 14);
      // Two characters back: the end of a wrapped line is also the start of the next one.
      await writer.page.keyboard.press('End');
      await writer.page.keyboard.press('ArrowLeft');
      await writer.page.keyboard.press('ArrowLeft');
      const label = watcher.page.locator('.ProseMirror').first().locator('.collab-caret__label');
      await label.waitFor({ state: 'attached', timeout: 10_000 });
      // Measured in the page: once faded, the label is hidden and has no box for the test runner.
      await expect.poll(() => label.evaluate((e) => e.getBoundingClientRect().right <= e.closest('.ProseMirror')!.getBoundingClientRect().right + 0.5), { timeout: 10_000 }).toBe(true);
      // Three seconds on, the name no longer covers the line above (the bar stays).
      await expect.poll(() => label.evaluate((e) => getComputedStyle(e).opacity), { timeout: 8_000 }).toBe('0');
      expect(await watcher.page.locator('.ProseMirror').first().locator('.collab-caret').count()).toBe(1);
    } finally {
      await writer.context.close();
      await watcher.context.close();
    }
  }, 60_000);
});
