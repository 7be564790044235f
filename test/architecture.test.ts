/**
 * The dependency rules, checked on every import specifier of every source file, so that a
 * wrong import fails CI instead of depending on reviewers: shared imports nothing from client
 * or server, no Node built-ins and no React; client and server never import each other;
 * the sync layer stays small files that know no feature.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '..');
const LAYERS = ['shared', 'client', 'server'] as const;
type Layer = (typeof LAYERS)[number];

interface SourceImports {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  specifiers: string[];
}

/** Every specifier a file imports or re-exports, static or dynamic (the TypeScript scanner, not a regex). */
function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

function sourceFiles(layer: Layer): string[] {
  const dir = path.join(ROOT, layer);
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts') && !f.split(path.sep).includes('node_modules'))
    .map((f) => path.join(layer, f).split(path.sep).join('/'));
}

function scan(): SourceImports[] {
  return LAYERS.flatMap(sourceFiles).map((file) => ({
    file,
    specifiers: importsOf(fs.readFileSync(path.join(ROOT, file), 'utf8')),
  }));
}

/** The top-level folder a relative specifier lands in, or null for a package. */
function targetLayer(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return null;
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  return resolved.split('/')[0] ?? null;
}

const builtins = new Set(builtinModules);
const isNodeBuiltin = (s: string) => s.startsWith('node:') || builtins.has(s) || builtins.has(s.split('/')[0]!);
const isReact = (s: string) => /^(react|react-dom)(\/|$)/.test(s) || s === '@tiptap/react' || s.startsWith('@tiptap/react/');

/** Every broken rule, as `file → specifier (rule)`; empty when the layering holds. */
function violations(files: SourceImports[]): string[] {
  const out: string[] = [];
  for (const { file, specifiers } of files) {
    const layer = file.split('/')[0] as Layer;
    for (const s of specifiers) {
      const target = targetLayer(file, s);
      const bad = (rule: string) => out.push(`${file} → ${s} (${rule})`);
      if (layer === 'shared') {
        if (target === 'client' || target === 'server') bad(`shared must not import ${target}/`);
        if (isNodeBuiltin(s)) bad('shared must not import Node built-ins');
        if (isReact(s)) bad('shared must not import React');
      } else if (layer === 'client' && target === 'server') {
        bad('client must not import server/');
      } else if (layer === 'server' && target === 'client') {
        bad('server must not import client/');
      }
    }
  }
  return out;
}

describe('architecture', () => {
  const files = scan();

  it('finds the source files and their imports', () => {
    const layersSeen = new Set(files.map((f) => f.file.split('/')[0]));
    expect([...layersSeen].sort()).toEqual(['client', 'server', 'shared']);
    const app = files.find((f) => f.file === 'server/app.ts');
    expect(app?.specifiers).toEqual(expect.arrayContaining(['hono', './config.js', './storage/types.js']));
  });

  it('the scanner sees every import form', () => {
    const source = [
      "import a from 'a';",
      "import type { B } from 'b';",
      "import {\n  c,\n  d,\n} from 'c';",
      "import 'side-effect';",
      "export * from 'e';",
      "export { f } from 'f';",
      "const g = await import('g');",
    ].join('\n');
    expect(importsOf(source).sort()).toEqual(['a', 'b', 'c', 'e', 'f', 'g', 'side-effect']);
  });

  it('the rules catch each kind of violation', () => {
    expect(
      violations([
        { file: 'shared/schema/x.ts', specifiers: ['../../server/log.js', '../../client/ui/icons.js', 'node:fs', 'path', 'react', '@tiptap/react', 'yjs', './fields.js'] },
        { file: 'client/editor/y.tsx', specifiers: ['../../server/app.js', '../../shared/schema/index.js', 'react'] },
        { file: 'server/z.ts', specifiers: ['../client/App.js', '../shared/protocol/api.js', 'node:fs'] },
      ]),
    ).toEqual([
      'shared/schema/x.ts → ../../server/log.js (shared must not import server/)',
      'shared/schema/x.ts → ../../client/ui/icons.js (shared must not import client/)',
      'shared/schema/x.ts → node:fs (shared must not import Node built-ins)',
      'shared/schema/x.ts → path (shared must not import Node built-ins)',
      'shared/schema/x.ts → react (shared must not import React)',
      'shared/schema/x.ts → @tiptap/react (shared must not import React)',
      'client/editor/y.tsx → ../../server/app.js (client must not import server/)',
      'server/z.ts → ../client/App.js (server must not import client/)',
    ]);
  });

  it('shared imports nothing from client/ or server/, no Node built-ins and no React', () => {
    expect(violations(files.filter((f) => f.file.startsWith('shared/')))).toEqual([]);
  });

  it('client never imports server/', () => {
    expect(violations(files.filter((f) => f.file.startsWith('client/')))).toEqual([]);
  });

  it('server never imports client/', () => {
    expect(violations(files.filter((f) => f.file.startsWith('server/')))).toEqual([]);
  });

  it('server/sync: no file over 400 lines, and no import of a feature folder (features register hooks with sync instead)', () => {
    const sync = files.filter((f) => f.file.startsWith('server/sync/'));
    expect(sync.length).toBeGreaterThan(10);
    const lines = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n').length;
    expect(sync.filter((f) => lines(f.file) > 400).map((f) => `${f.file}: ${lines(f.file)} lines`)).toEqual([]);
    // What sync may build on: itself, storage, pub/sub, auth, the logger and errors (and shared/).
    const allowed = /^server\/(sync|storage|pubsub|auth)\/|^server\/(log|errors)\.js$|^shared\//;
    const wrong = sync.flatMap(({ file, specifiers }) =>
      specifiers
        .filter((s) => s.startsWith('.'))
        .map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(file), s)))
        .filter((target) => !allowed.test(target))
        .map((target) => `${file} → ${target}`),
    );
    expect(wrong).toEqual([]);
  });
});
