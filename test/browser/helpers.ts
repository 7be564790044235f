/**
 * Browser test harness: builds the client when dist/ is missing or older than its sources,
 * starts the real server on a free port with a fresh data folder, and launches the system
 * Chromium through playwright-core (never a downloaded browser).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

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

export interface TestServer {
  url: string;
  dataDir: string;
  stop: () => Promise<void>;
}

/** Starts `server/index.ts` (seeding the demo plan) and resolves once /api/health answers; `port` reuses a stopped server's, `env` adds settings. */
export async function startServer(opts: { port?: number; env?: Record<string, string> } = {}): Promise<TestServer> {
  const port = opts.port ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), 'gongbi-browser-'));
  // Run tsx in-process (not through npx) so that killing the child stops the server.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', GONGBI_DATA_DIR: dataDir, GONGBI_LOG_LEVEL: 'error', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    dataDir,
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

/** Demo accounts seeded with the demo plan (server/seed/demoAccounts.ts). */
export const DEMO_PASSWORD = 'gongbi-demo-2021';
export const COORDINATOR = { email: 'coordinator@demo.gongbi.tw', name: '陳協調（國發會）' };
/** Civil-society member of the working groups of c-01, c-04 and c-16. */
export const CIVIL = { email: 'civil@demo.gongbi.tw', name: '林委員（民間）' };
/** Agency editor at the Ministry of Justice (lead agency of c-04). */
export const AGENCY = { email: 'agency@demo.gongbi.tw', name: '王科長（法務部）' };
export const TRANSLATOR = { email: 'translator@demo.gongbi.tw', name: 'Alex Lee (translator)' };
export const VIEWER = { email: 'viewer@demo.gongbi.tw', name: '張觀察（民間）' };
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
