/**
 * The agency directory from the UI, in real Chromium against the real server: the coordinator
 * adds an agency (mistakes said in their language), renames it, and finds it in the move
 * dialog's picker; other people read the directory and cannot change it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { COORDINATOR, VIEWER, axeViolations, ensureClientBuilt, hasChromium, launchBrowser, newPerson, openCommitment, startServer, type TestServer } from './helpers.js';

describe.skipIf(!hasChromium)('the agency directory in Chromium', () => {
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

  it('[RI11] the coordinator adds and renames an agency, and the move dialog offers it', async () => {
    const { context, page } = await newPerson(browser, server.url, COORDINATOR);
    try {
      await page.goto(`${server.url}/`);
      await page.getByRole('link', { name: '機關名錄' }).click();
      await page.getByRole('heading', { name: '機關名錄', level: 1 }).waitFor();
      await page.getByRole('cell', { name: '法務部', exact: true }).waitFor();
      expect(await axeViolations(page)).toEqual([]);

      const form = page.getByRole('form', { name: '新增機關' });
      await form.getByLabel('中文名稱').fill('數位發展部資通安全署');
      await form.getByLabel('英文名稱').fill('Administration for Cyber Security');
      await form.getByLabel('代碼').fill('ACS!');
      await form.getByRole('button', { name: '新增機關' }).click();
      await form.getByRole('alert').getByText('代碼只能用小寫英文字母、數字與連字號，並以字母或數字開頭。').waitFor();
      await form.getByLabel('代碼').fill('moj');
      await form.getByRole('button', { name: '新增機關' }).click();
      await form.getByRole('alert').getByText('名錄已有代碼為「moj」的機關。').waitFor();
      await form.getByLabel('代碼').fill('moda-acs');
      await form.getByRole('button', { name: '新增機關' }).click();
      await page.getByRole('status').getByText('已新增「數位發展部資通安全署」。').waitFor();
      await page.getByRole('cell', { name: 'Administration for Cyber Security', exact: true }).waitFor();

      await page.getByRole('button', { name: '更名：數位發展部資通安全署' }).click();
      const rename = page.getByRole('form', { name: '更名：數位發展部資通安全署' });
      await rename.getByLabel('中文名稱').fill('資通安全署');
      await rename.getByRole('button', { name: '儲存' }).click();
      await page.getByRole('status').getByText('已更名為「資通安全署」。').waitFor();
      await page.getByRole('cell', { name: '資通安全署', exact: true }).waitFor();

      // The server has it: the move dialog of a commitment offers the renamed agency.
      await openCommitment(page, server.url, 'c-04-access-to-information');
      await page.getByRole('button', { name: '異動權責機關' }).click();
      const picker = page.getByRole('dialog').getByRole('combobox');
      await expect.poll(async () => (await picker.locator('option').allTextContents()).includes('資通安全署')).toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('[RI12] in English, and read-only for everyone else', async () => {
    const english = await newPerson(browser, server.url, COORDINATOR, { uiLang: 'en' });
    const viewer = await newPerson(browser, server.url, VIEWER);
    try {
      await english.page.goto(`${server.url}/agencies`);
      await english.page.getByRole('heading', { name: 'Agency directory', level: 1 }).waitFor();
      await english.page.getByRole('cell', { name: 'Ministry of Justice', exact: true }).waitFor();
      await english.page.getByRole('form', { name: 'Add an agency' }).waitFor();
      expect(await axeViolations(english.page)).toEqual([]);

      await viewer.page.goto(`${server.url}/`);
      await viewer.page.getByRole('heading', { level: 1 }).first().waitFor();
      expect(await viewer.page.getByRole('link', { name: '機關名錄' }).count()).toBe(0);
      await viewer.page.goto(`${server.url}/agencies`);
      await viewer.page.getByRole('cell', { name: '法務部', exact: true }).waitFor();
      await viewer.page.getByText('名錄由幕僚機關維護').waitFor();
      expect(await viewer.page.getByRole('form').count()).toBe(0);
      expect(await viewer.page.getByRole('button', { name: /更名/ }).count()).toBe(0);
    } finally {
      await english.context.close();
      await viewer.context.close();
    }
  }, 60_000);
});
