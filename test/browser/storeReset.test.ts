/**
 * The store-identity check in real Chromium: local copies from a store that was reset or replaced are never
 * merged into the new one; a dialog offers their text as a download or discards them.
 * Run: `npx vitest run --project browser test/browser/storeReset.test.ts`.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { AGENCY, CIVIL, DEMO_PASSWORD, ensureClientBuilt, hasChromium, launchBrowser, newPerson, openCommitment, startServerProcess as startServer, type Account } from './helpers.js';

type TestServer = Awaited<ReturnType<typeof startServer>>;

async function within(ms: number, what: string, check: () => Promise<boolean>): Promise<void> {
  const start = Date.now();
  for (;;) {
    if (await check()) return;
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** As in offline.test.ts: the browser reports offline and every request of the context fails. */
async function setOffline(context: BrowserContext, offline: boolean): Promise<void> {
  if (offline) {
    await context.setOffline(true);
    await context.route('**/*', (route) => route.abort('internetdisconnected'));
  } else {
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    await context.setOffline(false);
  }
}

const titleField = (p: Page) => p.getByRole('textbox', { name: '承諾事項名稱 （中文）', exact: true });
const resetDialog = (p: Page) => p.getByRole('dialog', { name: '伺服器的資料已重設或更換' });
/** Names of this origin's IndexedDB databases (the local copies are `gongbi/<user>/<doc>`). */
const databases = (p: Page) => p.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));

async function signIn(request: APIRequestContext, url: string, account: Account): Promise<void> {
  const response = await request.post(`${url}/api/auth/sign-in`, { data: { email: account.email, password: DEMO_PASSWORD } });
  expect(response.ok()).toBe(true);
}

async function serverTitle(request: APIRequestContext, url: string, id: string): Promise<string> {
  const response = await request.get(`${url}/api/commitments/${id}`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { commitment: { title: { zh: string } } }).commitment.title.zh;
}

async function typeAtEnd(page: Page, text: string): Promise<void> {
  await titleField(page).click();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

describe.skipIf(!hasChromium)('a store that was reset is detected, not merged into', () => {
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

  it('a new server on a fresh data folder: the open page holds its copy back, offers it as a file, and discards it', async () => {
    const id = 'c-16-procurement-integrity';
    const { context, page } = await newPerson(browser, server.url, CIVIL);
    try {
      await openCommitment(page, server.url, id);
      const seedTitle = await serverTitle(context.request, server.url, id);
      await within(10_000, 'the commitment is stored locally', async () => (await databases(page)).some((n) => n.endsWith(`/${id}`)));
      const oldStoreId = ((await (await context.request.get(`${server.url}/api/health`)).json()) as { storeId: string }).storeId;

      // The server goes away; an edit made meanwhile waits in IndexedDB.
      const port = Number(new URL(server.url).port);
      await server.stop();
      await within(10_000, 'the page notices', async () => (await page.locator('.sync').first().getAttribute('data-state')) !== 'saved');
      await typeAtEnd(page, '（本機）');

      // A store created anew (fresh seed: same text, other history, other storeId) on the same address.
      server = await startServer({ port });
      const fresh = await browser.newContext({ locale: 'zh-TW' });
      await signIn(fresh.request, server.url, CIVIL);
      const newStoreId = ((await (await fresh.request.get(`${server.url}/api/health`)).json()) as { storeId: string }).storeId;
      expect(newStoreId).not.toBe(oldStoreId);

      // The page reconnects, finds the other store and asks instead of merging.
      await resetDialog(page).waitFor({ timeout: 45_000 });
      const item = resetDialog(page).locator(`li[data-doc="${id}"]`);
      await within(5_000, 'the copy is listed by its title, with its unsaved changes', async () => {
        const text = (await item.textContent()) ?? '';
        return text.includes('（本機）') && /有 \d+ 項變更尚未存到伺服器/.test(text);
      });
      // Nothing was sent: the title is the seed's, once (no duplicated text).
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await serverTitle(fresh.request, server.url, id)).toBe(seedTitle);

      // "Keep my unsaved text": the readable text as a JSON file.
      const downloading = page.waitForEvent('download');
      await resetDialog(page).getByRole('button', { name: '保留我未儲存的文字' }).click();
      const download = await downloading;
      const file = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { documents: Array<{ name: string; pending: number; commitment: { title: { zh: string } } }> };
      const kept = file.documents.find((d) => d.name === id);
      expect(kept?.commitment.title.zh).toBe(`${seedTitle}（本機）`);
      expect(kept?.pending).toBeGreaterThan(0);
      expect(file.documents.every((d) => d.name.startsWith('c-'))).toBe(true);
      await resetDialog(page).getByRole('status').waitFor();

      // "Discard local copies and continue": the copies are deleted and the page reloads.
      await Promise.all([page.waitForEvent('load'), resetDialog(page).getByRole('button', { name: '捨棄本機副本並繼續' }).click()]);
      expect((await databases(page)).filter((n) => n.startsWith('gongbi/'))).toEqual([]);
      // The old session is unknown to the new store: sign in again, and the page shows the server's content.
      await signIn(context.request, server.url, CIVIL);
      await openCommitment(page, server.url, id);
      expect(await titleField(page).inputValue()).toBe(seedTitle);
      expect(await resetDialog(page).count()).toBe(0);
      expect(await serverTitle(fresh.request, server.url, id)).toBe(seedTitle);
      await fresh.close();
    } finally {
      await context.close();
    }
  }, 150_000);

  it('on start: documents open from the server only until the person chooses, in both languages', async () => {
    const id = 'c-04-access-to-information';
    const { context, page } = await newPerson(browser, server.url, AGENCY);
    try {
      await openCommitment(page, server.url, id);
      const seedTitle = await serverTitle(context.request, server.url, id);
      await setOffline(context, true);
      await typeAtEnd(page, '（離線）');
      // This browser's copies now claim to come from another store (as after a restore of another one).
      const key = await page.evaluate(() => {
        const k = Object.keys(localStorage).find((name) => name.startsWith('gongbi.storeId.'))!;
        localStorage.setItem(k, 'an-older-store');
        return k;
      });
      await setOffline(context, false);
      await resetDialog(page).waitFor({ timeout: 30_000 });

      await page.reload();
      await resetDialog(page).waitFor({ timeout: 15_000 });
      // Behind the dialog the document is the server's, without the held-back edit.
      await within(15_000, 'the server\'s title is shown', async () => (await titleField(page).inputValue()) === seedTitle);
      expect(await resetDialog(page).locator(`li[data-doc="${id}"]`).textContent()).toMatch(/（離線）.*項變更尚未存到伺服器/);
      expect(await serverTitle(context.request, server.url, id)).toBe(seedTitle);
      // Escape does not dismiss it.
      await page.keyboard.press('Escape');
      expect(await resetDialog(page).isVisible()).toBe(true);

      // English.
      await page.evaluate(() => localStorage.setItem('gongbi.uiLang', 'en'));
      await page.reload();
      const en = page.getByRole('dialog', { name: 'The server’s data was reset or replaced' });
      await en.waitFor({ timeout: 15_000 });
      await en.getByRole('button', { name: 'Keep my unsaved text' }).waitFor();
      await Promise.all([page.waitForEvent('load'), en.getByRole('button', { name: 'Discard local copies and continue' }).click()]);

      await page.locator('.ctable').waitFor({ timeout: 15_000 });
      await within(15_000, 'saved, with the server\'s title', async () => (await page.locator('.sync').first().getAttribute('data-state')) === 'saved');
      expect(await page.getByRole('textbox', { name: 'Commitment title (Chinese)', exact: true }).inputValue()).toBe(seedTitle);
      expect(await page.getByRole('dialog').count()).toBe(0);
      const health = (await (await context.request.get(`${server.url}/api/health`)).json()) as { storeId: string };
      expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBe(health.storeId);
      expect(await serverTitle(context.request, server.url, id)).toBe(seedTitle);
    } finally {
      await context.close();
    }
  }, 120_000);
});
