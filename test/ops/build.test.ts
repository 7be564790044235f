/**
 * `npm start` runs the server compiled to JavaScript (server/ops/build.ts), not through tsx:
 * the compiled server must start on a fresh data folder, migrate and seed the demo plan, and
 * sync a document like the TypeScript one.
 */
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildServer } from '../../server/ops/build.js';
import { shortText } from '../../shared/schema/index.js';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { connectSynced } from '../helpers/peers.js';
import { spawnServer, type SpawnedServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('the compiled server (npm start)', () => {
  // Inside the repository: the compiled files find node_modules from there.
  const outDir = join(ROOT, '.vitest-tmp', `build-${process.pid}-${Date.now()}`);
  const data = tempDir();
  let server: SpawnedServer | null = null;

  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    rmSync(outDir, { recursive: true, force: true });
    data.remove();
  });

  it('compiles every server module to JavaScript next to the migrations it reads', async () => {
    const entry = await buildServer(outDir);
    expect(entry).toBe(join(outDir, 'server/index.js'));
    for (const f of ['server/index.js', 'server/sync/room.js', 'server/storage/sqlite/store.js', 'shared/schema/index.js', 'server/storage/migrations/sqlite/001_documents.sql']) {
      expect(existsSync(join(outDir, f)), f).toBe(true);
    }
  });

  it('starts on an empty data folder with the demo plan and syncs edits', async () => {
    server = await spawnServer({ dataDir: join(data.dir, 'data'), entry: join(outDir, 'server/index.js') });
    const token = await signIn(over(server.url), DEMO.coordinator);
    const list = await (await fetch(`${server.url}/api/commitments`, { headers: bearer(token) })).json();
    expect(list.commitments).toHaveLength(19);

    const name = list.commitments[0].id as string;
    const a = await connectSynced(server.wsUrl, name, token);
    const b = await connectSynced(server.wsUrl, name, token);
    shortText(a.doc, 'partners', 'zh').insert(0, '共筆');
    await expect.poll(() => shortText(b.doc, 'partners', 'zh').toString()).toMatch(/^共筆/);
    expect(Y.encodeStateVector(b.doc)).toEqual(Y.encodeStateVector(a.doc));
    a.destroy();
    b.destroy();
  });
});
