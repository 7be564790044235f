/**
 * What a person meets on arriving, in real Chromium against the real server: a URL that cannot
 * be decoded (`/c/%E0%A4%A`, half of a link pasted from a chat) shows the "page not found" page
 * in the reader's language with a way back, inside the app's header — not a blank screen; an
 * anonymous visitor at `/` finds the public site from the sign-in page; a first visit speaks
 * the language a link asks for (`?lang=en`) or else the browser's.
 */
import { describe, expect, it } from 'vitest';

import { COORDINATOR, VIEWER, axeViolations, hasChromium, newPerson } from './helpers.js';
import { browser, server, useBrowser } from './fixture.js';

describe.skipIf(!hasChromium)('arriving in Chromium', () => {
  useBrowser();

  const cases = [
    { uiLang: 'zh' as const, title: '找不到這個頁面', back: '回到行動方案總覽' },
    { uiLang: 'en' as const, title: 'Page not found', back: 'Back to the plan overview' },
  ];
  for (const { uiLang, title, back } of cases) {
    it(`[UI10] /c/%E0%A4%A and /plans/%ZZ/timeline say the page is not found and lead back (${uiLang})`, async () => {
      const { context, page } = await newPerson(browser, server.url, COORDINATOR, { uiLang });
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(String(err)));
      try {
        for (const path of ['/c/%E0%A4%A', '/plans/%ZZ/timeline']) {
          await page.goto(`${server.url}${path}`);
          await page.getByRole('heading', { name: title, exact: true }).waitFor({ timeout: 10_000 });
          // The header is there too: the app did not fall over.
          expect(await page.locator('header').count(), path).toBeGreaterThan(0);
          expect(errors, path).toEqual([]);
        }
        expect(await axeViolations(page)).toEqual([]);
        await page.getByRole('link', { name: back, exact: true }).click();
        await page.waitForURL(`${server.url}/`);
        await page.locator('.state-error').waitFor({ state: 'detached' });
      } finally {
        await context.close();
      }
    }, 60_000);
  }

  it('[UI11] an anonymous visitor at / is led from the sign-in page to the public plan (zh, en)', async () => {
    for (const [uiLang, link, heading] of [['zh', '不需帳號：閱讀已公開的國家行動方案並留言', '登入'], ['en', 'No account needed: read the published action plan and comment on it', 'Sign in']] as const) {
      const context = await browser.newContext({ locale: 'zh-TW' });
      await context.addInitScript((lang) => localStorage.setItem('gongbi.uiLang', lang), uiLang);
      const page = await context.newPage();
      try {
        await page.goto(`${server.url}/`);
        await page.getByRole('heading', { name: heading, level: 1 }).waitFor({ timeout: 10_000 });
        expect(await axeViolations(page), uiLang).toEqual([]);
        await page.getByRole('link', { name: link, exact: true }).click();
        await page.waitForURL(`${server.url}/public`);
        await page.locator('.sign-in').waitFor({ state: 'detached' });
      } finally {
        await context.close();
      }
    }
  }, 60_000);

  it('[UI13] a first visit follows ?lang=en (and remembers it), else the browser\'s language', async () => {
    const heading = async (locale: string, path: string) => {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      try {
        await page.goto(`${server.url}${path}`);
        const h = page.getByRole('heading', { level: 1 }).first();
        await h.waitFor({ timeout: 10_000 });
        const first = await h.textContent();
        // The same browser again, without the query: the choice a link made is kept.
        await page.goto(`${server.url}/`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        return { first, again: await page.getByRole('heading', { level: 1 }).first().textContent(), lang: await page.evaluate(() => document.documentElement.lang) };
      } finally {
        await context.close();
      }
    };
    expect(await heading('zh-TW', '/?lang=en')).toEqual({ first: 'Sign in to Gongbi', again: 'Sign in to Gongbi', lang: 'en' });
    expect(await heading('en-US', '/')).toEqual({ first: 'Sign in to Gongbi', again: 'Sign in to Gongbi', lang: 'en' });
    expect(await heading('zh-TW', '/')).toEqual({ first: '登入共筆', again: '登入共筆', lang: 'zh-Hant-TW' });
    expect(await heading('en-US', '/?lang=zh')).toEqual({ first: '登入共筆', again: '登入共筆', lang: 'zh-Hant-TW' });
  }, 60_000);

  it('[UI14] a refused page says why in the reader\'s language, not in the server\'s English (a viewer opens moderation)', async () => {
    for (const [uiLang, sentence] of [['zh', '您的角色不能開啟或變更這項內容；如需權限，請洽幕僚機關。'], ['en', 'Your role does not allow you to open or change this; ask the coordinator if you need access.']] as const) {
      const { context, page } = await newPerson(browser, server.url, VIEWER, { uiLang });
      try {
        await page.goto(`${server.url}/plans/plan-nap1/moderation`);
        const alert = page.locator('.state-error');
        await alert.waitFor({ timeout: 10_000 });
        await page.getByText(sentence, { exact: true }).waitFor();
        const text = (await alert.textContent()) ?? '';
        if (uiLang === 'zh') expect(text, 'no English inside the Chinese page').not.toMatch(/[A-Za-z]{3,}/);
        expect(await axeViolations(page), uiLang).toEqual([]);
      } finally {
        await context.close();
      }
    }
  }, 60_000);
});
