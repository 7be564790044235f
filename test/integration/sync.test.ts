/** The sync endpoint with stock y-websocket providers on both ends, over a real port. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { renderCommitment, shortText, sectionFragment, addMilestone, milestoneOrder } from '../../shared/schema/index.js';
import { connectPeer, connectSynced, type Peer } from '../helpers/peers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';

const DOC = 'c-01-open-data-reuse';

describe('sync over WebSocket', () => {
  let tmp: ReturnType<typeof tempDir>;
  let server: TestServer;
  const peers: Peer[] = [];
  const peer = async (name = DOC) => {
    const p = await connectSynced(server.wsUrl, name, server.token);
    peers.push(p);
    return p;
  };

  beforeEach(async () => {
    tmp = tempDir();
    server = await startTestServer({ dataDir: tmp.dir });
  });
  afterEach(async () => {
    for (const p of peers.splice(0)) p.destroy();
    await server.close();
    tmp.remove();
  });

  it('[SY1] a joining client receives the stored commitment', async () => {
    const a = await peer();
    const json = renderCommitment(a.doc);
    expect(json.id).toBe(DOC);
    expect(json.title.zh.length).toBeGreaterThan(0);
    expect(json.milestones).toHaveLength(4);
  });

  it('[SY2] two clients editing at once converge', async () => {
    const a = await peer();
    const b = await peer();
    a.doc.transact(() => shortText(a.doc, 'title', 'zh').insert(0, '甲'));
    b.doc.transact(() => shortText(b.doc, 'title', 'zh').insert(0, '乙'));
    addMilestone(a.doc, { period: '2025', text: { zh: 'A 的里程碑' } });
    addMilestone(b.doc, { period: '2025', text: { zh: 'B 的里程碑' } }, 0);
    await waitFor(() => JSON.stringify(renderCommitment(a.doc)) === JSON.stringify(renderCommitment(b.doc)), { what: 'convergence' });
    const title = shortText(a.doc, 'title', 'zh').toString();
    expect(title).toContain('甲');
    expect(title).toContain('乙');
    expect(milestoneOrder(a.doc)).toHaveLength(6);
  });

  it('[SY3] a client joining late receives every earlier edit', async () => {
    const a = await peer();
    for (let i = 0; i < 50; i++) shortText(a.doc, 'partners', 'zh').insert(0, String(i % 10));
    const frag = sectionFragment(a.doc, 'problem', 'zh');
    frag.insert(frag.length, [new Y.XmlElement('paragraph')]);
    // Wait until the server holds it (its room), then join.
    const room = server.gongbi.rooms.loaded(DOC)!;
    await waitFor(() => shortText(room.doc, 'partners', 'zh').length === shortText(a.doc, 'partners', 'zh').length);
    const late = await peer();
    expect(renderCommitment(late.doc)).toEqual(renderCommitment(a.doc));
  });

  it('[SY4] awareness reaches the others, named from the session, and is cleared when a client leaves', async () => {
    const a = await peer();
    const b = await peer();
    // The client claims another name and affiliation: the server replaces them with the session's.
    a.provider.awareness.setLocalStateField('user', { name: '林小姐', affiliation: 'civil_society', color: '#336699', field: 'title:zh' });
    const aId = a.doc.clientID;
    type Seen = { user?: { name: string; affiliation: string; color: string; field: string } } | undefined;
    await waitFor(() => (b.provider.awareness.getStates().get(aId) as Seen)?.user?.field === 'title:zh', { what: 'awareness to arrive' });
    const seen = (b.provider.awareness.getStates().get(aId) as Seen)!.user!;
    expect(seen.name).toBe('陳協調（國發會）');
    expect(seen.affiliation).toBe('agency');
    expect(seen.color).toBe('#336699');
    a.provider.destroy();
    await waitFor(() => !b.provider.awareness.getStates().has(aId), { what: 'awareness to be cleared' });
  });

  it('[SY5] an unknown or invalid document name is refused with a clear close reason', async () => {
    for (const name of ['c-does-not-exist', 'NOT_A_NAME']) {
      const p = connectPeer(server.wsUrl, name, { token: server.token });
      peers.push(p);
      const closed = await new Promise<{ code: number; reason: string }>((resolve) =>
        p.provider.on('connection-close', (event: CloseEvent | null) => resolve({ code: event!.code, reason: String(event!.reason) })),
      );
      expect(closed.code).toBe(4404);
      expect(closed.reason).toMatch(/unknown document/);
    }
  });

  it('[SY6] an edit is stored before any other client receives it', async () => {
    const a = await peer();
    const b = await peer();
    let storedWhenReceived = -1;
    b.doc.on('update', (_u: Uint8Array, origin: unknown) => {
      if (origin === b.provider && storedWhenReceived < 0) {
        storedWhenReceived = server.store.db.prepare('SELECT last_seq FROM documents WHERE name = ?').pluck().get(DOC) as number;
      }
    });
    const before = server.store.db.prepare('SELECT last_seq FROM documents WHERE name = ?').pluck().get(DOC) as number;
    shortText(a.doc, 'title', 'en').insert(0, 'X');
    await waitFor(() => storedWhenReceived >= 0, { what: 'b to receive the edit' });
    expect(storedWhenReceived).toBeGreaterThan(before);
  });
});
