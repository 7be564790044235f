/**
 * The commitment editor in real Chromium against the real server: two people co-editing,
 * presence, the language switch, keyboard-only use and WCAG 2.1 AA checks with axe-core.
 * Run: `npx vitest run --project browser` (needs /usr/bin/chromium; skipped otherwise).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AGENCY, CIVIL, COORDINATOR, DEMO_PASSWORD, TRANSLATOR, VIEWER, axeViolations, hasChromium, newPerson, openCommitment, within } from './helpers.js';
import { browser, server, useBrowser } from './fixture.js';

const rowCount = (page: Page) => page.locator('.ms-table tbody tr[data-row]').count();

describe.skipIf(!hasChromium)('commitment editor in Chromium', () => {
  useBrowser();

  it('two people see each other\'s section text, status change and new milestone within a second, with named carets', async () => {
    const alice = await newPerson(browser, server.url, CIVIL);
    const bob = await newPerson(browser, server.url, COORDINATOR);
    try {
      const id = 'c-01-open-data-reuse';
      await openCommitment(alice.page, server.url, id);
      await openCommitment(bob.page, server.url, id);
      const section = (p: Page) => p.getByRole('textbox', { name: /^公共問題/ });

      await section(alice.page).click();
      await alice.page.keyboard.press('Control+End');
      await alice.page.keyboard.type('共筆同步測試');
      await within(1000, 'typed text reaches Bob', async () => ((await section(bob.page).textContent()) ?? '').includes('共筆同步測試'));
      await within(1000, 'Alice\'s caret with her name in Bob\'s editor', async () =>
        ((await bob.page.locator('.collab-caret__label').allTextContents()).some((t) => t.includes(CIVIL.name) && t.includes('· 民間'))),
      );
      // Bob's avatar list shows Alice, and where she is.
      await within(1000, 'Alice in Bob\'s presence list', async () =>
        ((await bob.page.locator('.avatars').textContent()) ?? '').includes(CIVIL.name),
      );

      await alice.page.getByRole('combobox', { name: '狀態', exact: true }).selectOption('in_review');
      await within(1000, 'status reaches Bob', async () => (await bob.page.getByRole('combobox', { name: '狀態', exact: true }).inputValue()) === 'in_review');

      const before = await rowCount(bob.page);
      await alice.page.getByRole('button', { name: '新增里程碑' }).click();
      await within(1000, 'new milestone row reaches Bob', async () => (await rowCount(bob.page)) === before + 1);
      await alice.page.keyboard.type('新的里程碑');
      await within(1000, 'milestone cell text reaches Bob', async () =>
        (await bob.page.getByRole('textbox', { name: `里程碑 ${before + 1} （中文）`, exact: true }).inputValue()) === '新的里程碑',
      );
    } finally {
      await alice.context.close();
      await bob.context.close();
    }
  });

  it('the language switch changes every label, is remembered, and updates <html lang>', async () => {
    const { context, page } = await newPerson(browser, server.url, COORDINATOR);
    try {
      await openCommitment(page, server.url, 'c-03-privacy');
      const zhLabels = async () => {
        await page.getByRole('textbox', { name: '承諾事項名稱 （中文）', exact: true }).waitFor();
        await page.getByRole('textbox', { name: '編號', exact: true }).waitFor();
        await page.getByRole('combobox', { name: '狀態', exact: true }).waitFor();
        await page.getByLabel('開始日期', { exact: true }).waitFor();
        await page.getByRole('textbox', { name: '公共問題 （中文）', exact: true }).waitFor();
        await page.getByRole('textbox', { name: '承諾事項內容 （中文）', exact: true }).waitFor();
        await page.getByRole('group', { name: 'OGP 價值' }).waitFor();
        await page.getByRole('checkbox', { name: '公民參與' }).waitFor();
        await page.getByRole('columnheader', { name: '可量化/驗證衡量指標' }).waitFor();
        await page.getByRole('button', { name: '新增里程碑' }).waitFor();
        await page.getByRole('radio', { name: '中英並列' }).waitFor();
        expect(await page.getAttribute('html', 'lang')).toBe('zh-Hant-TW');
      };
      await zhLabels();

      await page.getByRole('button', { name: /^English/ }).click();
      await page.getByRole('textbox', { name: 'Commitment title (Chinese)', exact: true }).waitFor();
      await page.getByRole('textbox', { name: 'No.', exact: true }).waitFor();
      await page.getByRole('combobox', { name: 'Status', exact: true }).waitFor();
      await page.getByLabel('Start date', { exact: true }).waitFor();
      await page.getByRole('textbox', { name: 'Public problem (Chinese)', exact: true }).waitFor();
      await page.getByRole('textbox', { name: 'Commitment description (Chinese)', exact: true }).waitFor();
      await page.getByRole('group', { name: 'OGP values' }).waitFor();
      await page.getByRole('checkbox', { name: 'Civic participation' }).waitFor();
      await page.getByRole('columnheader', { name: 'Quantifiable or verifiable indicator' }).waitFor();
      await page.getByRole('button', { name: 'Add milestone' }).waitFor();
      await page.getByRole('radio', { name: 'Side by side' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      // No Chinese label is left behind.
      expect(await page.getByRole('combobox', { name: '狀態', exact: true }).count()).toBe(0);
      expect(await page.getByRole('button', { name: '新增里程碑' }).count()).toBe(0);
      // A row's cells are named in English too.
      await page.getByRole('textbox', { name: 'Milestone 1 (Chinese)', exact: true }).waitFor();

      await page.reload();
      await page.getByRole('button', { name: 'Add milestone' }).waitFor();
      await page.getByRole('button', { name: /^中文/ }).click();
      await zhLabels();
    } finally {
      await context.close();
    }
  });

  it('keyboard only: Tab to "add milestone", Enter, type into the new row; the other person sees it', async () => {
    const { context, page } = await newPerson(browser, server.url, AGENCY);
    const other = await newPerson(browser, server.url, CIVIL);
    try {
      const id = 'c-04-access-to-information';
      await openCommitment(page, server.url, id);
      await openCommitment(other.page, server.url, id);
      const before = await rowCount(page);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      let reached = false;
      for (let i = 0; i < 400 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action === 'add-milestone');
      }
      expect(reached, 'Tab reaches the add-milestone button').toBe(true);
      await page.keyboard.press('Enter');
      await page.keyboard.type('鍵盤新增的里程碑');
      const name = `里程碑 ${before + 1} （中文）`;
      expect(await rowCount(page)).toBe(before + 1);
      expect(await page.getByRole('textbox', { name, exact: true }).inputValue()).toBe('鍵盤新增的里程碑');
      await within(1000, 'keyboard-added row in the second context', async () =>
        (await other.page.getByRole('textbox', { name, exact: true }).count()) === 1 &&
        (await other.page.getByRole('textbox', { name, exact: true }).inputValue()) === '鍵盤新增的里程碑',
      );
    } finally {
      await context.close();
      await other.context.close();
    }
  });

  it('the side-by-side view marks outdated English, and "mark as up to date" clears it', async () => {
    const { context, page } = await newPerson(browser, server.url, COORDINATOR);
    try {
      await openCommitment(page, server.url, 'c-05-environmental-disclosure');
      await page.getByRole('radio', { name: '中英並列' }).check();
      const zhTitle = page.getByRole('textbox', { name: '承諾事項名稱 （中文）', exact: true });
      const enTitle = page.getByRole('textbox', { name: '承諾事項名稱 （英文）', exact: true });
      await enTitle.waitFor();
      expect(await page.locator('.outdated').count()).toBe(0);
      await zhTitle.click();
      await page.keyboard.press('End');
      await page.keyboard.type('（修正）');
      await page.getByText('英文待更新', { exact: true }).first().waitFor();
      await page.getByRole('button', { name: '標記為已更新：承諾事項名稱' }).click();
      await within(1000, 'outdated mark cleared', async () => (await page.getByRole('button', { name: '標記為已更新：承諾事項名稱' }).count()) === 0);
      // Typing English also marks it as translated.
      await zhTitle.click();
      await page.keyboard.type('！');
      await page.getByRole('button', { name: '標記為已更新：承諾事項名稱' }).waitFor();
      await enTitle.click();
      await page.keyboard.press('End');
      await page.keyboard.type(' (revised)');
      await within(1000, 'English edit marks it translated', async () => (await page.getByRole('button', { name: '標記為已更新：承諾事項名稱' }).count()) === 0);
      await page.getByRole('radio', { name: '中文' }).check();
    } finally {
      await context.close();
    }
  });

  it('an unknown commitment shows a clear message with a link back to the plan', async () => {
    const { context, page } = await newPerson(browser, server.url, VIEWER);
    try {
      await page.goto(`${server.url}/c/c-does-not-exist`);
      await page.getByRole('heading', { name: '找不到這個承諾事項' }).waitFor();
      await page.getByRole('link', { name: '回到行動方案總覽' }).click();
      await page.getByRole('heading', { level: 1, name: /開放政府國家行動方案/ }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('the plan overview lists 19 commitments in 5 domains and filters them', async () => {
    const { context, page } = await newPerson(browser, server.url, VIEWER);
    try {
      await page.goto(server.url);
      await page.locator('.overview-table').first().waitFor();
      expect(await page.locator('.domain').count()).toBe(5);
      expect(await page.locator('.overview-table tbody tr').count()).toBe(19);
      await page.getByLabel('搜尋').fill('隱私');
      await within(1000, 'search narrows the list', async () => (await page.locator('.overview-table tbody tr').count()) === 1);
      await page.getByRole('button', { name: '清除篩選' }).click();
      await page.getByLabel('狀態').selectOption('withdrawn');
      await page.getByText('沒有符合篩選條件的承諾事項。').waitFor();
    } finally {
      await context.close();
    }
  });

  it('signing in through the form opens the plan overview; wrong passwords get a clear message', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-TW' });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/c/c-01-open-data-reuse`);
      await page.getByRole('heading', { name: '登入共筆' }).waitFor();
      await page.getByLabel('電子郵件').fill(CIVIL.email);
      await page.getByLabel('密碼').fill('wrong password');
      await page.getByRole('button', { name: '登入' }).click();
      await page.getByRole('alert').filter({ hasText: '電子郵件或密碼不正確' }).waitFor();
      await page.getByLabel('密碼').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登入' }).click();
      // The shareable URL still leads to the commitment after signing in.
      await page.locator('.conn[data-state="connected"]').waitFor();
      await page.getByRole('group', { name: /目前登入：林委員/ }).waitFor();
      await page.getByRole('button', { name: '登出' }).click();
      await page.getByRole('heading', { name: '登入共筆' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('a translator edits only the English; a viewer reads without edit controls', async () => {
    const translator = await newPerson(browser, server.url, TRANSLATOR);
    const coordinator = await newPerson(browser, server.url, COORDINATOR);
    const viewer = await newPerson(browser, server.url, VIEWER);
    try {
      const id = 'c-07-regional-revitalization';
      await openCommitment(translator.page, server.url, id);
      await openCommitment(coordinator.page, server.url, id);
      await openCommitment(viewer.page, server.url, id);
      const t = translator.page;
      await t.getByText('您是譯者：只能編輯英文內容').waitFor();
      await t.getByRole('radio', { name: '中英並列' }).check();
      expect(await t.getByRole('textbox', { name: '承諾事項名稱 （中文）', exact: true }).getAttribute('readonly')).not.toBeNull();
      expect(await t.getByRole('textbox', { name: '公共問題 （中文）', exact: true }).getAttribute('contenteditable')).toBe('false');
      expect(await t.getByRole('textbox', { name: '公共問題 （英文）', exact: true }).getAttribute('contenteditable')).toBe('true');
      expect(await t.getByRole('button', { name: '新增里程碑' }).count()).toBe(0);
      const en = t.getByRole('textbox', { name: '承諾事項名稱 （英文）', exact: true });
      await en.click();
      await t.keyboard.press('End');
      await t.keyboard.type(' (reviewed)');
      await coordinator.page.getByRole('radio', { name: '中英並列' }).check();
      await within(1000, 'translator\'s English reaches the coordinator', async () =>
        (await coordinator.page.getByRole('textbox', { name: '承諾事項名稱 （英文）', exact: true }).inputValue()).endsWith(' (reviewed)'),
      );
      expect(await t.getByRole('alert').count()).toBe(0);

      const v = viewer.page;
      await v.getByText('您可以閱讀這份承諾事項，但不能編輯').waitFor();
      expect(await v.getByRole('button', { name: '新增里程碑' }).count()).toBe(0);
      expect(await v.getByRole('combobox', { name: '狀態', exact: true }).isDisabled()).toBe(true);
      expect(await v.getByRole('textbox', { name: '公共問題 （中文）', exact: true }).getAttribute('contenteditable')).toBe('false');
      await t.getByRole('radio', { name: '中文' }).check();
      await coordinator.page.getByRole('radio', { name: '中文' }).check();
    } finally {
      await translator.context.close();
      await coordinator.context.close();
      await viewer.context.close();
    }
  });

  describe('WCAG 2.1 AA (axe-core): zero violations', () => {
    for (const uiLang of ['zh', 'en'] as const) {
      it(`plan overview (${uiLang})`, async () => {
        const { context, page } = await newPerson(browser, server.url, CIVIL, { uiLang });
        try {
          await page.goto(server.url);
          await page.locator('.overview-table').first().waitFor();
          expect(await axeViolations(page)).toEqual([]);
        } finally {
          await context.close();
        }
      });

      it(`commitment editor (${uiLang}), single language and side by side`, async () => {
        const { context, page } = await newPerson(browser, server.url, COORDINATOR, { uiLang });
        const other = await newPerson(browser, server.url, CIVIL, { uiLang });
        try {
          // Civil-society member of this working group: both can write.
          await openCommitment(page, server.url, 'c-16-procurement-integrity');
          await openCommitment(other.page, server.url, 'c-16-procurement-integrity');
          // Someone else's caret and presence tags are part of what must pass.
          await other.page.getByRole('textbox').first().click();
          await page.locator('.field-presence__tag').first().waitFor();
          expect(await axeViolations(page)).toEqual([]);
          await page.getByRole('radio', { name: uiLang === 'zh' ? '中英並列' : 'Side by side' }).check();
          await page.locator('.crow-head').waitFor();
          expect(await axeViolations(page)).toEqual([]);
          await page.getByRole('radio', { name: uiLang === 'zh' ? '中文' : 'Chinese' }).check();
          // Read-only (the civil-society member is not in c-06's working group).
          await openCommitment(other.page, server.url, 'c-06-referendum-e-petition');
          expect(await axeViolations(other.page)).toEqual([]);
        } finally {
          await context.close();
          await other.context.close();
        }
      });
    }
  });
});
