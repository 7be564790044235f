/**
 * Full-text search in real Chromium against the real server: a signed-in coordinator finds
 * 「收費」 (two characters, below the trigram length) and "fees" inside sections and milestone
 * cells from the plan overview, moves through the results with the keyboard and opens one; an
 * anonymous visitor searches the published text on the public plan page. Both UI languages;
 * axe finds no violation with results shown.
 * Run: `npx vitest run --project browser test/browser/search.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { COORDINATOR, axeViolations, hasChromium, newPerson, publishPlan } from './helpers.js';
import { browser, server, useBrowser } from './fixture.js';

const PLAN = 'plan-nap1';
const C04 = 'c-04-access-to-information';

/** Types the query and presses Enter until results show (the index is filled in the background after start-up). */
async function searchFor(page: Page, label: string, q: string): Promise<void> {
  const box = page.getByRole('searchbox', { name: label });
  await box.fill(q);
  for (let i = 0; i < 40; i++) {
    await box.press('Enter');
    await page.locator('.fulltext-search [role="status"] p').waitFor();
    if ((await page.locator('.fulltext-results li').count()) > 0) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`no results for ${q}`);
}

describe.skipIf(!hasChromium)('full-text search in Chromium', () => {
  useBrowser();

  it('SE6 finds a two-character Chinese word in sections and milestone cells, marks it, and opens the commitment from the keyboard', async () => {
    const { context, page } = await newPerson(browser, server.url, COORDINATOR);
    try {
      await page.goto(`${server.url}/`);
      await searchFor(page, '全文檢索', '收費');
      const results = page.locator('.fulltext-results li');
      expect(await results.count()).toBeGreaterThanOrEqual(3);
      const texts = await results.allTextContents();
      expect(texts.some((t) => t.includes('公共問題'))).toBe(true);
      expect(texts.some((t) => t.includes('里程碑 3'))).toBe(true);
      const marks = await page.locator('.fulltext-results mark').allTextContents();
      expect(new Set(marks)).toEqual(new Set(['收費']));
      expect(await page.locator('.fulltext-search [role="status"]').textContent()).toContain(`找到 ${await results.count()} 筆`);

      // Arrow down from the box reaches the first result, Enter opens its commitment.
      await page.getByRole('searchbox', { name: '全文檢索' }).press('ArrowDown');
      expect(await page.evaluate(() => document.activeElement?.closest('li') === document.querySelector('.fulltext-results li'))).toBe(true);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/c/${C04}`);
    } finally {
      await context.close();
    }
  });

  it('SE6 in English the field names are English, nothing found is said, and axe finds no violation', async () => {
    const { context, page } = await newPerson(browser, server.url, COORDINATOR, { uiLang: 'en' });
    try {
      await page.goto(`${server.url}/`);
      await searchFor(page, 'Find in the text', 'fees');
      const texts = await page.locator('.fulltext-results li').allTextContents();
      expect(texts.some((t) => t.includes('Public problem (English)'))).toBe(true);
      expect(await page.locator('.fulltext-results mark').first().textContent()).toBe('fees');
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole('searchbox', { name: 'Find in the text' }).fill('zzqxj');
      await page.getByRole('button', { name: 'Find', exact: true }).click();
      await page.getByText('Nothing contains “zzqxj”.').waitFor();
      expect(await page.locator('.fulltext-results').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('SE6 an anonymous visitor searches the published text on the public plan page and opens the public commitment', async () => {
    await publishPlan(server.url);
    const visitor = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-TW' });
    try {
      const page = await visitor.newPage();
      await page.goto(`${server.url}/public/plans/${PLAN}`);
      await searchFor(page, '全文檢索', 'API');
      const first = page.locator('.fulltext-results a').first();
      expect(await first.getAttribute('href')).toMatch(/^\/public\/c\//);
      await first.click();
      await page.waitForURL('**/public/c/**');
      await page.getByRole('heading', { level: 1 }).waitFor();
    } finally {
      await visitor.close();
    }
  });
});
