/**
 * Import in real Chromium (IM20–IM23): the coordinator previews an office-suite DOCX on
 * the plan page (opened from the keyboard, Escape cancels), applies it into a chosen domain and
 * opens the new commitment with its milestones; an agency editor in English drops a Markdown
 * file on their commitment and sees the field diff first; refused files are English sentences
 * in the English UI; a viewer sees no upload; axe finds nothing on the preview in either language.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AGENCY, COORDINATOR, VIEWER, axeViolations, ensureClientBuilt, hasChromium, launchBrowser, newPerson, openCommitment, startServer, type TestServer } from './helpers.js';

const C04 = 'c-04-access-to-information';
const OFFICE_DOCX = readFileSync(new URL('../import/fixtures/office-table.docx', import.meta.url));
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;

/** A same-origin API call from the page (the session cookie and Origin as the app sends them). */
async function apiCall<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    },
    { method, path, body },
  ) as Promise<T>;
}

/** Drops a text file on the import zone, as a drag from the desktop does. */
async function dropFile(page: Page, name: string, text: string) {
  await page.locator('[data-action="import-drop"]').evaluate((zone, { name, text }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, { type: '' }));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { name, text });
}

const focusedClass = (page: Page) => page.evaluate(() => document.activeElement?.className ?? '');

describe.skipIf(!hasChromium)('import upload with preview in Chromium', () => {
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

  it('IM20 the coordinator previews a DOCX (keyboard, Escape cancels), applies it into a chosen domain and opens the new commitment with its milestones', async () => {
    const { context, page } = await newPerson(browser, server.url, COORDINATOR);
    try {
      await page.goto(server.url);
      await page.locator('.overview-table').first().waitFor();
      const { plan } = await apiCall<{ plan: { id: string } }>(page, 'POST', '/api/plans', {
        slug: `import-ui-${Date.now()}`,
        title: { zh: '匯入介面測試', en: 'Import UI test' },
        periodStart: '2021-01-01',
        periodEnd: '2024-12-31',
        domains: [{ id: 'd1', name: { zh: '第一範疇', en: 'First' } }, { id: 'd2', name: { zh: '環境範疇', en: 'Environment' } }],
      });
      await page.goto(`${server.url}/plans/${plan.id}`);
      // Listening first: Chromium's file-chooser interception is switched on asynchronously.
      const choosing = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: '匯入承諾事項表' }).click();
      await page.getByLabel('新承諾事項放入的範疇').selectOption('d2');
      // Enter on the drop zone opens the file picker.
      await page.locator('[data-action="import-drop"]').focus();
      await page.keyboard.press('Enter');
      const chooser = await choosing;
      await chooser.setFiles({ name: 'office-table.docx', mimeType: DOCX_TYPE, buffer: OFFICE_DOCX });
      const heading = page.getByRole('heading', { name: '預覽：office-table.docx' });
      await heading.waitFor();
      await expect.poll(() => focusedClass(page)).toContain('import-preview__heading');
      // Escape cancels: nothing written, back at the drop zone.
      await page.keyboard.press('Escape');
      await page.getByText('已取消，沒有寫入任何內容。').waitFor();
      expect(await heading.count()).toBe(0);
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('import-drop');
      expect((await apiCall<{ commitments: unknown[] }>(page, 'GET', `/api/commitments?plan=${plan.id}`)).commitments).toEqual([]);

      await page.locator('[data-action="import-file"]').setInputFiles({ name: 'office-table.docx', mimeType: DOCX_TYPE, buffer: OFFICE_DOCX });
      await heading.waitFor();
      const item = page.locator('.import-commitment');
      await expect.poll(() => item.locator('.import-commitment__title').innerText()).toContain('將新增');
      expect(await item.innerText()).toContain('放入範疇：環境範疇');
      expect(await item.innerText()).toContain('里程碑 2 列');
      // Field by field, with the file's own label.
      const lead = item.locator('tr[data-field="leadAgency"]');
      expect(await lead.locator('th').innerText()).toBe('權責機關');
      expect(await lead.locator('td').first().innerText()).toBe('主辦機關');
      // The milestone table's glimpse is said in the UI's words, not the server's "2 rows".
      expect(await item.locator('tr[data-field="milestones"] td').last().innerText()).toBe('里程碑 2 列');
      expect(await item.locator('tr[data-field="dates"] th').innerText()).toBe('起訖日期');
      // What no field took is listed, and the warnings are sentences in Chinese.
      expect(await item.locator('.import-unplaced').innerText()).toContain('經費');
      expect(await page.locator('li[data-code="before_first"]').innerText()).toBe('第一個承諾事項之前的內容（封面、目錄等）不屬於任何承諾事項，不會匯入。');
      expect(await page.locator('li[data-code="unplaced"]').first().innerText()).toBe('「經費」不對應任何欄位，將加上標記放在「其他資訊」。');
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole('button', { name: '套用' }).click();
      await page.getByRole('heading', { name: '匯入完成' }).waitFor();
      await page.getByRole('link', { name: '開啟 5-2' }).click();
      await page.locator('.conn[data-state="connected"]').waitFor({ timeout: 15_000 });
      await page.locator('.ctable').waitFor();
      const milestone = (n: number) => page.getByRole('textbox', { name: `里程碑 ${n} （中文）`, exact: true });
      await expect.poll(() => milestone(1).inputValue()).toBe('盤點監測資料');
      expect(await milestone(2).inputValue()).toBe('平台上線');
      const id = new URL(page.url()).pathname.split('/').pop()!;
      const { summary } = await apiCall<{ summary: { domainId: string; planId: string } }>(page, 'GET', `/api/commitments/${id}`);
      expect(summary).toMatchObject({ domainId: 'd2', planId: plan.id });
    } finally {
      await context.close();
    }
  });

  it('IM21 an agency editor drops a Markdown file on their commitment and sees the field diff before applying (English, axe clean)', async () => {
    const { context, page } = await newPerson(browser, server.url, AGENCY, { uiLang: 'en' });
    try {
      await openCommitment(page, server.url, C04);
      const exported = await apiCall<string>(page, 'GET', `/api/plans/plan-nap1/export.md?commitment=${C04}&lang=zh`);
      const { commitment } = await apiCall<{ commitment: { title: { zh: string } } }>(page, 'GET', `/api/commitments/${C04}`);
      const md = exported.replace(`| ${commitment.title.zh} |`, `| ${commitment.title.zh}（修正版） |`) + '\n\n#### 聯絡窗口\n\n王科長，分機 123\n';
      expect(md).toContain('（修正版）');
      await page.getByRole('button', { name: 'Update from a file' }).click();

      // Refused files are the English sentence, not the server's bilingual or English text.
      await dropFile(page, 'notes.md', 'just a note, no commitment table here');
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.innerText()).toBe('No commitment table was found in the file: label its fields as the commitment table does (Public problem, Lead agency, …).');
      await dropFile(page, 'broken.docx', 'not a zip');
      await expect.poll(() => alert.innerText()).toBe('This Word document cannot be read: it may be damaged, or not a .docx (save an old .doc as .docx first).');
      await dropFile(page, 'table.xlsx', 'x');
      await expect.poll(() => alert.innerText()).toBe('Only Word documents (.docx) and Markdown files (.md) can be imported; save the file in one of these formats and try again.');

      await dropFile(page, 'c04.md', md);
      await page.getByRole('heading', { name: 'Preview: c04.md' }).waitFor();
      const item = page.locator('.import-commitment');
      expect(await item.locator('.import-commitment__title').innerText()).toContain('Will be updated');
      // The compare page's diff: the title's insertion, before anything is written.
      const title = item.locator('.change[data-path="title.zh"]');
      expect(await title.locator('ins').innerText()).toContain('修正版');
      expect(await item.locator('.change').count()).toBeGreaterThanOrEqual(1);
      // Nobody has made these changes yet: no "changed by".
      expect(await item.locator('.change-authors').count()).toBe(0);
      expect(await item.locator('tr[data-field="milestones"] td').last().innerText()).toBe('Milestone rows: 4');
      expect(await item.locator('tr[data-field="dates"] th').innerText()).toBe('Start and end dates');
      expect(await item.locator('.import-unplaced').innerText()).toContain('聯絡窗口');
      const warning = await page.locator('li[data-code="unplaced"]').innerText();
      expect(warning).toBe('“聯絡窗口” matches no field; it goes to “other information” under a marker.');
      // The UI's own words are English: Chinese appears only inside the file's content.
      const chrome = await page.locator('.import-panel').evaluate((panel) => {
        const copy = panel.cloneNode(true) as HTMLElement;
        for (const el of Array.from(copy.querySelectorAll('[lang|="zh"], .change-body, .import-unplaced li, .import-commitment__title, li[data-code="unplaced"]'))) el.remove();
        return copy.innerText;
      });
      expect(chrome).not.toMatch(CJK);
      expect(await axeViolations(page)).toEqual([]);
      const stored = async () => (await apiCall<{ commitment: { title: { zh: string } } }>(page, 'GET', `/api/commitments/${C04}`)).commitment.title.zh;
      expect(await stored()).toBe(commitment.title.zh);

      await page.getByRole('button', { name: 'Apply' }).click();
      await page.getByRole('heading', { name: 'Import done' }).waitFor();
      expect(await page.getByText('Updated 1-4.').count()).toBe(1);
      expect(await page.getByRole('link', { name: 'See the changes' }).getAttribute('href')).toBe(`/c/${C04}/compare`);
      expect(await stored()).toBe(`${commitment.title.zh}（修正版）`);
    } finally {
      await context.close();
    }
  });

  it('IM22 a viewer sees no upload on the plan page or a commitment; an agency editor none on the plan page', async () => {
    const viewer = await newPerson(browser, server.url, VIEWER);
    const agency = await newPerson(browser, server.url, AGENCY);
    try {
      await viewer.page.goto(server.url);
      await viewer.page.locator('.overview-table').first().waitFor();
      expect(await viewer.page.locator('[data-action="open-import"]').count()).toBe(0);
      await openCommitment(viewer.page, server.url, C04);
      await viewer.page.locator('[data-action="open-export"]').waitFor();
      expect(await viewer.page.locator('[data-action="open-import"]').count()).toBe(0);
      await agency.page.goto(server.url);
      await agency.page.locator('.overview-table').first().waitFor();
      expect(await agency.page.locator('[data-action="open-import"]').count()).toBe(0);
    } finally {
      await viewer.context.close();
      await agency.context.close();
    }
  });

  it('IM23 a commitment that may not be imported says why in a sentence, and Apply stays off', async () => {
    const { context, page } = await newPerson(browser, server.url, COORDINATOR);
    try {
      await page.goto(server.url);
      await page.locator('.overview-table').first().waitFor();
      await page.getByRole('button', { name: '匯入承諾事項表' }).click();
      await dropFile(page, 'new.md', '## 9-9 測試承諾\n\n**權責機關**：不存在的機關\n\n#### 公共問題\n\n問題說明。\n');
      await page.getByRole('heading', { name: '預覽：new.md' }).waitFor();
      expect(await page.locator('.import-commitment .import-refused').innerText()).toBe('您不能匯入這一項：權責機關「不存在的機關」不在機關名錄中，請先將它加入名錄。');
      expect(await page.locator('li[data-code="unknown_lead_agency"]').innerText()).toContain('「不存在的機關」');
      expect(await page.getByRole('button', { name: '套用' }).isDisabled()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
