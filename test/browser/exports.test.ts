/**
 * Export buttons and contribution figures in real Chromium: a DOCX download with the server's
 * file name, the busy state of a slow export, a clear error when the server refuses, the
 * redline download, and the contributions table with agency and civil-society rows.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AGENCY, CIVIL, COORDINATOR, VIEWER, axeViolations, hasChromium, newPerson, openCommitment } from './helpers.js';
import { browser, server, useBrowser } from './fixture.js';

const PLAN = 'plan-nap1';
const C04 = 'c-04-access-to-information';

/** The readable name the server puts in `filename*` for a URL. */
async function serverFileName(page: Page, url: string): Promise<string> {
  const res = await page.context().request.get(url);
  expect(res.status()).toBe(200);
  return decodeURIComponent(res.headers()['content-disposition']!.split("filename*=UTF-8''")[1]!);
}

async function typeInto(page: Page, base: string, id: string, text: string) {
  await openCommitment(page, base, id);
  await page.getByRole('textbox', { name: '公共問題 （中文）', exact: true }).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const body = await (await page.context().request.get(`${base}/api/commitments/${id}`)).json();
    if (JSON.stringify(body.commitment.sections.problem.zh).includes(text)) return;
    if (Date.now() > deadline) throw new Error(`"${text}" not stored`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!hasChromium)('exports and contributions in Chromium', () => {
  useBrowser();

  it('the plan overview exports the whole plan as DOCX: a download with the expected file name', async () => {
    const { context, page } = await newPerson(browser, server.url, VIEWER);
    try {
      await page.goto(server.url);
      await page.locator('.overview-table').first().waitFor();
      await page.getByRole('button', { name: '匯出' }).click();
      const panel = page.locator('.export-panel');
      await panel.waitFor();
      expect(await page.getByLabel('格式', { exact: true }).first().inputValue()).toBe('docx');
      expect(await axeViolations(page)).toEqual([]);
      const expected = await serverFileName(page, `${server.url}/api/plans/${PLAN}/export.docx?version=live&lang=zh`);
      expect(expected).toMatch(/^開放政府國家行動方案.*_zh\.docx$/);
      const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: '下載', exact: true }).click()]);
      expect(download.suggestedFilename()).toBe(expected);
      const saved = await download.path();
      expect(saved).toBeTruthy();
      await page.getByRole('status').filter({ hasText: `已下載「${expected}」` }).waitFor();

      // One domain, in English.
      await panel.getByLabel('範圍').selectOption({ index: 2 });
      await panel.getByLabel('語言').selectOption('en');
      const [second] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: '下載', exact: true }).click()]);
      // The readable name is at most 100 characters: the English title leads it, shortened at a
      // word, and the version label and language always survive.
      expect(second.suggestedFilename()).toMatch(/^Open-Government-National.*_Live-version-\(not-approved\)_en\.docx$/);
      expect(second.suggestedFilename()).not.toBe(expected);
    } finally {
      await context.close();
    }
  });

  it('a slow export shows "preparing" with elapsed seconds; a refused one shows the server\'s message', async () => {
    const { context, page } = await newPerson(browser, server.url, COORDINATOR);
    try {
      await openCommitment(page, server.url, C04);
      // Hold the response back, so the busy state is on screen long enough to check.
      let release: () => void = () => {};
      const held = new Promise<void>((r) => (release = r));
      await page.route('**/export.html*', async (route) => {
        await held;
        await route.continue();
      });
      await page.getByRole('button', { name: '匯出' }).click();
      const panel = page.locator('.export-panel');
      await panel.getByLabel('格式', { exact: true }).first().selectOption('html');
      const downloading = page.waitForEvent('download');
      await panel.getByRole('button', { name: '下載', exact: true }).click();
      await page.getByRole('status').filter({ hasText: '正在準備 網頁（HTML）…' }).waitFor();
      expect(await page.locator('.download-busy progress').count()).toBe(1);
      await page.getByText(/^已 [1-9]\d* 秒$/).waitFor({ timeout: 5000 });
      expect(await panel.getByRole('button', { name: '下載', exact: true }).isDisabled()).toBe(true);
      release();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/\.html$/);
      expect(download.suggestedFilename()).toContain('1-4');

      await page.route('**/export.pdf*', (route) =>
        route.fulfill({ status: 501, contentType: 'application/json', body: JSON.stringify({ error: { code: 'pdf_unavailable', message: 'PDF export is not available on this server: Chromium was not found.' } }) }),
      );
      await panel.getByLabel('格式', { exact: true }).first().selectOption('pdf');
      await panel.getByRole('button', { name: '下載', exact: true }).click();
      const alert = page.getByRole('alert').filter({ hasText: '這台伺服器無法產生這種格式' });
      await alert.waitFor();
      expect(await alert.textContent()).toContain('Chromium was not found');
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the redline since the last review downloads once a meeting has a snapshot', async () => {
    const { context, page } = await newPerson(browser, server.url, COORDINATOR);
    try {
      await page.goto(`${server.url}/plans/${PLAN}`);
      await page.getByRole('button', { name: '匯出' }).click();
      const panel = page.locator('.export-panel');
      await panel.getByRole('button', { name: '下載紅線版' }).waitFor();
      expect(await panel.getByRole('button', { name: '下載紅線版' }).isDisabled()).toBe(true);
      await page.goto(`${server.url}/plans/${PLAN}/cycles`);
      await page.getByLabel('會議名稱', { exact: true }).fill('第3次推動小組會議');
      await page.getByRole('button', { name: '建立會議' }).click();
      await page.getByText('已建立「第3次推動小組會議」並完成快照。').waitFor();
      await page.getByRole('navigation', { name: '行動方案頁面' }).getByRole('link', { name: '總覽' }).click();
      await page.getByRole('button', { name: '匯出' }).click();
      await panel.getByLabel('自哪次會議以來').locator('option', { hasText: '第3次推動小組會議' }).waitFor({ state: 'attached' });
      const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: '下載紅線版' }).click()]);
      expect(download.suggestedFilename()).toMatch(/\.html$/);
      expect(download.suggestedFilename()).toContain('變更對照表');
    } finally {
      await context.close();
    }
  });

  it('the contributions page shows agency and civil-society rows, per person, with bars', async () => {
    const agency = await newPerson(browser, server.url, AGENCY);
    const civil = await newPerson(browser, server.url, CIVIL);
    try {
      await typeInto(agency.page, server.url, C04, '機關撰寫的文字');
      await typeInto(civil.page, server.url, C04, '民間委員撰寫的較長文字內容');
      const page = civil.page;
      await page.getByRole('navigation', { name: '承諾事項頁面' }).getByRole('link', { name: '貢獻統計' }).click();
      const table = page.getByRole('table', { name: '政府機關與民間' });
      await table.waitFor();
      const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
      const added = async (name: string) => Number((await row(name).getByRole('cell').first().textContent())!.replace(/,/g, ''));
      expect(await added('政府機關')).toBeGreaterThanOrEqual('機關撰寫的文字'.length);
      expect(await added('民間')).toBeGreaterThanOrEqual('民間委員撰寫的較長文字內容'.length);
      expect(await row('民間').locator('.bar-fill').count()).toBe(1);
      const people = page.getByRole('table', { name: '個人' });
      expect(await people.getByRole('rowheader', { name: AGENCY.name }).count()).toBe(1);
      expect(await people.getByRole('rowheader', { name: CIVIL.name }).count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);

      // The plan's figures add up the same edits, per commitment too.
      await page.goto(`${server.url}/plans/${PLAN}/contributions`);
      const plan = page.getByRole('table', { name: '各承諾事項' });
      await plan.waitFor();
      const c04 = plan.getByRole('row').filter({ hasText: '1-4' });
      expect(Number((await c04.getByRole('cell').nth(1).textContent())!.replace(/,/g, ''))).toBeGreaterThan(0);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await agency.context.close();
      await civil.context.close();
    }
  });
});
