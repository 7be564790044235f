/**
 * Live PDF exports share one Chromium (issue: each launched its own, 6 at once made 59
 * processes): through a real server, six parallel exports start at most one browser and all
 * print; with the queue full the next export is answered 503 with a sentence saying why, and
 * the browser is closed once it has been idle for GONGBI_PDF_IDLE_MS. Browsers are counted
 * as the Chromium processes this test process has started (playwright runs them as children).
 */
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { pdfAvailable } from '../../server/export/pdf.js';
import { demoPlan } from '../../server/seed/demoPlan.js';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';

const PLAN = 'plan-nap1';
const chromium = pdfAvailable();
if (!chromium) console.log('NOTICE: /usr/bin/chromium is missing; the PDF queue tests are skipped (apt-get install chromium fonts-noto-cjk).');

/** Chromium browser processes started by this process (each browser's own children are not counted). */
function browserPids(): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there are no children
  }
  return out.split('\n').filter((l) => /chrom/i.test(l)).map((l) => Number(l.trim().split(/\s+/)[0]));
}

/** Records every browser process seen while `work` runs (sampled every 25 ms). */
async function watchBrowsers<T>(work: () => Promise<T>): Promise<{ result: T; seen: Set<number> }> {
  const seen = new Set<number>();
  const sample = () => browserPids().forEach((p) => seen.add(p));
  const timer = setInterval(sample, 25);
  try {
    const result = await work();
    sample();
    return { result, seen };
  } finally {
    clearInterval(timer);
  }
}

describe.skipIf(!chromium)('PDF exports share one browser, with a queue', { timeout: 180_000 }, () => {
  let tmp: ReturnType<typeof tempDir> | null = null;
  let server: TestServer | null = null;
  const start = async (env: Record<string, string>) => {
    tmp = tempDir();
    server = await startTestServer({ dataDir: tmp.dir, env });
    return server;
  };
  afterEach(async () => {
    await server?.close();
    tmp?.remove();
    server = tmp = null;
  });

  const exportPdf = async (s: TestServer, token: string, commitment: string) => {
    const res = await fetch(`${s.url}/api/plans/${PLAN}/export.pdf?commitment=${commitment}`, { headers: bearer(token) });
    return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()), type: res.headers.get('content-type') };
  };
  const commitments = demoPlan().commitments.slice(0, 6).map((c) => c.id);

  it('[EX20] six parallel live PDF exports launch one browser and all succeed; it is closed when idle', async () => {
    expect(browserPids()).toEqual([]);
    const s = await start({ GONGBI_PDF_CONCURRENCY: '2', GONGBI_PDF_QUEUE: '16', GONGBI_PDF_IDLE_MS: '300' });
    const viewer = await signIn(over(s.url), DEMO.viewer);
    const { result, seen } = await watchBrowsers(() => Promise.all(commitments.map((c) => exportPdf(s, viewer, c))));
    for (const r of result) {
      expect(r.status, new TextDecoder().decode(r.bytes.slice(0, 300))).toBe(200);
      expect(new TextDecoder().decode(r.bytes.slice(0, 5))).toBe('%PDF-');
    }
    expect(seen.size).toBe(1);
    // Idle for GONGBI_PDF_IDLE_MS: the browser is gone, and the next export starts a new one.
    await waitFor(() => browserPids().length === 0, { what: 'the idle browser to be closed', timeout: 10_000 });
    expect((await exportPdf(s, viewer, commitments[0]!)).status).toBe(200);
  });

  it('[EX21] with every page busy and the queue full, an export is answered 503 with a clear message', async () => {
    const s = await start({ GONGBI_PDF_CONCURRENCY: '1', GONGBI_PDF_QUEUE: '1', GONGBI_PDF_IDLE_MS: '0' });
    const viewer = await signIn(over(s.url), DEMO.viewer);
    // The first takes the one page (launching Chromium takes far longer than these requests
    // take to arrive), the second waits, the rest find the queue full.
    const results = await Promise.all(commitments.map((c) => exportPdf(s, viewer, c)));
    const busy = results.filter((r) => r.status === 503);
    const printed = results.filter((r) => r.status === 200);
    expect(printed.length).toBeGreaterThanOrEqual(2);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    expect(printed.length + busy.length).toBe(results.length);
    const body = JSON.parse(new TextDecoder().decode(busy[0]!.bytes)) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('pdf_busy');
    expect(body.error.message).toMatch(/Try again in a minute/);
    // Once the queue has drained, exports print again.
    expect((await exportPdf(s, viewer, commitments[0]!)).status).toBe(200);
  });
});
