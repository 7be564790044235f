/**
 * A backup taken while the server is under write load restores to a state that contains
 * every update acknowledged before the backup began, with every document and account.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { shortText } from '../../shared/schema/index.js';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { connectSynced } from '../helpers/peers.js';
import { spawnServer, type SpawnedServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';

const run = promisify(execFile);
const DOC = 'c-07-regional-revitalization';
const npmScript = (script: string, args: string[], dataDir: string) =>
  run(process.execPath, ['--import', 'tsx', 'server/ops/cli.ts', script, ...args], { env: { ...process.env, GONGBI_DATA_DIR: dataDir } });

describe('[OP1] SQLite backup and restore', () => {
  const servers: SpawnedServer[] = [];
  const dirs: Array<{ remove(): void }> = [];
  afterEach(() => {
    for (const s of servers.splice(0)) s.child.kill('SIGKILL');
    for (const d of dirs.splice(0)) d.remove();
  });

  it('restores everything acknowledged before the backup began, taken while writes go on', async () => {
    const live = tempDir();
    const restored = tempDir();
    dirs.push(live, restored);
    const server = await spawnServer({ dataDir: live.dir });
    servers.push(server);
    const writer = await connectSynced(server.wsUrl, DOC, server.token);
    const watcher = await connectSynced(server.wsUrl, DOC, server.token);
    let n = 0;
    const typing = setInterval(() => shortText(writer.doc, 'partners', 'en').insert(0, String(n++ % 10)), 1);
    await waitFor(() => n > 200, { what: 'writes to be under way' });
    // The server relays only what it has stored: what the watcher holds now is acknowledged.
    const acknowledged = Y.encodeStateAsUpdate(watcher.doc);
    const backupFile = join(restored.dir, 'backup.db');
    const { stdout } = await npmScript('backup', [backupFile], live.dir);
    expect(stdout).toMatch(/Backup written/);
    const afterBackup = n;
    clearInterval(typing);
    expect(afterBackup).toBeGreaterThan(200);
    writer.destroy();
    watcher.destroy();

    const restore = await npmScript('restore', [backupFile], join(restored.dir, 'data'));
    expect(restore.stdout).toMatch(/Restored 20 documents and 5 accounts/);
    const second = await spawnServer({ dataDir: join(restored.dir, 'data') });
    servers.push(second);
    // Accounts are intact: the demo coordinator signs in to the restored store.
    const token = await signIn(over(second.url), DEMO.coordinator);
    const fresh = await connectSynced(second.wsUrl, DOC, token);
    const check = new Y.Doc();
    Y.applyUpdate(check, Y.encodeStateAsUpdate(fresh.doc));
    const sv = Y.encodeStateVector(check);
    Y.applyUpdate(check, acknowledged);
    expect(Y.encodeStateVector(check)).toEqual(sv);
    // Every document is there.
    const list = await (await fetch(`${second.url}/api/commitments`, { headers: bearer(token) })).json();
    expect(list.commitments).toHaveLength(19);
    fresh.destroy();
  });

  it('refuses to restore a file that is not a Gongbi database, and changes nothing', async () => {
    const d = tempDir();
    dirs.push(d);
    const bogus = join(d.dir, 'bogus.db');
    await import('node:fs').then((fs) => fs.writeFileSync(bogus, 'not a database'));
    await expect(npmScript('restore', [bogus], join(d.dir, 'data'))).rejects.toMatchObject({ stderr: expect.stringMatching(/not a database|damaged|not a Gongbi database/) });
  });
});
