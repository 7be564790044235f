/**
 * Browser test parts: builds the client when dist/ is missing or older than its sources,
 * starts the real server on a free port with a fresh data folder, launches the system
 * Chromium through playwright-core (never a downloaded browser), and signs people in.
 * A test file takes the server and browser from ./fixture.ts (`useBrowser()`).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD, demoAccount } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
if (!hasChromium) console.warn(`[browser tests] ${CHROMIUM_PATH} not found: skipping (apt-get install -y chromium fonts-noto-cjk)`);

/** Newest modification time of any file under `dir` (skipping node_modules). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Runs `vite build` when dist/index.html is missing or older than client/ or shared/. */
export function ensureClientBuilt(): void {
  const built = join(ROOT, 'dist/index.html');
  const sources = Math.max(newestMtime(join(ROOT, 'client')), newestMtime(join(ROOT, 'shared')));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolvePort(port));
    });
  });
}

export type { TestServer };

/**
 * The browser tests' server: `startTestServer` (in this process, seeded with the demo plan,
 * serving the built client) on a fresh data folder; `port` reuses a stopped server's, `env` adds settings.
 */
export function startServer(opts: { port?: number; env?: Record<string, string> } = {}): Promise<TestServer> {
  return startTestServer({ port: opts.port, env: { GONGBI_LOG_LEVEL: 'error', ...opts.env } });
}

/** Chromium with the flags every browser test uses. */
/**
 * The server as a process of its own (`server/index.ts` through tsx, demo plan seeded), for the
 * test that stops a server and starts a fresh one on the same address: an in-process server
 * restarted in the test's process was not found again by the open page within the test's time.
 */
export async function startServerProcess(opts: { port?: number } = {}): Promise<{ url: string; port: number; stop: () => Promise<void> }> {
  const port = opts.port ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), 'gongbi-browser-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', PORT: String(port), HOST: '127.0.0.1', GONGBI_DATA_DIR: dataDir, GONGBI_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    port,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Demo accounts seeded with the demo plan, read from the seed (server/seed/demoAccounts.ts). */
export { DEMO_PASSWORD };
export const COORDINATOR = demoAccount('coordinator');
/** Civil-society member of the working groups of c-01, c-04 and c-16. */
export const CIVIL = demoAccount('civil_editor');
/** Agency editor at the Ministry of Justice (lead agency of c-04). */
export const AGENCY = demoAccount('agency_editor');
export const TRANSLATOR = demoAccount('translator');
export const VIEWER = demoAccount('viewer');
export type Account = typeof COORDINATOR;

/**
 * A browser context (its own cookies, like a separate person) signed in as `account`
 * through the API, with the UI language preset.
 */
export async function newPerson(
  browser: Browser,
  baseUrl: string,
  account: Account,
  opts: { uiLang?: 'zh' | 'en'; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 800 }, locale: 'zh-TW' });
  // Only the first page load: later reloads must keep what the person switched to.
  await context.addInitScript((lang) => {
    if (!localStorage.getItem('gongbi.uiLang')) localStorage.setItem('gongbi.uiLang', lang);
  }, opts.uiLang ?? 'zh');
  const response = await context.request.post(`${baseUrl}/api/auth/sign-in`, { data: { email: account.email, password: DEMO_PASSWORD } });
  if (!response.ok()) throw new Error(`sign-in as ${account.email} failed: ${response.status()} ${await response.text()}`);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[page error] ${account.name}:`, err));
  return { context, page };
}

/** Publishes a new review cycle's snapshot of the plan through the API, as the coordinator. */
export async function publishPlan(baseUrl: string, planId = 'plan-nap1'): Promise<void> {
  const signIn = await fetch(`${baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: COORDINATOR.email, password: DEMO_PASSWORD }) });
  const { token } = (await signIn.json()) as { token: string };
  const call = async (path: string, body: unknown) => {
    const res = await fetch(baseUrl + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ cycle: { id: string } }>;
  };
  const { cycle } = await call(`/api/plans/${planId}/cycles`, { label: '第3次推動小組會議', meetingDate: '2021-04-30' });
  await call(`/api/cycles/${cycle.id}/snapshot`, {});
  await call(`/api/cycles/${cycle.id}/publish`, {});
}

/**
 * Polls `check` until it is true (every 25 ms, instead of sleeping a fixed time); fails after
 * `ms` naming `what`. Resolves to how long it took (the "within a second" promises).
 */
export async function within(ms: number, what: string, check: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Opens a commitment and waits until its document has synced and the table is shown. */
export async function openCommitment(page: Page, baseUrl: string, id: string): Promise<void> {
  await page.goto(`${baseUrl}/c/${id}`);
  await page.locator('.conn[data-state="connected"]').waitFor({ timeout: 15_000 });
  await page.locator('.ctable').waitFor();
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA) on the page and returns the violations. */
export async function axeViolations(page: Page) {
  // Evaluated through the debugging protocol, not as a <script> tag: the app's CSP (rightly)
  // blocks inline scripts it has no hash for, and axe is not part of the app.
  await page.evaluate(readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown; failureSummary?: string }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, summary: n.failureSummary })) }));
  });
}
