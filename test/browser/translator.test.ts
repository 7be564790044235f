/**
 * A translator's first week, in real Chromium against the real server: a commitment opens side
 * by side (in the Chinese-only view nothing is theirs to edit), and an English field made
 * outdated by a change to its Chinese shows what changed in the Chinese since the English was
 * last marked current, not only that something did.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { AGENCY, TRANSLATOR, axeViolations, ensureClientBuilt, hasChromium, launchBrowser, newPerson, openCommitment, startServer, type TestServer } from './helpers.js';

describe.skipIf(!hasChromium)('the translator in Chromium', () => {
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

  const cases = [
    { uiLang: 'zh' as const, id: 'c-04-access-to-information', both: '中英並列', enTitle: '承諾事項名稱 （英文）', zhTitle: '承諾事項名稱 （中文）', show: '中文改了什麼：承諾事項名稱' },
    { uiLang: 'en' as const, id: 'c-04-access-to-information', both: 'Side by side', enTitle: 'Commitment title (English)', zhTitle: 'Commitment title (Chinese)', show: 'What changed in the Chinese: Commitment title' },
  ];
  for (const c of cases) {
    it(`[TR1] opens side by side; an outdated English title shows what changed in its Chinese (${c.uiLang})`, async () => {
      const translator = await newPerson(browser, server.url, TRANSLATOR, { uiLang: c.uiLang });
      const agency = await newPerson(browser, server.url, AGENCY, { uiLang: c.uiLang });
      try {
        await openCommitment(translator.page, server.url, c.id);
        const t = translator.page;
        // No view chosen yet on this browser: side by side, with the English editable.
        expect(await t.getByRole('radio', { name: c.both }).isChecked()).toBe(true);
        const en = t.getByRole('textbox', { name: c.enTitle, exact: true });
        await en.waitFor();
        expect(await en.getAttribute('readonly')).toBeNull();
        const show = t.getByRole('button', { name: c.show, exact: true });
        expect(await show.count()).toBe(0);

        // The lead agency rewrites part of the Chinese title.
        await openCommitment(agency.page, server.url, c.id);
        const zh = agency.page.getByRole('textbox', { name: c.zhTitle, exact: true });
        await zh.click();
        await agency.page.keyboard.press('End');
        await agency.page.keyboard.type('（第二版）');

        await show.waitFor({ timeout: 10_000 });
        await show.click();
        expect(await show.getAttribute('aria-expanded')).toBe('true');
        const change = t.locator('.outdated-change');
        await change.waitFor();
        expect(await change.locator('ins').innerText()).toContain('（第二版）');
        expect(await change.locator('del').count()).toBe(0);
        const violations = await axeViolations(t);
        expect(violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes)}`)).toEqual([]);

        // Translating it: the English is current again and the note goes away.
        await en.click();
        await t.keyboard.press('End');
        await t.keyboard.type(' (2nd ed.)');
        await t.locator('.outdated-change').waitFor({ state: 'detached', timeout: 5_000 });
        // The server took the translator's English and its basis (a refusal would be an alert).
        await agency.page.getByRole('radio', { name: c.both }).check();
        await expect.poll(() => agency.page.getByRole('textbox', { name: c.enTitle, exact: true }).inputValue(), { timeout: 5_000 }).toContain('(2nd ed.)');
        expect(await t.getByRole('alert').count()).toBe(0);
      } finally {
        await translator.context.close();
        await agency.context.close();
      }
    }, 60_000);
  }
});
