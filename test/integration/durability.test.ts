/**
 * Nothing acknowledged is lost: a restart keeps every document, and a SIGKILL in the middle
 * of a stream of edits keeps every update that any other client had already received.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { renderCommitment, shortText } from '../../shared/schema/index.js';
import { connectSynced, type Peer } from '../helpers/peers.js';
import { spawnServer, startTestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { bearer } from '../helpers/auth.js';
import { waitFor } from '../helpers/waitFor.js';

const DOC = 'c-02-open-data-platform';

describe('durability', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });

  it('[ST10] after a graceful restart every document is intact', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    let server = await startTestServer({ dataDir: tmp.dir });
    const a = await connectSynced(server.wsUrl, DOC, server.token);
    for (let i = 0; i < 200; i++) shortText(a.doc, 'partners', 'en').insert(i, 'ab'[i % 2]!);
    const ids = (await (await fetch(`${server.url}/api/commitments`, { headers: bearer(server.token) })).json()).commitments.map((c: { id: string }) => c.id) as string[];
    await server.gongbi.rooms.loaded(DOC)!.whenDurable();
    const want = shortText(a.doc, 'partners', 'en').toString();
    await waitFor(() => shortText(server.gongbi.rooms.loaded(DOC)!.doc, 'partners', 'en').toString() === want, { what: 'the server to hold every edit' });
    const expected = renderCommitment(a.doc);
    const all: Record<string, unknown> = {};
    for (const id of ids) all[id] = (await (await fetch(`${server.url}/api/commitments/${id}`, { headers: bearer(server.token) })).json()).commitment;
    a.destroy();
    await server.close();

    server = await startTestServer({ dataDir: tmp.dir });
    cleanups.push(() => server.close());
    const b = await connectSynced(server.wsUrl, DOC, server.token);
    cleanups.push(() => b.destroy());
    expect(renderCommitment(b.doc)).toEqual(expected);
    for (const id of ids) expect((await (await fetch(`${server.url}/api/commitments/${id}`, { headers: bearer(server.token) })).json()).commitment).toEqual(all[id]);
  });

  it('[ST11] SIGKILL during a stream of edits loses nothing another client had received', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const first = await spawnServer({ dataDir: tmp.dir });
    cleanups.push(() => { first.child.kill('SIGKILL'); });
    const writer = await connectSynced(first.wsUrl, DOC, first.token);
    const watcher = await connectSynced(first.wsUrl, DOC, first.token);
    cleanups.push(() => writer.destroy(), () => watcher.destroy());
    // The writer types continuously; we kill the server once the watcher has seen some of it.
    let typed = 0;
    const initial = shortText(watcher.doc, 'title', 'en').length;
    const typing = setInterval(() => {
      for (let i = 0; i < 5; i++) shortText(writer.doc, 'title', 'en').insert(0, String(typed++ % 10));
    }, 2);
    await waitFor(() => shortText(watcher.doc, 'title', 'en').length > initial + 300, { what: 'edits to reach the watcher' });
    first.child.kill('SIGKILL');
    await first.exited;
    clearInterval(typing);
    // What the watcher holds now is everything the server had relayed before it died.
    writer.provider.disconnect();
    watcher.provider.disconnect();
    const received = Y.encodeStateAsUpdate(watcher.doc);

    const second = await spawnServer({ dataDir: tmp.dir });
    cleanups.push(() => { second.child.kill('SIGKILL'); });
    const fresh = await connectSynced(second.wsUrl, DOC, second.token);
    cleanups.push(() => fresh.destroy());
    const check = new Y.Doc();
    Y.applyUpdate(check, Y.encodeStateAsUpdate(fresh.doc));
    const before = Y.encodeStateVector(check);
    Y.applyUpdate(check, received);
    // Applying what the watcher received adds nothing: the restarted server already had it all.
    expect(Y.encodeStateVector(check)).toEqual(before);
    expect(shortText(fresh.doc, 'title', 'en').toString()).toContain(shortText(watcher.doc, 'title', 'en').toString().slice(-50));
    expect(typed).toBeGreaterThanOrEqual(300);
  });
});
