/**
 * Read-only people in real Chromium against the real server: opening commitments they may
 * only read shows no refusal, and the server counts none (its refused-messages counter stays
 * flat), on the first open and on the next one from the browser's local copy; the page sends
 * the server no update at all.
 * Run: `npx vitest run --project browser test/browser/readers.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AGENCY, CIVIL, VIEWER, hasChromium, newPerson, openCommitment, type Account } from './helpers.js';
import { browser, server, useBrowser } from './fixture.js';

/** The server's count of refused messages for `reason` (0 before the first). */
async function refusedCount(url: string, reason: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`gongbi_refused_messages_total{reason="${reason}"}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** Gives a stray update time to reach the server and its refusal time to come back. */
const settle = (page: Page) => page.waitForTimeout(1_500);

describe.skipIf(!hasChromium)('read-only people in Chromium', () => {
  useBrowser();

  const cases: Array<{ who: string; account: Account; ids: string[]; uiLang: 'zh' | 'en' }> = [
    { who: 'a viewer', account: VIEWER, ids: ['c-01-open-data-reuse', 'c-03-privacy', 'c-04-access-to-information'], uiLang: 'zh' },
    { who: 'a civil member outside the working group', account: CIVIL, ids: ['c-03-privacy', 'c-02-open-data-platform'], uiLang: 'en' },
    { who: 'an agency on another ministry\'s commitment', account: AGENCY, ids: ['c-01-open-data-reuse', 'c-03-privacy'], uiLang: 'zh' },
  ];

  for (const { who, account, ids, uiLang } of cases) {
    it(`${who} opens commitments read-only: no refusal shown, none counted (first open and again from the local copy)`, async () => {
      const { context, page } = await newPerson(browser, server.url, account, { uiLang });
      // Every document update the page sends (sync step 2 or update), counted on its way to the server.
      const sent: string[] = [];
      await context.routeWebSocket(/\/sync\//, (ws) => {
        const toServer = ws.connectToServer();
        ws.onMessage((m) => {
          if (typeof m !== 'string' && m[0] === 0 && (m[1] === 1 || m[1] === 2)) sent.push(`${ws.url()} ${m.length} bytes`);
          toServer.send(m);
        });
      });
      const before = await refusedCount(server.url, 'read_only');
      // One tab per commitment, all open together, so one settling time serves them all (a tab
      // that navigated away could no longer send its stray update; these stay open).
      const pages = [page, ...(await Promise.all(ids.slice(1).map(() => context.newPage())))];
      try {
        for (const round of [1, 2]) {
          for (const [i, id] of ids.entries()) {
            await openCommitment(pages[i]!, server.url, id);
            await pages[i]!.locator('.notice-read').waitFor();
          }
          await settle(page);
          for (const [i, id] of ids.entries()) {
            const tab = pages[i]!;
            expect(await tab.locator('.notice-error').count(), `${id}, open ${round}: ${await tab.locator('.notice-error').allTextContents()}`).toBe(0);
          }
          expect(await refusedCount(server.url, 'read_only'), `${ids.join(', ')}, open ${round}`).toBe(before);
          // Nothing of a reader's to offer: the pages send no update at all, not even an empty one.
          expect(sent, `${ids.join(', ')}, open ${round}`).toEqual([]);
        }
      } finally {
        await context.close();
      }
    }, 120_000);
  }
});
