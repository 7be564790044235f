/**
 * Compiles the server and the shared code it imports to plain JavaScript (`dist-server/` by
 * default), which `npm start` runs with node. A TypeScript loader in the serving process costs
 * a loader thread, tens of MiB, start-up time and a wrapper call around every named function;
 * compiled code costs none of that. Types are checked by `npm run typecheck`, not here: this
 * only strips them (esbuild, file by file, the folder layout kept, so relative paths such as
 * the migrations folder stay where the code expects them).
 *
 * `tsx server/ops/build.ts [outDir]`
 */
import { build } from 'esbuild';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(import.meta.dirname, '../..');
export const DEFAULT_OUT_DIR = join(ROOT, 'dist-server');

/** Folders compiled, relative to the repository root. */
const SOURCES = ['server', 'shared'];
/** Files the server reads at run time, copied as they are. */
const ASSETS = ['server/storage/migrations'];

function typeScriptFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(ROOT, dir, f));
}

/**
 * Writes the compiled server to `outDir` (emptied first) and returns the entry point's path.
 * `outDir` must lie inside the repository: the compiled files find node_modules and the
 * package.json that makes them ES modules by walking up from there.
 */
export async function buildServer(outDir = DEFAULT_OUT_DIR): Promise<string> {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: SOURCES.flatMap(typeScriptFiles),
    outdir: outDir,
    outbase: ROOT,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
  for (const asset of ASSETS) cpSync(join(ROOT, asset), join(outDir, asset), { recursive: true });
  return join(outDir, 'server/index.js');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_OUT_DIR;
  const entry = await buildServer(out);
  console.log(`compiled the server to ${entry}`);
}
