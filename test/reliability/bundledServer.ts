/**
 * `server/index.ts` bundled once into plain JavaScript (esbuild, which tsx already brings),
 * so tests that kill and restart the server many times start it in a fraction of the time
 * `spawnServer` needs to compile through tsx (`spawnServer({ bundled: true })` uses it).
 * Packages stay external, so the bundle lives under node_modules/.cache where they resolve; each file's `import.meta.url` is kept as its own source location.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { spawnServer, type SpawnedServer } from '../helpers/server.js';

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
 * Starts the bundled server as a child process: `spawnServer` with `bundled` (which see).
 * @example const s = await spawnBundledServer({ dataDir }); s.child.kill('SIGKILL');
 */
export const spawnBundledServer = (opts: { dataDir: string; env?: Record<string, string>; port?: number }): Promise<SpawnedServer> => spawnServer({ ...opts, bundled: true });
