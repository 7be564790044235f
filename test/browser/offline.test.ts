/**
 * Offline editing in real Chromium against the real server: edits made offline survive a
 * reload served by the service worker and IndexedDB, merge with another person's edits on
 * reconnection, and the sync indicator's live region tells each step in both languages; the
 * edges offline: a commitment this device never opened, the page's pill, leaving with unsent changes.
 * Run: `npx vitest run --project browser test/browser/offline.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Dialog, Page, WebSocketRoute } from 'playwright-core';
import { AGENCY, CIVIL, COORDINATOR, axeViolations, hasChromium, newPerson, openCommitment, within } from './helpers.js';
import { browser, server, useBrowser } from './fixture.js';

/**
 * Cuts the context off: `setOffline` makes the browser report offline (navigator.onLine, the
 * `offline` event) but Chromium lets already-open WebSockets and service-worker fetches through,
 * so every HTTP request of the context, the worker's included, is also aborted.
 */
async function setOffline(context: BrowserContext, offline: boolean): Promise<void> {
  if (offline) {
    await context.setOffline(true);
    await context.route('**/*', (route) => route.abort('internetdisconnected'));
  } else {
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    await context.setOffline(false);
  }
}

const live = (page: Page) => page.locator('.sync-live');
const liveText = async (page: Page) => ((await live(page).textContent()) ?? '').trim();
const indicatorState = (page: Page) => page.locator('.sync').first().getAttribute('data-state');

async function liveIs(page: Page, text: string, ms = 10_000): Promise<void> {
  await within(ms, `live region says "${text}" (it says "${await liveText(page).catch(() => '?')}")`, async () => (await liveText(page)) === text);
}

/** Records every text the live region shows from now on (the transitions, in order). */
async function recordLive(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __live: string[] };
    w.__live = [];
    const el = document.querySelector('.sync-live')!;
    const record = () => {
      const text = (el.textContent ?? '').trim();
      if (text && w.__live.at(-1) !== text) w.__live.push(text);
    };
    new MutationObserver(record).observe(el, { childList: true, characterData: true, subtree: true });
  });
}
const recorded = (page: Page) => page.evaluate(() => (window as unknown as { __live: string[] }).__live);

/** Waits until the page is controlled by the service worker (first visit: installed and claimed). */
async function controlledByServiceWorker(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await within(10_000, 'service worker controls the page', () => page.evaluate(() => navigator.serviceWorker.controller !== null));
}

const section = (p: Page) => p.getByRole('textbox', { name: '公共問題 （中文）', exact: true });
const title = (p: Page) => p.getByRole('textbox', { name: '承諾事項名稱 （中文）', exact: true });
const milestone = (p: Page, n: number) => p.getByRole('textbox', { name: `里程碑 ${n} （中文）`, exact: true });
const rowCount = (page: Page) => page.locator('.ms-table tbody tr[data-row]').count();
/** Everything the commitment page shows, field values included. */
const pageText = (p: Page) =>
  p.locator('.commitment-page').evaluate((el) => (el as HTMLElement).innerText + [...el.querySelectorAll('input, textarea')].map((i) => (i as HTMLInputElement).value).join('\n'));

async function typeAtEnd(page: Page, field: ReturnType<typeof section>, text: string, key = 'End'): Promise<void> {
  await field.click();
  await page.keyboard.press(key);
  await page.keyboard.type(text);
}

describe.skipIf(!hasChromium)('offline editing in Chromium', () => {
  useBrowser();

  it('edits made offline survive an offline reload and merge with another person\'s on reconnection', async () => {
    const id = 'c-16-procurement-integrity';
    const a = await newPerson(browser, server.url, CIVIL);
    const b = await newPerson(browser, server.url, COORDINATOR);
    try {
      // A visits the plan and the commitment online once: the service worker and IndexedDB keep them.
      await a.page.goto(server.url);
      await a.page.locator('.overview-table').first().waitFor();
      await controlledByServiceWorker(a.page);
      // What the page read before the worker took over is read again through it, and kept.
      await within(10_000, 'the worker keeps the plan list', () => a.page.evaluate(async () => !!(await caches.match('/api/plans'))));
      await openCommitment(a.page, server.url, id);
      await openCommitment(b.page, server.url, id);
      await liveIs(a.page, '已儲存到伺服器');
      const rowsBefore = await rowCount(a.page);

      await setOffline(a.context, true);
      await liveIs(a.page, '離線 — 沒有待傳送的變更');
      await typeAtEnd(a.page, section(a.page), '〔甲離線〕', 'Control+End');
      await typeAtEnd(a.page, title(a.page), '（甲）');
      await typeAtEnd(a.page, milestone(a.page, 1), '〔甲改〕');
      await a.page.getByRole('button', { name: '新增里程碑' }).click();
      await a.page.keyboard.type('甲離線新增的里程碑');
      expect(await rowCount(a.page)).toBe(rowsBefore + 1);
      await within(5_000, 'A counts its waiting changes', async () => (await indicatorState(a.page)) === 'offline' && Number(await a.page.locator('.sync').first().getAttribute('data-pending')) > 0);
      const waiting = Number(await a.page.locator('.sync').first().getAttribute('data-pending'));
      await liveIs(a.page, '離線 — 未傳送的變更保存在這台裝置上');

      // B edits the same fields online.
      await typeAtEnd(b.page, section(b.page), '〔乙線上〕', 'Control+End');
      await typeAtEnd(b.page, title(b.page), '（乙）');
      await typeAtEnd(b.page, milestone(b.page, 1), '〔乙改〕');
      await liveIs(b.page, '已儲存到伺服器');
      // Nothing of A's reached the server or B.
      expect(await pageText(b.page)).not.toContain('甲');

      // A reloads while still offline: the shell comes from the service worker, the document from IndexedDB.
      const response = await a.page.reload();
      expect(response?.fromServiceWorker()).toBe(true);
      await a.page.locator('.ctable').waitFor({ timeout: 15_000 });
      await within(5_000, 'A\'s offline edits are back after the reload', async () => {
        const text = await pageText(a.page);
        return ['〔甲離線〕', '（甲）', '〔甲改〕', '甲離線新增的里程碑'].every((s) => text.includes(s));
      });
      expect(await pageText(a.page)).not.toContain('乙');
      // The waiting count outlived the page.
      await liveIs(a.page, '離線 — 未傳送的變更保存在這台裝置上');
      // The signed-in account is known offline (no bounce to the sign-in page).
      await a.page.getByRole('group', { name: /目前登入：林委員/ }).waitFor();
      // The plan overview opens offline too, and the header still counts the commitment's waiting changes.
      await a.page.goto(server.url);
      await a.page.locator('.overview-table').first().waitFor({ timeout: 15_000 });
      expect(await a.page.locator('.overview-table tbody tr').count()).toBe(19);
      await liveIs(a.page, '離線 — 未傳送的變更保存在這台裝置上');
      await a.page.goto(`${server.url}/c/${id}`);
      await a.page.locator('.ctable').waitFor({ timeout: 15_000 });
      await liveIs(a.page, '離線 — 未傳送的變更保存在這台裝置上');

      await setOffline(a.context, false);
      const every = ['〔甲離線〕', '（甲）', '〔甲改〕', '甲離線新增的里程碑', '〔乙線上〕', '（乙）', '〔乙改〕'];
      for (const p of [a.page, b.page]) {
        await within(15_000, 'both converge on every edit', async () => {
          const text = await pageText(p);
          return every.every((s) => text.includes(s));
        });
      }
      expect(await rowCount(b.page)).toBe(rowsBefore + 1);
      await liveIs(a.page, '已儲存到伺服器');
      const stored = await (await b.context.request.get(`${server.url}/api/commitments/${id}`)).text();
      for (const s of every) expect(stored).toContain(s);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  }, 150_000);

  for (const lang of ['zh', 'en'] as const) {
    it(`the live region tells offline → waiting count → saving → saved (${lang})`, async () => {
      const words = {
        zh: { saved: '已儲存到伺服器', saving: '儲存中…', offline0: '離線 — 沒有待傳送的變更', offline3: '離線 — 未傳送的變更保存在這台裝置上', status: '狀態', civic: '公民參與' },
        en: { saved: 'Saved to server', saving: 'Saving…', offline0: 'Offline — no changes waiting', offline3: 'Offline — unsent changes kept on this device', status: 'Status', civic: 'Civic participation' },
      }[lang];
      const { context, page } = await newPerson(browser, server.url, lang === 'zh' ? AGENCY : COORDINATOR, { uiLang: lang });
      try {
        await openCommitment(page, server.url, 'c-04-access-to-information');
        await liveIs(page, words.saved);
        await recordLive(page);
        await setOffline(context, true);
        await liveIs(page, words.offline0);
        // Three separate changes, one transaction each.
        const status = page.getByRole('combobox', { name: words.status, exact: true });
        await status.selectOption('in_review');
        await status.selectOption('in_progress');
        await page.getByRole('checkbox', { name: words.civic }).click();
        await liveIs(page, words.offline3);
        expect(await page.locator('.sync').first().getAttribute('data-pending')).toBe('3');
        await setOffline(context, false);
        await liveIs(page, words.saved);
        const log = await recorded(page);
        const from = log.indexOf(words.offline3);
        expect(from, JSON.stringify(log)).toBeGreaterThanOrEqual(0);
        const after = log.slice(from);
        expect(after.indexOf(words.saving), JSON.stringify(log)).toBeGreaterThan(0);
        expect(after.at(-1)).toBe(words.saved);
      } finally {
        await context.close();
      }
    }, 90_000);
  }

  for (const lang of ['zh', 'en'] as const) {
    it(`offline edges (${lang}): a commitment never opened here says so and opens once online; pill and header agree; unsent changes are said to be kept on this device, also after leaving the page`, async () => {
      const words = {
        zh: {
          notHere: '這份承諾事項還不在這台裝置上',
          notHereBody: '您目前離線，而這台裝置從未開啟過這份承諾事項；恢復連線後會自動開啟。',
          offline0: '離線 — 沒有待傳送的變更',
          kept: '離線 — 未傳送的變更保存在這台裝置上',
          pill: '離線中，重新連線後會同步',
          notice: '您尚未傳送的變更保存在這台裝置上，恢復連線後會自動送出。',
          saved: '已儲存到伺服器',
        },
        en: {
          notHere: 'This commitment is not on this device yet',
          notHereBody: 'You are offline and this commitment has never been opened on this device; it will open by itself once you are online.',
          offline0: 'Offline — no changes waiting',
          kept: 'Offline — unsent changes kept on this device',
          pill: 'Offline, changes sync when reconnected',
          notice: 'Your unsent changes are kept on this device and will be sent once you are online.',
          saved: 'Saved to server',
        },
      }[lang];
      const opened = 'c-16-procurement-integrity';
      const never = lang === 'zh' ? 'c-05-environmental-disclosure' : 'c-06-referendum-e-petition';
      const { context, page } = await newPerson(browser, server.url, lang === 'zh' ? CIVIL : COORDINATOR, { uiLang: lang });
      const expectAxeClean = async (where: string) => expect(await axeViolations(page), where).toEqual([]);
      try {
        await page.goto(server.url);
        await page.locator('.overview-table').first().waitFor();
        await controlledByServiceWorker(page);
        await within(10_000, 'the worker keeps the plan', () => page.evaluate(async () => (await caches.keys()).length > 0 && !!(await caches.match('/api/plans'))));
        await openCommitment(page, server.url, opened);
        await liveIs(page, words.saved);

        await setOffline(context, true);
        // Never opened on this device: a sentence, not a spinner and "Failed to fetch".
        await page.goto(`${server.url}/c/${never}`);
        const notHere = page.locator('[data-state="not-on-device"]');
        await notHere.waitFor({ timeout: 15_000 });
        expect((await notHere.innerText()).replace(/\s+/g, ' ')).toContain(`${words.notHere} ${words.notHereBody}`);
        expect(await page.locator('.commitment-page, .state-error').count()).toBe(0);
        expect(await page.locator('.state-loading').count()).toBe(0);
        await liveIs(page, words.offline0);
        await expectAxeClean('not on this device');

        // A commitment this device has: the page's pill says offline, as the header does.
        await page.goto(`${server.url}/c/${opened}`);
        await page.locator('.ctable').waitFor({ timeout: 15_000 });
        await liveIs(page, words.offline0);
        expect(await page.locator('.conn').getAttribute('data-state')).toBe('offline');
        expect((await page.locator('.conn > span:last-child').textContent())?.trim()).toBe(words.pill);

        // Many keystrokes are still "unsent changes", never a count of them.
        await typeAtEnd(page, page.locator('.ctable input[type="text"]:not([readonly])').first(), lang === 'zh' ? '離線補充說明文字' : 'offline words typed here');
        await liveIs(page, words.kept);
        expect(await page.locator('.sync').first().innerText()).not.toMatch(/\d/);
        await expectAxeClean('unsent changes offline');

        // Leaving within the app: a notice (no dialog) says the changes stay on this device.
        let asked = false;
        page.on('dialog', (d) => {
          asked = true;
          void d.dismiss();
        });
        await page.locator('.breadcrumb a').first().click();
        await page.locator('.overview-table').first().waitFor({ timeout: 15_000 });
        const notice = page.locator('.kept-notice');
        await notice.waitFor();
        expect((await notice.locator('span').textContent())?.trim()).toBe(words.notice);
        expect(await page.locator('.kept-region').getAttribute('role')).toBe('status');
        await liveIs(page, words.kept);
        await expectAxeClean('kept notice');
        // Leaving the site offline asks nothing either: the changes are safe in this browser.
        expect(asked).toBe(false);

        // Back at the commitment never opened: online, it opens by itself.
        await page.goto(`${server.url}/c/${never}`);
        await notHere.waitFor({ timeout: 15_000 });
        await setOffline(context, false);
        await page.locator('.conn[data-state="connected"]').waitFor({ timeout: 20_000 });
        await page.locator('.ctable').waitFor();
        expect(await notHere.count()).toBe(0);
        await liveIs(page, words.saved, 20_000);
        const stored = await (await context.request.get(`${server.url}/api/commitments/${opened}`)).text();
        expect(stored).toContain(lang === 'zh' ? '離線補充說明文字' : 'offline words typed here');
      } finally {
        await context.close();
      }
    }, 120_000);
  }

  it('a dropped connection counts down to the retry; "saving…" lasts until the server acknowledges; leaving before that asks first', async () => {
    const { context, page } = await newPerson(browser, server.url, COORDINATOR);
    // Between page and server: lets the test drop the socket and hold the server's acknowledgements.
    let holdAcks = false;
    const held: Array<() => void> = [];
    const sockets: WebSocketRoute[] = [];
    await context.routeWebSocket(/\/sync\//, (ws) => {
      sockets.push(ws);
      const toServer = ws.connectToServer();
      toServer.onMessage((m) => {
        if (holdAcks && typeof m !== 'string' && m[0] === 100) held.push(() => ws.send(m));
        else ws.send(m);
      });
    });
    try {
      await openCommitment(page, server.url, 'c-03-privacy');
      await liveIs(page, '已儲存到伺服器');
      await recordLive(page);
      await sockets.at(-1)!.close({ code: 1012, reason: 'restart' });
      await liveIs(page, '已儲存到伺服器');
      const log = await recorded(page);
      expect(log.some((t) => /^\d+ 秒後重新連線$/.test(t)), JSON.stringify(log)).toBe(true);
      expect(log.at(-1)).toBe('已儲存到伺服器');

      holdAcks = true;
      await typeAtEnd(page, title(page), '（待確認）');
      await within(5_000, 'saving…', async () => (await indicatorState(page)) === 'saving');
      // The edit went out, but without the server's acknowledgement it is not called saved.
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await indicatorState(page)).toBe('saving');
      expect(await liveText(page)).toBe('儲存中…');
      const asked = new Promise<Dialog>((resolve) => page.once('dialog', resolve));
      await page.close({ runBeforeUnload: true });
      const dialog = await asked;
      expect(dialog.type()).toBe('beforeunload');
      await dialog.dismiss();

      holdAcks = false;
      for (const send of held.splice(0)) send();
      await liveIs(page, '已儲存到伺服器');
      let askedAgain = false;
      page.on('dialog', (d) => {
        askedAgain = true;
        void d.accept();
      });
      await page.close({ runBeforeUnload: true });
      await within(5_000, 'the page closes without asking', async () => page.isClosed());
      expect(askedAgain).toBe(false);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('co-implementing agencies are server state: offline the picker says so and changes nothing; two coordinators adding at once both keep theirs', async () => {
    const id = 'c-01-open-data-reuse';
    const a = await newPerson(browser, server.url, COORDINATOR);
    const b = await newPerson(browser, server.url, COORDINATOR);
    const chips = (p: Page) => p.locator('[data-field="coAgencies"] .chip > span').allTextContents();
    const add = async (p: Page, name: string) => {
      await p.getByRole('button', { name: '新增協辦機關' }).click();
      await p.getByRole('combobox', { name: '選擇協辦機關' }).selectOption({ label: name });
      await p.locator('form.inline-form button[type="submit"]').click();
    };
    try {
      await openCommitment(a.page, server.url, id);
      await openCommitment(b.page, server.url, id);
      const before = await chips(a.page);
      await setOffline(b.context, true);
      await liveIs(b.page, '離線 — 沒有待傳送的變更');
      // Who may write is decided by the server: offline, the picker explains, and nothing changes.
      await add(b.page, '經濟部');
      await b.page.getByText('目前無法連線到伺服器；機關異動需在連線時進行。').waitFor();
      await add(a.page, '內政部');
      await setOffline(b.context, false);
      await b.page.locator('form.inline-form button[type="submit"]').click();
      for (const p of [a.page, b.page]) {
        await within(15_000, 'both additions on both pages', async () => {
          const now = await chips(p);
          return now.includes('經濟部') && now.includes('內政部');
        });
      }
      expect(await chips(a.page)).toEqual(await chips(b.page));
      expect((await chips(a.page)).filter((n) => !before.includes(n)).sort()).toEqual(['內政部', '經濟部'].sort());
      const rights = await (await a.context.request.get(`${server.url}/api/commitments/${id}/rights`)).json();
      expect(rights.rights.coAgencies.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining(['moea', 'moi']));
    } finally {
      await a.context.close();
      await b.context.close();
    }
  }, 90_000);

  it('two tabs of one browser share offline edits and the waiting count, then both are saved', async () => {
    const id = 'c-01-open-data-reuse';
    const { context, page: one } = await newPerson(browser, server.url, CIVIL);
    const two = await context.newPage();
    try {
      await openCommitment(one, server.url, id);
      await openCommitment(two, server.url, id);
      await setOffline(context, true);
      await liveIs(one, '離線 — 沒有待傳送的變更');
      await typeAtEnd(one, title(one), '（分頁一）');
      // The tabs' BroadcastChannel carries it while there is no server.
      await within(5_000, 'tab two sees tab one\'s offline edit', async () => (await title(two).inputValue()).includes('（分頁一）'));
      const waiting = Number(await one.locator('.sync').first().getAttribute('data-pending'));
      expect(waiting).toBeGreaterThan(0);
      await within(5_000, 'tab two counts tab one\'s waiting changes', async () => Number(await two.locator('.sync').first().getAttribute('data-pending')) === waiting);
      await setOffline(context, false);
      await liveIs(one, '已儲存到伺服器');
      await liveIs(two, '已儲存到伺服器');
      const stored = await (await context.request.get(`${server.url}/api/commitments/${id}`)).text();
      expect(stored).toContain('（分頁一）');
    } finally {
      await context.close();
    }
  }, 90_000);
});
