/**
 * Takes docs/screenshot-editor.png: the commitment editor with the demo data at 1280×800.
 * Run with `npx tsx test/browser/screenshot.ts` (needs /usr/bin/chromium and fonts-noto-cjk).
 * Extra screenshots for review: `GONGBI_SCREENSHOT_ALL=1` also writes the overview, the
 * side-by-side view, the English UI and a narrow screen into .scratch/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CIVIL, COORDINATOR, ROOT, ensureClientBuilt, launchBrowser, newPerson, openCommitment, startServer } from './helpers.js';

const COMMITMENT = 'c-01-open-data-reuse';

async function main() {
  ensureClientBuilt();
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const bob = await newPerson(browser, server.url, COORDINATOR);
    const alice = await newPerson(browser, server.url, CIVIL);
    await openCommitment(bob.page, server.url, COMMITMENT);
    await openCommitment(alice.page, server.url, COMMITMENT);
    // A colleague working in the first section makes the presence features visible.
    await bob.page.locator('.rt-content').first().click();
    await bob.page.keyboard.press('End');
    await alice.page.locator('.collab-caret').first().waitFor({ timeout: 5000 });
    await alice.page.evaluate(() => window.scrollTo(0, 0));
    mkdirSync(join(ROOT, 'docs'), { recursive: true });
    await alice.page.screenshot({ path: join(ROOT, 'docs/screenshot-editor.png') });
    console.log('wrote docs/screenshot-editor.png');

    if (process.env.GONGBI_SCREENSHOT_ALL) {
      const out = (name: string) => join(ROOT, '.scratch', name);
      mkdirSync(join(ROOT, '.scratch'), { recursive: true });
      await alice.page.screenshot({ path: out('editor-full.png'), fullPage: true });
      await alice.page.getByLabel('中英並列').check();
      await alice.page.screenshot({ path: out('editor-both.png') });
      await alice.page.screenshot({ path: out('editor-both-full.png'), fullPage: true });
      await alice.page.getByLabel('中文', { exact: true }).check();
      const en = await newPerson(browser, server.url, CIVIL, { uiLang: 'en' });
      await en.page.goto(server.url);
      await en.page.locator('.overview-table').first().waitFor();
      await en.page.screenshot({ path: out('overview-en.png'), fullPage: true });
      await alice.page.goto(server.url);
      await alice.page.locator('.overview-table').first().waitFor();
      await alice.page.screenshot({ path: out('overview-zh.png') });
      await openCommitment(en.page, server.url, COMMITMENT);
      await en.page.screenshot({ path: out('editor-en.png') });
      const narrow = await newPerson(browser, server.url, CIVIL, { viewport: { width: 390, height: 844 } });
      await openCommitment(narrow.page, server.url, COMMITMENT);
      await narrow.page.screenshot({ path: out('editor-narrow.png'), fullPage: true });
      await narrow.page.goto(server.url);
      await narrow.page.locator('.overview-table').first().waitFor();
      await narrow.page.screenshot({ path: out('overview-narrow.png') });
      console.log('wrote review screenshots to .scratch/');
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
