/**
 * The group commit (server/sync/groupCommit.ts, GONGBI_COMMIT_INTERVAL_MS): an edit reaching a
 * quiet server is stored and relayed at once; edits that arrive within the interval after a
 * commit, for any document, wait for the next one and share it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shortText } from '../../shared/schema/index.js';
import type { DocAppend } from '../../server/storage/index.js';
import { connectSynced, type Peer } from '../helpers/peers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';

const DOC = 'c-01-open-data-reuse';
const OTHER = 'c-02-open-data-platform';
const INTERVAL = 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('group commit', () => {
  let tmp: ReturnType<typeof tempDir>;
  let server: TestServer;
  let commits: Array<{ at: number; names: string[] }>;
  const peers: Peer[] = [];
  const peer = async (name: string) => {
    const p = await connectSynced(server.wsUrl, name, server.token);
    peers.push(p);
    return p;
  };
  const text = (p: Peer) => shortText(p.doc, 'partners', 'zh');

  beforeEach(async () => {
    tmp = tempDir();
    server = await startTestServer({ dataDir: tmp.dir, env: { GONGBI_COMMIT_INTERVAL_MS: String(INTERVAL) } });
    // Every commit of received updates goes through appendMany: record when and for which documents.
    commits = [];
    const appendMany = server.store.appendMany.bind(server.store);
    server.store.appendMany = (writes: DocAppend[]) => {
      commits.push({ at: performance.now(), names: writes.map((w) => w.name) });
      return appendMany(writes);
    };
  });
  afterEach(async () => {
    for (const p of peers.splice(0)) p.destroy();
    await server.close();
    tmp.remove();
  });

  it('stores and relays an edit on a quiet server at once, without waiting for the interval', async () => {
    const a = await peer(DOC);
    const b = await peer(DOC);
    await sleep(INTERVAL + 100);
    const before = commits.length;
    const t0 = performance.now();
    text(a).insert(0, '即');
    await waitFor(() => text(b).toString().startsWith('即'), { what: 'the relay', interval: 2 });
    expect(performance.now() - t0).toBeLessThan(INTERVAL / 2);
    expect(commits.length).toBe(before + 1);
  });

  it('makes edits arriving within the interval, for several documents, wait and share the next commit, each reader getting all of them', async () => {
    const a = await peer(DOC);
    const b = await peer(DOC);
    const e = await peer(DOC);
    const c = await peer(OTHER);
    const d = await peer(OTHER);
    await sleep(INTERVAL + 100);
    const before = commits.length;
    text(a).insert(0, '一');
    await waitFor(() => commits.length === before + 1, { what: 'the first commit', interval: 2 });
    const first = commits[before]!.at;
    // Within the interval after that commit: edits of two people on DOC, one on OTHER.
    text(a).insert(0, '二');
    text(e).insert(0, '三');
    text(c).insert(0, '四');
    await sleep(INTERVAL / 2);
    expect(text(b).toString()).toMatch(/^一/);
    expect(commits.length).toBe(before + 1);
    const both = (p: Peer) => text(p).toString().includes('二') && text(p).toString().includes('三');
    await waitFor(() => both(b) && both(a) && both(e) && text(d).toString().startsWith('四'), { what: 'the relays', interval: 2 });
    const relayedAt = performance.now();
    expect(commits.length).toBe(before + 2);
    expect(commits[before + 1]!.names.sort()).toEqual([DOC, OTHER].sort());
    // The second commit waited for the interval, and the readers heard of nothing before it.
    expect(commits[before + 1]!.at - first).toBeGreaterThanOrEqual(INTERVAL - 5);
    expect(relayedAt - first).toBeGreaterThanOrEqual(INTERVAL - 5);
    expect(text(b).toString()).toBe(text(a).toString());
    expect(text(e).toString()).toBe(text(a).toString());
  });
});
