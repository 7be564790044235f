/**
 * The public site in real Chromium against the real server: an anonymous visitor comments on
 * a published commitment; the comment stays hidden until a signed-in coordinator approves and
 * answers it in the moderation queue; then it shows with the answer. Hostile input: markup
 * shows as text, a 2,001-character comment and a flood are refused with clear messages.
 * Run: `npx vitest run --project browser test/browser/public.test.ts`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { COORDINATOR, axeViolations, hasChromium, newPerson, publishPlan } from './helpers.js';
import { browser, server, useBrowser } from './fixture.js';

const C04 = 'c-04-access-to-information';
const PLAN = 'plan-nap1';
const MARKUP = '<img src=x onerror="window.__xss=1"><b>粗體</b><script>window.__xss=2</script>';

/** Fills the public comment form and sends it; returns the message the page shows. */
async function sendComment(page: Page, name: string, text: string): Promise<{ ok: boolean; message: string }> {
  await page.getByLabel('姓名或暱稱', { exact: true }).fill(name);
  await page.getByLabel('意見', { exact: true }).fill(text);
  await page.getByRole('button', { name: '送出意見' }).click();
  const outcome = page.locator('.public-form-ok, .public-form-error');
  await outcome.first().waitFor({ timeout: 20_000 });
  const ok = (await page.locator('.public-form-ok').count()) > 0;
  const message = (await outcome.first().textContent()) ?? '';
  // Ready for the next one: the button is enabled again once the answer is in.
  await page.getByRole('button', { name: '送出意見' }).waitFor();
  return { ok, message };
}

describe.skipIf(!hasChromium)('public site in Chromium', () => {
  let visitor: BrowserContext;
  let page: Page;

  useBrowser();
  beforeAll(async () => {
    await publishPlan(server.url);
    // The public: no sign-in at all.
    visitor = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-TW' });
    page = await visitor.newPage();
    page.on('pageerror', (err) => console.error('[page error] visitor:', err));
  });
  afterAll(async () => {
    await visitor?.close();
  });

  it('an anonymous visitor reads the published commitment and comments; it stays hidden until approved and answered, then shows with the answer', async () => {
    await page.goto(`${server.url}/public/c/${C04}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.locator('.public-version').textContent()).toContain('第3次推動小組會議');
    await page.getByRole('table').first().waitFor();
    expect(await page.getByText('目前沒有公開的意見。').count()).toBe(1);

    const first = await sendComment(page, '王小明', '建議每季公布政府資訊申請案件的准駁統計。');
    expect(first).toEqual({ ok: true, message: '謝謝！您的意見將在工作小組審核後顯示於此。' });
    const markup = await sendComment(page, '<i>駭客</i>', MARKUP);
    expect(markup.ok).toBe(true);
    // Hidden until approved, also after a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.locator('.public-comment').count()).toBe(0);

    // The coordinator finds both in the moderation queue, approves and answers.
    const { context, page: mod } = await newPerson(browser, server.url, COORDINATOR);
    try {
      await mod.goto(`${server.url}/plans/${PLAN}/moderation`);
      const card = mod.locator('.moderation-card', { has: mod.getByRole('heading', { name: '王小明' }) });
      await card.waitFor();
      expect(await mod.locator('.moderation-card').count()).toBe(2);
      await card.getByRole('button', { name: '公開', exact: true }).click();
      await card.getByText('已公開這則意見。').waitFor();
      await card.getByLabel('工作小組回應').fill('感謝建議，已列入第二年的里程碑。');
      await card.getByRole('button', { name: '儲存回應' }).click();
      await card.getByText('已儲存回應。').waitFor();
      const hostile = mod.locator('.moderation-card', { has: mod.getByRole('heading', { name: '<i>駭客</i>' }) });
      await hostile.getByRole('button', { name: '公開', exact: true }).click();
      await hostile.getByText('已公開這則意見。').waitFor();
    } finally {
      await context.close();
    }

    await page.reload();
    const shown = page.locator('.public-comment', { hasText: '王小明' });
    await shown.waitFor();
    expect(await shown.locator('.public-comment-text').first().textContent()).toBe('建議每季公布政府資訊申請案件的准駁統計。');
    expect(await shown.locator('.public-response').textContent()).toContain('感謝建議，已列入第二年的里程碑。');
  });

  it('markup in a comment and a name renders as text: nothing runs, no elements are made', async () => {
    const hostile = page.locator('.public-comment', { hasText: '<i>駭客</i>' });
    await hostile.waitFor();
    expect(await hostile.locator('.public-comment-text').textContent()).toBe(MARKUP);
    expect(await hostile.locator('img, b, i, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });

  it('a 2,001-character comment is refused with a message that says how long it is', async () => {
    await page.getByLabel('意見', { exact: true }).fill('長'.repeat(2001));
    expect(await page.locator('.public-form .field-error').first().textContent()).toBe('2001 / 2000 字');
    const refused = await sendComment(page, '長文', '字'.repeat(2001));
    expect(refused).toEqual({ ok: false, message: '意見最多 2000 字，目前 2001 字，請縮短後再送出。' });
    expect(await page.getByRole('alert').textContent()).toContain('2001');
  });

  it('a flood from one network hits the limit with a clear message', async () => {
    // Two comments were accepted above; the limit is 5 per 10 minutes.
    const outcomes: boolean[] = [];
    let last = { ok: true, message: '' };
    for (let i = 0; i < 6 && last.ok; i++) {
      last = await sendComment(page, `洪水 ${i}`, `第 ${i} 則洗版`);
      outcomes.push(last.ok);
    }
    expect(outcomes).toEqual([true, true, true, false]);
    expect(last.message).toBe('同一網路在 10 分鐘內最多送出 5 則意見，請稍後再試。');
  });

  it('the public pages pass WCAG 2.1 AA checks (axe-core), in both languages', async () => {
    for (const path of [`/public/c/${C04}`, '/public']) {
      await page.goto(server.url + path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await axeViolations(page), path).toEqual([]);
    }
    await page.getByRole('button', { name: /^English/ }).click();
    await page.getByRole('heading', { name: 'Domain 1', exact: false }).first().waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.goto(`${server.url}/public/c/${C04}`);
    await page.getByRole('heading', { name: 'Comments from the public' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
