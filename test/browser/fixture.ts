/**
 * The one browser fixture: `useBrowser()` inside a file's describe builds the client (once,
 * when it is older than its sources), starts one server and one Chromium for the whole file,
 * and closes both after it. `server` and `browser` are live bindings, set before the file's
 * first test; each test makes its own contexts (newPerson), never its own browser.
 *
 * @example
 * describe.skipIf(!hasChromium)('…', () => {
 *   useBrowser();
 *   it('…', async () => { const { page } = await newPerson(browser, server.url, CIVIL); … });
 * });
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { ensureClientBuilt, launchBrowser, startServer, type TestServer } from './helpers.js';

export let server: TestServer;
export let browser: Browser;

/** `client: false` for a file whose pages are not the app's (no build needed); `env` adds server settings. */
export function useBrowser(opts: { client?: boolean; env?: Record<string, string> } = {}): void {
  beforeAll(async () => {
    if (opts.client !== false) ensureClientBuilt();
    [server, browser] = await Promise.all([startServer({ env: opts.env }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
}

/** Stops the file's server (its pages see it go away); `restartServer` then starts a fresh one. */
export const stopServer = (): Promise<void> => server.stop();

/** A new server on a fresh data folder at the same address (a store that was reset); stops the old one if still running. */
export async function restartServer(): Promise<TestServer> {
  const port = server.port;
  await server.stop();
  server = await startServer({ port });
  return server;
}
