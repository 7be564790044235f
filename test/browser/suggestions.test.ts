/**
 * Suggestions from the UI, in real Chromium: a civil-society member outside c-03's working group
 * suggests wording for the title and for a milestone cell; the coordinator (a writer) sees
 * both, accepts one — the open editor shows the text — and declines the other with a reason;
 * the civil member sees the decision and its reason; both languages; no axe violations.
 */
import { describe, expect, it } from 'vitest';

import { CIVIL, COORDINATOR, axeViolations, hasChromium, newPerson, openCommitment } from './helpers.js';
import { browser, server, useBrowser } from './fixture.js';

const C03 = 'c-03-privacy';

describe.skipIf(!hasChromium)('suggestions from the commitment page', () => {
  useBrowser();

  it('[SG10] a civil member suggests a title and a milestone text; the writer accepts one and declines the other with a reason', async () => {
    const civil = await newPerson(browser, server.url, CIVIL);
    const coordinator = await newPerson(browser, server.url, COORDINATOR);
    await openCommitment(civil.page, server.url, C03);
    const title = civil.page.getByRole('textbox', { name: '承諾事項名稱 （中文）', exact: true });
    expect(await title.getAttribute('readonly')).not.toBeNull();
    const current = (await title.inputValue()) || (await title.textContent()) || '';

    await civil.page.getByRole('button', { name: '提出建議' }).click();
    await civil.page.getByLabel('建議的文字（已填入目前內容，請直接修改）').fill(`${current}與獨立監督`);
    await civil.page.getByRole('button', { name: '送出建議' }).click();
    await civil.page.getByText('已送出建議，工作小組會收到通知。').waitFor();

    await civil.page.getByRole('button', { name: '提出建議' }).click();
    const fieldSelect = civil.page.getByLabel('欄位');
    const milestoneOption = await fieldSelect.locator('option', { hasText: '里程碑與衡量指標 1・里程碑' }).getAttribute('value');
    await fieldSelect.selectOption(milestoneOption!);
    await civil.page.getByLabel('建議的文字（已填入目前內容，請直接修改）').fill('完成個資保護委員會組織法草案');
    await civil.page.getByRole('button', { name: '送出建議' }).click();
    await civil.page.getByText('已送出建議，工作小組會收到通知。').waitFor();
    expect(await axeViolations(civil.page)).toEqual([]);

    // The plan overview counts what the working group has to answer.
    await coordinator.page.goto(`${server.url}/`);
    await coordinator.page.locator('tr', { has: coordinator.page.locator(`a[href$="/c/${C03}"]`) }).getByText('2 則建議待決定').waitFor();
    await openCommitment(coordinator.page, server.url, C03);
    const items = coordinator.page.locator('li.suggestion');
    await items.nth(1).waitFor();
    await items.filter({ hasText: '承諾事項名稱' }).getByRole('button', { name: '接受' }).click();
    await coordinator.page.getByText('已接受：建議已寫入正文，並註明建議者。').waitFor();
    await coordinator.page.waitForFunction(
      (want) => [...document.querySelectorAll('[aria-label="承諾事項名稱 （中文）"], textarea, input')].some((e) => ((e as HTMLInputElement).value ?? e.textContent ?? '').includes(want)),
      '與獨立監督',
      { timeout: 10_000 },
    );
    const milestoneItem = items.filter({ hasText: '里程碑' }).filter({ hasText: '待決定' });
    await milestoneItem.getByRole('button', { name: '婉拒' }).click();
    await milestoneItem.getByLabel('婉拒理由（必填，會公開記錄）').fill('里程碑文字依核定本維持。');
    await milestoneItem.getByRole('button', { name: '確定婉拒' }).click();
    await coordinator.page.getByText('已婉拒，理由已記錄。').waitFor();
    expect(await axeViolations(coordinator.page)).toEqual([]);

    // The suggester sees both decisions, in English too.
    await civil.page.reload();
    await civil.page.getByLabel('建議狀態').selectOption('all');
    await civil.page.getByText(/里程碑文字依核定本維持。/).waitFor();
    await civil.page.getByRole('button', { name: 'English' }).first().click();
    await civil.page.getByRole('heading', { name: 'Suggestions' }).waitFor();
    await civil.page.getByText(/Declined by .+里程碑文字依核定本維持。/).waitFor();
    await civil.page.getByText(/Accepted by /).first().waitFor();
  });
});
