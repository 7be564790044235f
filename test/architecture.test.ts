/**
 * The dependency rules, checked on every import specifier of every source file, so that a
 * wrong import fails CI instead of depending on reviewers: shared imports nothing from client
 * or server, no Node built-ins and no React; client and server never import each other; the
 * client's folders import each other one way only (no cycle); server/storage imports nothing
 * from auth, sync or http and keeps its files short. In the server: route files never import
 * the store, the top-level folders import each other without circles, but for the few named
 * in CIRCLES_ALLOWED with their reason, and the sync layer stays small files that know no feature.
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

/** Route files: each feature's `routes.ts` and the HTTP layer's own endpoints and middleware. */
const isRouteFile = (file: string) => /^server\/[^/]+\/routes\.ts$/.test(file) || file.startsWith('server/http/') || file === 'server/sync/wsRoute.ts';

/** The project path an import lands in (`server/storage/index.ts`), or null for a package. */
function resolved(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)).replace(/\.js$/, '.ts');
}

/** `storage` for `server/storage/index.ts`, `config.ts` for a file at the server's root. */
const serverUnit = (file: string) => file.split('/')[1]!;

/**
 * Imports that close a circle between server folders, each allowed for a reason that does not
 * depend on this layout. `from` is a file, or a folder (ending in `/`) for every file in it.
 * Any other import that closes a circle fails the test below; an entry nothing uses any more
 * fails too, so the list stays true.
 */
const CIRCLES_ALLOWED: ReadonlyArray<{ from: string; to: string; why: string }> = [
  { from: 'server/rights/service.ts', to: 'versions', why: 'a bulk rights change takes a checkpoint first, while restoring a version checks the writer\'s rights' },
  { from: 'server/config.ts', to: 'http', why: 'GONGBI_TRUSTED_PROXIES is checked at start with the parser the requests use (http/clientAddress.ts, which imports nothing of the server)' },
  { from: 'server/http/apidocs.ts', to: 'apidocs', why: 'the HTTP layer serves the API description, which is built from the routes\' own schemas so that it cannot drift from them' },
  { from: 'server/http/health.ts', to: 'ops', why: '/api/health answers what ops\' StoreHealth measures, while ops\' command line builds on the whole server' },
  { from: 'server/http/metrics.ts', to: 'ops', why: '/metrics serves ops\' registry, while ops\' command line builds on the whole server' },
];

const allowed = (file: string, to: string) => CIRCLES_ALLOWED.some((a) => a.to === to && (a.from.endsWith('/') ? file.startsWith(a.from) : file === a.from));

/** Edges between server units (folders and root files) as `from → to`, with the files that make each. */
function unitEdges(files: SourceImports[], skip: (file: string, to: string) => boolean): Map<string, Map<string, string[]>> {
  const edges = new Map<string, Map<string, string[]>>();
  for (const { file, specifiers } of files) {
    if (!file.startsWith('server/')) continue;
    for (const s of specifiers) {
      const target = resolved(file, s);
      if (!target?.startsWith('server/')) continue;
      const from = serverUnit(file);
      const to = serverUnit(target);
      if (from === to || skip(file, to)) continue;
      const out = edges.get(from) ?? new Map<string, string[]>();
      edges.set(from, out);
      out.set(to, [...(out.get(to) ?? []), file]);
    }
  }
  return edges;
}

/** Each circle (a strongly connected group of two or more units), with the imports inside it. */
function circles(edges: Map<string, Map<string, string[]>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const out: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        group.push(w);
      } while (w !== v);
      if (group.length > 1) out.push(group.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return out;
}

/** The circles as readable lines: each import inside a circle, `unit → unit (file)`. */
function circleLines(edges: Map<string, Map<string, string[]>>): string[] {
  return circles(edges).flatMap((group) =>
    group.flatMap((a) => group.filter((b) => edges.get(a)?.has(b)).map((b) => `${a} → ${b} (${[...new Set(edges.get(a)!.get(b)!)].join(', ')})`)),
  );
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

  it('route files never import server/storage: routes call services', () => {
    const routeFiles = files.filter((f) => isRouteFile(f.file));
    // The rule must see the route files it is about.
    expect(routeFiles.map((f) => f.file)).toEqual(expect.arrayContaining(['server/links/routes.ts', 'server/public/routes.ts', 'server/http/health.ts', 'server/accounts/routes.ts']));
    const bad = routeFiles.flatMap(({ file, specifiers }) => specifiers.filter((s) => resolved(file, s)?.startsWith('server/storage/')).map((s) => `${file} → ${s}`));
    expect(bad).toEqual([]);
  });

  it('the feature routes live in their folders: server/http holds only the HTTP layer', () => {
    const http = files.filter((f) => f.file.startsWith('server/http/')).map((f) => f.file.slice('server/http/'.length)).sort();
    expect(http).toEqual(['accessLog.ts', 'apidocs.ts', 'clientAddress.ts', 'guard.ts', 'health.ts', 'methods.ts', 'metrics.ts', 'securityHeaders.ts', 'static.ts', 'validate.ts']);
  });

  it('outside server/export, the server imports only export/index.ts (its one door)', () => {
    const bad = files
      .filter((f) => f.file.startsWith('server/') && !f.file.startsWith('server/export/'))
      .flatMap(({ file, specifiers }) => specifiers.filter((s) => { const t = resolved(file, s); return t?.startsWith('server/export/') && t !== 'server/export/index.ts'; }).map((s) => `${file} → ${s}`));
    expect(bad).toEqual([]);
  });

  it('the circle finder sees a circle through three folders, and the allow-list removes only its own imports', () => {
    const sample: SourceImports[] = [
      { file: 'server/a/x.ts', specifiers: ['../b/y.js'] },
      { file: 'server/b/y.ts', specifiers: ['../c/z.js', '../../shared/protocol/api.js', 'hono'] },
      { file: 'server/c/z.ts', specifiers: ['../a/x.js', '../log.js'] },
      { file: 'server/log.ts', specifiers: [] },
    ];
    expect(circleLines(unitEdges(sample, () => false))).toEqual(['a → b (server/a/x.ts)', 'b → c (server/b/y.ts)', 'c → a (server/c/z.ts)']);
    expect(circleLines(unitEdges(sample, (file, to) => file === 'server/c/z.ts' && to === 'a'))).toEqual([]);
  });

  it('no circular imports between server folders, but for the allowed ones', () => {
    // A new circle names its imports here: break it (a service, a callback, a shared type), or
    // add it to CIRCLES_ALLOWED with a reason that would hold in any layout.
    expect(circleLines(unitEdges(files, allowed))).toEqual([]);
  });

  it('every allowed circle is still imported (an entry nothing needs is deleted)', () => {
    const used = CIRCLES_ALLOWED.filter((a) =>
      files.some(({ file, specifiers }) => (a.from.endsWith('/') ? file.startsWith(a.from) : file === a.from) && specifiers.some((s) => { const t = resolved(file, s); return !!t && t.startsWith('server/') && serverUnit(t) === a.to; })),
    );
    expect(used.map((a) => `${a.from} → ${a.to}`)).toEqual(CIRCLES_ALLOWED.map((a) => `${a.from} → ${a.to}`));
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

  it('no source file is over 400 lines, but typed data (the demo plan, the two dictionaries, the table of routes)', () => {
    // Data, not logic: one entry per demo commitment, per UI string, per API route.
    const TYPED_DATA = new Set(['server/seed/demoData.ts', 'client/i18n/zh.ts', 'client/i18n/en.ts', 'server/apidocs/routes.ts']);
    const long = files
      .filter((f) => !TYPED_DATA.has(f.file))
      .map((f) => ({ file: f.file, lines: fs.readFileSync(path.join(ROOT, f.file), 'utf8').split('\n').length }))
      .filter((f) => f.lines > 400)
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(long).toEqual([]);
    // Every exemption still names a file (a moved or deleted one is removed from the list).
    expect([...TYPED_DATA].filter((f) => !fs.existsSync(path.join(ROOT, f)))).toEqual([]);
  });
});
