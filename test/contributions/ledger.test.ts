/**
 * Contribution figures come from the ledger, measured once per logged update: through a real
 * server and real sockets, after edits by several people (inserting, removing each other's
 * text, adding milestones) and across a compaction, the API answers exactly what a replay of
 * the whole log gives, for the whole history and for ranges; and a request reads no logged
 * update it has measured before (counted on the store the server uses), so its cost does not
 * grow with the log. Rules: AU10, CL1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMilestone, shortText } from '../../shared/schema/index.js';
import { join } from 'node:path';
import { replayContributions } from '../../server/contributions/service.js';
import { ledgerContributions } from '../../server/contributions/ledger.js';
import { SqliteStore } from '../../server/storage/index.js';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { connectSynced, type Peer } from '../helpers/peers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';

const DOC = 'c-04-access-to-information';

describe('[CL1] contributions from the ledger', () => {
  const tmp = tempDir();
  let server: TestServer;
  let agency: Peer;
  let civil: Peer;
  let coordinator: Peer;
  /** Logged update rows the server's store has read since the last reset. */
  let rowsRead = 0;
  let documentsLoaded = 0;

  beforeAll(async () => {
    server = await startTestServer({ dataDir: tmp.dir });
    const store = server.store;
    const range = store.loadUpdateRange.bind(store);
    const load = store.loadDocument.bind(store);
    store.loadUpdateRange = async (...args) => {
      const rows = await range(...args);
      rowsRead += rows.length;
      return rows;
    };
    store.loadDocument = async (name) => {
      const doc = await load(name);
      documentsLoaded++;
      rowsRead += doc.updates.length;
      return doc;
    };
    agency = await connectSynced(server.wsUrl, DOC, await signIn(over(server.url), DEMO.agency));
    civil = await connectSynced(server.wsUrl, DOC, await signIn(over(server.url), DEMO.civil));
    coordinator = await connectSynced(server.wsUrl, DOC, server.token);
  });
  afterAll(async () => {
    for (const p of [agency, civil, coordinator]) p.destroy();
    await server.close();
    tmp.remove();
  });

  const room = () => server.gongbi.rooms.loaded(DOC)!;
  /** Waits until what `author` wrote is stored and everyone has it. */
  const settled = async (author: Peer) => {
    const fields = (d: Peer['doc']) => [shortText(d, 'partners', 'zh').toString(), shortText(d, 'partners', 'en').toString()].join('|');
    const want = fields(author.doc);
    await waitFor(() => fields(room().doc) === want && room().quiescent && [agency, civil, coordinator].every((p) => fields(p.doc) === want), { what: 'the edits to be stored and seen' });
  };
  const api = async (query = '') => {
    const res = await fetch(`${server.url}/api/commitments/${DOC}/contributions${query}`, { headers: bearer(server.token) });
    expect(res.status).toBe(200);
    const { commitmentId: _, ...body } = (await res.json()) as Record<string, unknown>;
    return body;
  };

  /** A round of edits by all three: typing, removing someone else's text, a milestone. */
  async function editRound(i: number) {
    shortText(agency.doc, 'partners', 'zh').insert(0, `法務部${i}`);
    await settled(agency);
    shortText(civil.doc, 'partners', 'zh').delete(1, 2);
    shortText(civil.doc, 'partners', 'en').insert(0, `NGO ${i} `);
    await settled(civil);
    addMilestone(coordinator.doc, { period: '2024', text: { zh: `里程碑${i}`, en: `Milestone ${i}` } });
    shortText(coordinator.doc, 'partners', 'zh').insert(1, '國發會');
    await settled(coordinator);
  }

  it('matches a replay of the log after edits by several people, for the whole history and for ranges', async () => {
    const start = room().lastSeq;
    for (let i = 0; i < 3; i++) await editRound(i);
    const end = room().lastSeq;
    expect(end - start).toBeGreaterThanOrEqual(9);
    const body = await api();
    expect(body).toEqual(await replayContributions(server.store, DOC));
    expect((body.byAffiliation as Record<string, unknown>).civil_society).toBeDefined();
    const mid = start + Math.floor((end - start) / 2);
    for (const [from, to] of [[start, end], [start, mid], [mid, end], [mid, mid], [0, start], [end, end + 50]] as const) {
      expect(await api(`?fromSeq=${from}&toSeq=${to}`), `(${from}, ${to}]`).toEqual(await replayContributions(server.store, DOC, { fromSeq: from, toSeq: to }));
    }
  });

  it('still matches after the log is compacted and edited further', async () => {
    const before = room().lastSeq;
    await room().compact();
    await editRound(9);
    expect(await api()).toEqual(await replayContributions(server.store, DOC));
    expect(await api(`?fromSeq=${before - 2}`)).toEqual(await replayContributions(server.store, DOC, { fromSeq: before - 2 }));
  });

  it('a request reads no logged update measured before: only what is new since the last request', async () => {
    // A long log: 100 more updates, one keystroke each (each stored before the next is typed).
    const start = room().lastSeq;
    for (let i = 0; i < 100; i++) {
      shortText(agency.doc, 'partners', 'en').insert(0, 'x');
      await settled(agency);
    }
    expect(room().lastSeq - start).toBe(100);
    await api();
    rowsRead = documentsLoaded = 0;
    const again = await api();
    await api('?fromSeq=3&toSeq=40');
    expect(rowsRead).toBe(0);
    expect(documentsLoaded).toBe(0);
    const last = room().lastSeq;
    shortText(agency.doc, 'partners', 'zh').insert(0, '新');
    await settled(agency);
    shortText(civil.doc, 'partners', 'en').insert(0, 'new ');
    await settled(civil);
    const added = room().lastSeq - last;
    expect(added).toBeGreaterThanOrEqual(1);
    const after = await api();
    expect(rowsRead).toBe(added);
    expect((after.total as { updates: number }).updates).toBe((again.total as { updates: number }).updates + added);
    expect(after).toEqual(await replayContributions(server.store, DOC));
  });

  it('two processes catching up on the same new updates at once give the same, right figures (CL3)', async () => {
    const other = new SqliteStore({ file: join(server.dataDir, 'gongbi.db') });
    try {
      await editRound(20);
      const [here, there] = await Promise.all([ledgerContributions(server.store, DOC, { fromSeq: 0 }), ledgerContributions(other, DOC, { fromSeq: 0 })]);
      const replay = await replayContributions(server.store, DOC);
      expect(here).toEqual(replay);
      expect(there).toEqual(replay);
    } finally {
      await other.close();
    }
  });
});
