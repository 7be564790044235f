/**
 * The dependency rules, checked on every import specifier of every source file, so that a
 * wrong import fails CI instead of depending on reviewers: shared imports nothing from client
 * or server, no Node built-ins and no React; client and server never import each other; the
 * client's folders import each other one way only (no cycle); server/storage imports nothing
 * from auth, sync or http and keeps its files short.
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
  lines?: number;
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
  return LAYERS.flatMap(sourceFiles).map((file) => {
    const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
    return { file, specifiers: importsOf(source), lines: source.split('\n').length - (source.endsWith('\n') ? 1 : 0) };
  });
}

/** The project path a relative specifier lands on, or null for a package. */
function targetPath(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return null;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
}

/** The top-level folder a relative specifier lands in, or null for a package. */
function targetLayer(file: string, specifier: string): string | null {
  return targetPath(file, specifier)?.split('/')[0] ?? null;
}

/** The most lines a file of server/storage may have: one file per store and engine stays readable. */
const STORAGE_MAX_LINES = 400;

/** What breaks the storage rules: an import of server/auth, sync or http, or a file too long. */
function storageViolations(files: SourceImports[]): string[] {
  const out: string[] = [];
  for (const { file, specifiers, lines } of files) {
    if (!file.startsWith('server/storage/')) continue;
    for (const s of specifiers) {
      const target = targetPath(file, s);
      if (target && /^server\/(auth|sync|http)(\/|\.|$)/.test(target)) out.push(`${file} → ${s} (storage must not import ${target.split('/')[1]}/)`);
    }
    if ((lines ?? 0) > STORAGE_MAX_LINES) out.push(`${file}: ${lines} lines (at most ${STORAGE_MAX_LINES})`);
  }
  return out;
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

/** The top-level folder of a file in `layer`; files at the layer's root count as `(root)`. */
function folderOf(file: string): string {
  const parts = file.split('/');
  return parts.length > 2 ? parts[1]! : '(root)';
}

/** Imports between top-level folders of `layer`: from → to → one importing line as evidence. */
function folderArrows(files: SourceImports[], layer: Layer): Map<string, Map<string, string>> {
  const arrows = new Map<string, Map<string, string>>();
  for (const { file, specifiers } of files) {
    if (!file.startsWith(`${layer}/`)) continue;
    for (const s of specifiers) {
      if (!s.startsWith('.')) continue;
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), s));
      if (!resolved.startsWith(`${layer}/`)) continue;
      const from = folderOf(file);
      const to = folderOf(resolved);
      if (from === to) continue;
      const out = arrows.get(from) ?? new Map<string, string>();
      if (!out.has(to)) out.set(to, `${file} → ${s}`);
      arrows.set(from, out);
    }
  }
  return arrows;
}

/**
 * Each group of folders that reach each other through imports (a strongly connected component,
 * Tarjan), as `a → b (evidence)` lines for the arrows inside it; empty when there is no cycle.
 */
function folderCycles(arrows: Map<string, Map<string, string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of arrows.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group = new Set<string>();
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.add(w);
    } while (w !== v);
    if (group.size < 2) return;
    const lines: string[] = [];
    for (const from of [...group].sort())
      for (const [to, evidence] of [...(arrows.get(from) ?? [])].sort())
        if (group.has(to)) lines.push(`${from} → ${to} (${evidence})`);
    groups.push(lines);
  };
  for (const v of [...arrows.keys()].sort()) if (!index.has(v)) visit(v);
  return groups;
}

describe('architecture', () => {
  const files = scan();

  it('finds the source files and their imports', () => {
    const layersSeen = new Set(files.map((f) => f.file.split('/')[0]));
    expect([...layersSeen].sort()).toEqual(['client', 'server', 'shared']);
    const app = files.find((f) => f.file === 'server/app.ts');
    expect(app?.specifiers).toEqual(expect.arrayContaining(['hono', './config.js', './storage/index.js']));
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

  it('the cycle check finds folders that import each other, directly or round a loop', () => {
    const arrows = folderArrows(
      [
        { file: 'client/App.tsx', specifiers: ['./a/x.js'] },
        { file: 'client/a/x.ts', specifiers: ['../b/y.js', './z.js', '../../shared/schema/index.js'] },
        { file: 'client/b/y.ts', specifiers: ['../c/w.js'] },
        { file: 'client/c/w.ts', specifiers: ['../a/deep/v.js', 'react'] },
        { file: 'client/d/u.ts', specifiers: ['../e/t.js'] },
        { file: 'client/e/t.ts', specifiers: ['../d/u.js'] },
        { file: 'client/f/s.ts', specifiers: ['../a/x.js'] },
      ],
      'client',
    );
    expect(folderCycles(arrows)).toEqual([
      ['a → b (client/a/x.ts → ../b/y.js)', 'b → c (client/b/y.ts → ../c/w.js)', 'c → a (client/c/w.ts → ../a/deep/v.js)'],
      ['d → e (client/d/u.ts → ../e/t.js)', 'e → d (client/e/t.ts → ../d/u.js)'],
    ]);
  });

  it('client folders import each other one way only (no cycle between client/*/ folders)', () => {
    const arrows = folderArrows(files, 'client');
    // The scan sees the folders and the arrows that are meant to be there.
    expect(arrows.get('commitment')?.has('editor')).toBe(true);
    expect(arrows.get('offline')?.has('sync')).toBe(true);
    expect(folderCycles(arrows)).toEqual([]);
  });

  it('client/README.md lists every client folder, in an order the imports follow (each imports only folders above it)', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'client/README.md'), 'utf8');
    const rank = new Map<string, number>();
    for (const [row, line] of readme.split('\n').filter((l) => l.startsWith('| `')).entries()) {
      const firstCell = line.split('|')[1]!;
      for (const [, name] of firstCell.matchAll(/`([a-z0-9]+)\/`/g)) if (!rank.has(name!)) rank.set(name!, row);
    }
    const folders = fs.readdirSync(path.join(ROOT, 'client'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders.filter((f) => !rank.has(f))).toEqual([]);
    const upward: string[] = [];
    for (const [from, out] of folderArrows(files, 'client'))
      for (const [to, evidence] of out) if (from !== '(root)' && !(rank.get(to)! < rank.get(from)!)) upward.push(`${from} → ${to} (${evidence})`);
    expect(upward).toEqual([]);
  });

  it('server never imports client/', () => {
    expect(violations(files.filter((f) => f.file.startsWith('server/')))).toEqual([]);
  });

  it('server/storage imports nothing from server/auth, server/sync or server/http, and no file of it is over 400 lines', () => {
    // The rule itself catches each kind of break…
    expect(
      storageViolations([
        { file: 'server/storage/sqlite/accounts.ts', specifiers: ['../../auth/types.js', '../accounts.js', 'better-sqlite3'], lines: 120 },
        { file: 'server/storage/x.ts', specifiers: ['../sync/room.js', '../http/app.js', '../shared/protocol/auth.js'], lines: 401 },
        { file: 'server/auth/sessions.ts', specifiers: ['../storage/index.js', '../sync/x.js'], lines: 900 },
      ]),
    ).toEqual([
      'server/storage/sqlite/accounts.ts → ../../auth/types.js (storage must not import auth/)',
      'server/storage/x.ts → ../sync/room.js (storage must not import sync/)',
      'server/storage/x.ts → ../http/app.js (storage must not import http/)',
      'server/storage/x.ts: 401 lines (at most 400)',
    ]);
    // …and the storage files keep it.
    const storage = files.filter((f) => f.file.startsWith('server/storage/'));
    expect(storage.map((f) => f.file)).toEqual(expect.arrayContaining(['server/storage/index.ts', 'server/storage/sqlite/store.ts', 'server/storage/postgres/store.ts']));
    expect(storageViolations(storage)).toEqual([]);
  });
});
