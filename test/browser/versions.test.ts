/**
 * Versions in real Chromium against the real server: the coordinator takes a review-cycle
 * snapshot (over the API), the agency editor edits in the browser, then finds the change with
 * its author in the comparison (redline and side by side), on the plan-wide comparison and the
 * timeline, and restores the section. Also WCAG 2.1 AA (axe-core) on these pages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext } from 'playwright-core';
import { AGENCY, COORDINATOR, axeViolations, hasChromium, newPerson, openCommitment, within } from './helpers.js';
import { browser, server, useBrowser } from './fixture.js';

const C04 = 'c-04-access-to-information';
const PLAN = 'plan-nap1';
const TYPED = '機關於本次會議後補充的說明';

/** The live text of a commitment's section, as the server has it. */
async function liveSection(request: APIRequestContext, base: string, id: string): Promise<string> {
  const body = await (await request.get(`${base}/api/commitments/${id}`)).json();
  return JSON.stringify(body.commitment.sections.problem.zh);
}

const until = async (what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> => void (await within(ms, what, check));

describe.skipIf(!hasChromium)('versions in Chromium', () => {
  let cycleId = '';

  useBrowser();
  beforeAll(async () => {
    const coordinator = await newPerson(browser, server.url, COORDINATOR);
    const created = await coordinator.context.request.post(`${server.url}/api/plans/${PLAN}/cycles`, { data: { label: '第3次推動小組會議', meetingDate: '2021-04-30', notes: '會議紀錄 https://example.gov.tw/minutes-3.pdf 。', labelEn: '3rd task-force meeting', notesEn: 'Minutes: https://example.gov.tw/minutes-3-en.pdf. javascript:alert(1)' } });
    expect(created.status()).toBe(201);
    cycleId = (await created.json()).cycle.id;
    expect((await coordinator.context.request.post(`${server.url}/api/cycles/${cycleId}/snapshot`, { data: {} })).status()).toBe(201);
    await coordinator.context.close();
  });

  it('an edit after the snapshot shows in the comparison with its author; side by side; plan-wide; then the section is restored', async () => {
    const { context, page } = await newPerson(browser, server.url, AGENCY);
    try {
      await openCommitment(page, server.url, C04);
      await page.getByRole('textbox', { name: '公共問題 （中文）', exact: true }).click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(TYPED);
      await until('the edit to reach the server', async () => (await liveSection(context.request, server.url, C04)).includes(TYPED));

      // From the editor's tabs to the comparison: by default since the last review meeting.
      await page.getByRole('navigation', { name: '承諾事項頁面' }).getByRole('link', { name: '比較版本' }).click();
      await page.getByRole('heading', { name: /從「第3次推動小組會議.*」到「目前文字（即時版本）」的變更/ }).waitFor();
      const change = page.locator('li.change[data-path="sections.problem.zh"]');
      await change.waitFor();
      expect(await change.getByRole('heading', { name: '公共問題（中文）' }).count()).toBe(1);
      expect(await change.locator('ins.diff-ins').textContent()).toContain(TYPED);
      expect(await change.locator('.change-authors').textContent()).toContain(AGENCY.name);
      expect(await change.locator('.change-authors').textContent()).toContain('政府機關');
      expect(await page.getByRole('status').filter({ hasText: '共 1 處變更' }).count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole('radio', { name: '左右對照' }).check();
      const table = change.locator('table.side-table');
      await table.waitFor();
      expect(await table.getByRole('columnheader').allTextContents()).toEqual([expect.stringContaining('第3次推動小組會議'), '目前文字（即時版本）']);
      const lastRow = table.locator('tbody tr').last();
      expect(await lastRow.locator('td').first().textContent()).not.toContain(TYPED);
      expect(await lastRow.locator('td').last().locator('ins').textContent()).toContain(TYPED);
      expect(await axeViolations(page)).toEqual([]);

      // Filters: by field and by person.
      await page.getByLabel('欄位').selectOption('problem');
      expect(await page.locator('li.change').count()).toBe(1);
      await page.getByLabel('修改者').selectOption({ label: `${AGENCY.name}（政府機關）` });
      expect(await page.locator('li.change').count()).toBe(1);

      // The plan-wide comparison lists the commitment with the same change.
      await page.goto(`${server.url}/plans/${PLAN}/compare`);
      const section = page.locator('section.compare-commitment');
      await section.first().waitFor();
      expect(await section.count()).toBe(1);
      expect(await section.getByRole('heading', { level: 3 }).textContent()).toContain('1-4');
      expect(await section.locator('ins').first().textContent()).toContain(TYPED);
      expect(await section.locator('.author-name').first().textContent()).toBe(AGENCY.name);
      expect(await axeViolations(page)).toEqual([]);

      // The timeline highlights the meeting and links to the comparison.
      await page.goto(`${server.url}/c/${C04}/versions`);
      const meeting = page.locator('.timeline-meeting');
      await meeting.waitFor();
      expect(await meeting.textContent()).toContain('第3次推動小組會議');
      expect(await axeViolations(page)).toEqual([]);
      await meeting.getByRole('link', { name: '與目前文字比較' }).click();
      await change.waitFor();
      expect(page.url()).toContain(`from=cycle%3A${cycleId}`);

      // Restore the section: asked first, then the comparison is empty and the text is gone.
      await change.getByRole('button', { name: /^還原此段文字/ }).click();
      const dialog = page.getByRole('dialog', { name: '還原這一段的文字？' });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('公共問題（中文）');
      await dialog.getByRole('button', { name: '還原', exact: true }).click();
      await page.getByRole('status').filter({ hasText: '已還原「公共問題（中文）」' }).waitFor();
      await page.getByText('兩個版本之間沒有變更。').waitFor();
      expect(await liveSection(context.request, server.url, C04)).not.toContain(TYPED);
    } finally {
      await context.close();
    }
  });

  it('the review-meeting page in English passes axe, and non-coordinators get no create form', async () => {
    const { context, page } = await newPerson(browser, server.url, AGENCY, { uiLang: 'en' });
    try {
      await page.goto(`${server.url}/plans/${PLAN}/cycles`);
      await page.getByRole('heading', { name: 'Review meetings and snapshots' }).waitFor();
      await page.locator('.timeline-meeting').waitFor();
      expect(await page.getByRole('button', { name: 'Create meeting' }).count()).toBe(0);
      await page.getByText('Only the coordinator can create review meetings and take snapshots.').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(`${server.url}/c/${C04}/compare`);
      await page.getByRole('heading', { name: /^Changes from/ }).waitFor();
      await page.getByRole('radio', { name: 'Side by side' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('[VA1] a review meeting is named in the reader\'s language and the links in its notes open safely', async () => {
    for (const [uiLang, label, other, href] of [
      ['en', '3rd task-force meeting', '第3次推動小組會議', 'https://example.gov.tw/minutes-3-en.pdf'],
      ['zh', '第3次推動小組會議', '3rd task-force meeting', 'https://example.gov.tw/minutes-3.pdf'],
    ] as const) {
      const { context, page } = await newPerson(browser, server.url, AGENCY, { uiLang });
      try {
        await page.goto(`${server.url}/plans/${PLAN}/cycles`);
        const meeting = page.locator('.timeline-meeting');
        await meeting.locator('.timeline-title', { hasText: label }).waitFor();
        expect(await meeting.getByText(other).count()).toBe(0);
        const link = meeting.getByRole('link', { name: href });
        expect(await link.getAttribute('href')).toBe(href);
        expect(await link.getAttribute('rel')).toContain('noopener');
        expect(await meeting.locator('a[href^="javascript:"]').count()).toBe(0);
      } finally {
        await context.close();
      }
    }
  });
});
