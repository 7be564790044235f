/**
 * The budget table and the contact rows in real Chromium against the real server: an agency
 * editor adds a budget year from the keyboard and a second person sees the row, its reading
 * in the ROC calendar and the total live; the page stays free of axe violations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { AGENCY, CIVIL, axeViolations, ensureClientBuilt, hasChromium, launchBrowser, newPerson, openCommitment, startServer, type TestServer } from './helpers.js';

/** Written by the agency editor (its lead agency) and civil society's working group. */
const ID = 'c-04-access-to-information';

describe.skipIf(!hasChromium)('budget and contact in the editor', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureClientBuilt();
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('[BG6] an agency editor adds a budget row from the keyboard; a second person sees it and the total live; axe finds nothing', async () => {
    const editor = await newPerson(browser, server.url, AGENCY);
    const other = await newPerson(browser, server.url, CIVIL);
    try {
      await openCommitment(editor.page, server.url, ID);
      await openCommitment(other.page, server.url, ID);
      const rows = (p: typeof editor.page) => p.locator('.bg-table tbody tr[data-budget-row]');
      const before = await rows(other.page).count();

      await editor.page.getByRole('button', { name: '新增預算年度' }).focus();
      await editor.page.keyboard.press('Enter');
      // Focus moves into the new row's year, named by its column and row.
      const year = editor.page.locator(':focus');
      await expect.poll(() => year.getAttribute('data-field')).toMatch(/^budget\.b[0-9a-f]+\.year$/);
      await editor.page.keyboard.type('2026');
      await editor.page.keyboard.press('Tab');
      await editor.page.keyboard.type('1,200');
      await editor.page.keyboard.press('Tab');
      await editor.page.keyboard.type('公務預算');

      await expect.poll(() => rows(other.page).count(), { timeout: 5000 }).toBe(before + 1);
      const row = rows(other.page).last();
      await expect.poll(() => row.locator('[data-field$=".amount"]').inputValue(), { timeout: 5000 }).toBe('1,200');
      expect(await row.getByText('115年 (2026)').count()).toBe(1);
      await expect.poll(() => row.locator('[data-field$=".source.zh"]').inputValue()).toBe('公務預算');
      await expect.poll(() => other.page.locator('[data-field="budget.total"]').textContent()).toContain('1,200');
      // The amount's accessible name is its column and row.
      const amount = other.page.getByRole('textbox', { name: `金額（新臺幣千元） ${before + 1}` });
      expect(await amount.count()).toBe(1);

      // The contact rows are there, labelled, and a change reaches the other person.
      await editor.page.getByLabel('聯絡人電子郵件').fill('contact@moj.gov.tw');
      await expect.poll(() => other.page.getByLabel('聯絡人電子郵件').inputValue(), { timeout: 5000 }).toBe('contact@moj.gov.tw');

      expect(await axeViolations(editor.page)).toEqual([]);
      expect(await axeViolations(other.page)).toEqual([]);
    } finally {
      await editor.context.close();
      await other.context.close();
    }
  });
});
