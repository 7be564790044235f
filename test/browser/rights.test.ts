/**
 * The reorganisation from the UI, in real Chromium: the coordinator moves 4-3 to 法務部廉政署
 * with a note in the move dialog; the Ministry of Justice editor's open page turns read-only
 * without a reload; the note is shown in the history, in Chinese and in English. Others see
 * the agencies read-only, with no move button and no picker.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AGENCY, COORDINATOR, axeViolations, hasChromium, newPerson, openCommitment } from './helpers.js';
import { browser, server, useBrowser } from './fixture.js';

const zhTitle = (page: Page) => page.getByRole('textbox', { name: '承諾事項名稱 （中文）', exact: true });
const NOTE = '組織改造：揭弊者保護業務移由廉政署主責';

describe.skipIf(!hasChromium)('moving the lead agency from the UI', () => {
  useBrowser();

  it('[RI10] the coordinator moves 4-3 to 法務部廉政署: the agency editor turns read-only at once, the note is in the history', async () => {
    const coordinator = await newPerson(browser, server.url, COORDINATOR);
    const agency = await newPerson(browser, server.url, AGENCY);
    const list = (await (await coordinator.context.request.get(`${server.url}/api/commitments?plan=plan-nap1`)).json()).commitments as Array<{ id: string; number: string }>;
    const id = list.find((c) => c.number === '4-3')!.id;

    await openCommitment(agency.page, server.url, id);
    expect(await zhTitle(agency.page).getAttribute('readonly')).toBeNull();
    // The agency editor sees the agencies read-only: no move button, no picker.
    expect(await agency.page.getByRole('button', { name: '異動權責機關' }).count()).toBe(0);
    expect(await agency.page.getByRole('button', { name: '新增協辦機關' }).count()).toBe(0);
    await agency.page.getByText('協辦機關由幕僚機關設定').waitFor();

    await openCommitment(coordinator.page, server.url, id);
    await coordinator.page.getByRole('button', { name: '異動權責機關' }).click();
    const dialog = coordinator.page.getByRole('dialog', { name: '異動權責機關' });
    await dialog.getByRole('combobox', { name: '新權責機關' }).waitFor();
    expect(await axeViolations(coordinator.page)).toEqual([]);
    await dialog.getByRole('combobox', { name: '新權責機關' }).selectOption({ label: '法務部廉政署' });
    // No note: refused in the reader's language, nothing sent.
    await dialog.getByRole('button', { name: '確認異動' }).click();
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByLabel('異動說明（記錄於歷程，例如組織改造的依據）').fill(NOTE);
    await dialog.getByRole('button', { name: '確認異動' }).click();
    await coordinator.page.getByText('已異動至法務部廉政署。').waitFor();

    // The agency editor's open page: read-only without a reload, the new lead shown.
    await agency.page.waitForFunction(() => document.querySelector('[data-field="leadAgency"]')?.textContent?.includes('法務部廉政署'), null, { timeout: 10_000 });
    await agency.page.getByText(/您可以閱讀這份承諾事項，但不能編輯/).waitFor({ timeout: 10_000 });
    expect(await zhTitle(agency.page).getAttribute('readonly')).not.toBeNull();

    await coordinator.page.goto(`${server.url}/c/${id}/versions`);
    await coordinator.page.getByText('權責機關由法務部異動為法務部廉政署').waitFor();
    await coordinator.page.getByText(`說明：${NOTE}`).waitFor();
    // The checkpoint taken before the move, compared with the live text: the move, with its note.
    await coordinator.page.getByRole('link', { name: '與目前文字比較' }).first().click();
    await coordinator.page.locator('.changes').getByText(`說明：${NOTE}`).waitFor({ timeout: 15_000 });

    const english = await newPerson(browser, server.url, COORDINATOR, { uiLang: 'en' });
    await english.page.goto(`${server.url}/c/${id}/versions`);
    await english.page.getByText('Lead agency moved from Ministry of Justice to Agency Against Corruption').waitFor();
    await english.page.getByText(`Note: ${NOTE}`).waitFor();
    for (const p of [coordinator, agency, english]) await p.context.close();
  }, 120_000);
});
