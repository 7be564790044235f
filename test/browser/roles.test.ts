/**
 * What each demo role may do in the UI, signed in as that role in real Chromium: editable or
 * read-only fields on an own and on another commitment, the review-meeting form (coordinator
 * only), export for everyone, and "restore" offered only where the person may write the text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AGENCY, CIVIL, COORDINATOR, TRANSLATOR, VIEWER, hasChromium, newPerson, openCommitment, type Account } from './helpers.js';
import { browser, server, useBrowser } from './fixture.js';

const PLAN = 'plan-nap1';
const C01 = 'c-01-open-data-reuse'; // lead: National Development Council; civil member's group
const C04 = 'c-04-access-to-information'; // lead: Ministry of Justice; civil member's group
const C06 = 'c-06-referendum-e-petition'; // lead: Central Election Commission

/** Each role: a commitment it may write (null: none) and one it may not, and what restoring looks like. */
const ROLES: Array<{ who: Account; own: string | null; other: string; notice: RegExp | null; coordinator: boolean; restoreOn: Record<string, boolean> }> = [
  { who: COORDINATOR, own: C04, other: C06, notice: null, coordinator: true, restoreOn: { [C01]: true, [C04]: true } },
  { who: AGENCY, own: C04, other: C01, notice: /您可以閱讀這份承諾事項，但不能編輯/, coordinator: false, restoreOn: { [C01]: false, [C04]: true } },
  { who: CIVIL, own: C01, other: C06, notice: /您可以閱讀這份承諾事項，但不能編輯/, coordinator: false, restoreOn: { [C01]: true, [C04]: true } },
  { who: TRANSLATOR, own: null, other: C04, notice: /您是譯者：只能編輯英文內容/, coordinator: false, restoreOn: { [C01]: false, [C04]: false } },
  { who: VIEWER, own: null, other: C04, notice: /您可以閱讀這份承諾事項，但不能編輯/, coordinator: false, restoreOn: { [C01]: false, [C04]: false } },
];

const zhTitle = (page: Page) => page.getByRole('textbox', { name: '承諾事項名稱 （中文）', exact: true });
const status = (page: Page) => page.getByRole('combobox', { name: '狀態', exact: true });
const problem = (page: Page) => page.getByRole('textbox', { name: '公共問題 （中文）', exact: true });

async function expectWritable(page: Page) {
  expect(await zhTitle(page).getAttribute('readonly')).toBeNull();
  expect(await status(page).isDisabled()).toBe(false);
  expect(await problem(page).getAttribute('contenteditable')).toBe('true');
  expect(await page.getByRole('button', { name: '新增里程碑' }).count()).toBe(1);
}

async function expectReadOnly(page: Page, notice: RegExp) {
  await page.getByText(notice).waitFor();
  expect(await zhTitle(page).getAttribute('readonly')).not.toBeNull();
  expect(await status(page).isDisabled()).toBe(true);
  expect(await problem(page).getAttribute('contenteditable')).toBe('false');
  expect(await page.getByRole('button', { name: '新增里程碑' }).count()).toBe(0);
}

describe.skipIf(!hasChromium)('roles in the UI', () => {
  useBrowser();
  beforeAll(async () => {
    // A review snapshot, then a change in c-01 and c-04's Chinese "public problem", so restore buttons can appear.
    const { context, page } = await newPerson(browser, server.url, COORDINATOR);
    const cycle = (await (await context.request.post(`${server.url}/api/plans/${PLAN}/cycles`, { data: { label: '第2次推動小組會議', meetingDate: '2021-03-31' } })).json()).cycle;
    expect((await context.request.post(`${server.url}/api/cycles/${cycle.id}/snapshot`, { data: {} })).status()).toBe(201);
    for (const id of [C01, C04]) {
      await openCommitment(page, server.url, id);
      await problem(page).click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('幕僚機關補充');
      const deadline = Date.now() + 10_000;
      for (;;) {
        const body = await (await context.request.get(`${server.url}/api/commitments/${id}`)).json();
        if (JSON.stringify(body.commitment.sections.problem.zh).includes('幕僚機關補充')) break;
        if (Date.now() > deadline) throw new Error(`edit of ${id} not stored`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await context.close();
  });

  for (const role of ROLES) {
    it(`${role.who.email}: own and other commitments, review meetings, export, restore`, async () => {
      const { context, page } = await newPerson(browser, server.url, role.who);
      try {
        if (role.own) {
          await openCommitment(page, server.url, role.own);
          await expectWritable(page);
          expect(await page.locator('.notice-read, .notice-translate').count()).toBe(0);
        }
        await openCommitment(page, server.url, role.other);
        if (role.notice) await expectReadOnly(page, role.notice);
        else await expectWritable(page);
        if (role.who === TRANSLATOR) {
          await page.getByRole('radio', { name: '中英並列' }).check();
          const en = page.getByRole('textbox', { name: '承諾事項名稱 （英文）', exact: true });
          expect(await en.getAttribute('readonly')).toBeNull();
          expect(await page.getByRole('textbox', { name: '公共問題 （英文）', exact: true }).getAttribute('contenteditable')).toBe('true');
          await page.getByRole('radio', { name: '中文' }).check();
        }

        // Every role may export; the export panel opens from the commitment's tabs.
        await page.getByRole('button', { name: '匯出' }).click();
        await page.getByRole('button', { name: '下載', exact: true }).waitFor();

        // Review meetings: only the coordinator gets the form (and the server refuses others anyway).
        await page.goto(`${server.url}/plans/${PLAN}/cycles`);
        await page.locator('.timeline-meeting').waitFor();
        expect(await page.getByRole('button', { name: '建立會議' }).count()).toBe(role.coordinator ? 1 : 0);
        if (!role.coordinator) await page.getByText('只有幕僚機關可以建立檢討會議與快照。').waitFor();

        // Restore is offered only on a section this person may write.
        for (const [id, offered] of Object.entries(role.restoreOn)) {
          await page.goto(`${server.url}/c/${id}/compare`);
          await page.locator('li.change[data-path="sections.problem.zh"]').waitFor();
          expect(await page.getByRole('button', { name: /^還原此段文字/ }).count(), `${role.who.email} on ${id}`).toBe(offered ? 1 : 0);
        }
      } finally {
        await context.close();
      }
    });
  }
});
