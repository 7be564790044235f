/**
 * `server/index.ts` bundled once into plain JavaScript (esbuild, which tsx already brings),
 * so tests that kill and restart the server many times start it in a fraction of the time
 * `spawnServer` needs to compile through tsx. Same code, same environment variables, same
 * `SpawnedServer` shape. Packages stay external, so the bundle lives under node_modules/.cache
 * where they resolve; each file's `import.meta.url` is kept as its own source location.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { DEMO, over, signIn } from '../helpers/auth.js';
import type { SpawnedServer } from '../helpers/server.js';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT_DIR = resolve(ROOT, 'node_modules/.cache/gongbi-tests');

/** Replaces `import.meta.url` in our own sources by the file's original URL. */
const keepSourceUrls: Plugin = {
  name: 'keep-source-urls',
  setup(b) {
    b.onLoad({ filter: /\.(ts|tsx)$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta')) return undefined;
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

let bundled: Promise<string> | null = null;

/** Builds the bundle once per test process; resolves to its path. */
export function bundleServer(): Promise<string> {
  bundled ??= (async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    const outfile = resolve(OUT_DIR, `server-${process.pid}.mjs`);
    await build({
      entryPoints: [resolve(ROOT, 'server/index.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile,
      logLevel: 'silent',
      plugins: [keepSourceUrls],
    });
    process.once('exit', () => rmSync(outfile, { force: true }));
    return outfile;
  })();
  return bundled;
}

/** Deletes the bundle (tests call it when done; a worker may be stopped before its exit hook runs). */
export async function removeBundle(): Promise<void> {
  if (!bundled) return;
  const file = await bundled.catch(() => null);
  bundled = null;
  if (file) rmSync(file, { force: true });
}

/**
 * Starts the bundled server as a child process, like `spawnServer` (which see).
 * @example const s = await spawnBundledServer({ dataDir }); s.child.kill('SIGKILL');
 */
export async function spawnBundledServer(opts: { dataDir: string; env?: Record<string, string>; port?: number }): Promise<SpawnedServer> {
  const file = await bundleServer();
  const child = spawn(process.execPath, [file], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(opts.port ?? 0), HOST: '127.0.0.1', GONGBI_DATA_DIR: opts.dataDir, GONGBI_LOG_LEVEL: 'error', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  const port = await new Promise<number>((res, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running at http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) res(Number(m[1]));
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
    setTimeout(() => reject(new Error(`server did not start in 30 s:\n${out}`)), 30_000).unref();
  });
  const url = `http://127.0.0.1:${port}`;
  const token = opts.env?.GONGBI_SEED_DEMO === '0' ? '' : await signIn(over(url), DEMO.coordinator);
  return { url, token, wsUrl: `ws://127.0.0.1:${port}/sync`, port, child, exited, output: () => out };
}
