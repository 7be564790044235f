/**
 * The comment document of a commitment over the real sync WebSocket: every signed-in role
 * writes threads (viewers comment), the commitment's own text keeps its access, a comment
 * document exists exactly when its commitment does, and checkpoints leave it out.
 * Rules: CD1–CD4.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { commentDocName, commitmentOfCommentDoc, parseDocName } from '../../shared/protocol/docNames.js';
import { sectionFragment, shortText } from '../../shared/schema/index.js';
import { Checkpoints } from '../../server/versions/index.js';
import { silentLogger } from '../../server/log.js';
import { anchorInText, resolveAnchor } from '../../client/comments/anchors.js';
import { createThread, readThreads } from '../../client/comments/threads.js';
import { DEMO, over, signIn } from '../helpers/auth.js';
import { connectPeer, connectSynced, type Peer } from '../helpers/peers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';

type Who = keyof typeof DEMO;
const C04 = 'c-04-access-to-information';
const CM04 = commentDocName(C04);

let tmp: ReturnType<typeof tempDir>;
let server: TestServer;
const tokens = {} as Record<Who, string>;
const peers: Peer[] = [];

beforeAll(async () => {
  tmp = tempDir();
  server = await startTestServer({ dataDir: tmp.dir });
  for (const who of Object.keys(DEMO) as Who[]) tokens[who] = await signIn(over(server.url), DEMO[who]);
});
afterAll(async () => {
  for (const p of peers) p.destroy();
  await server.close();
  tmp.remove();
});

/** The author a person's browser writes: their own session's id and name (the server checks it). */
const authorOf = async (who: Who) => {
  const u = (await server.store.getUserByEmail(DEMO[who]))!;
  return { id: u.id, name: u.name, affiliation: u.affiliation.kind };
};

const connect = async (who: Who, doc: string) => {
  const p = await connectSynced(server.wsUrl, doc, tokens[who]);
  peers.push(p);
  return p;
};

const closeCode = (p: Peer) => new Promise<number>((resolve) => p.provider.on('connection-close', (e: CloseEvent | null) => resolve(e!.code)));

describe('comment documents', () => {
  it('[CD1] names: cm-<slug> is the comment document of c-<slug>', () => {
    expect(CM04).toBe('cm-04-access-to-information');
    expect(parseDocName(CM04)).toEqual({ name: CM04, kind: 'comments' });
    expect(commitmentOfCommentDoc(CM04)).toBe(C04);
    expect(commitmentOfCommentDoc(C04)).toBeNull();
    expect(parseDocName('cm-')).toBeNull();
  });

  it('[CD2] a viewer (and every other role) writes threads: stored with the true author and relayed; the commitment text stays read-only for them', async () => {
    const viewerText = await connect('viewer', C04);
    const viewerComments = await connect('viewer', CM04);
    const coordinatorComments = await connect('coordinator', CM04);
    const paragraph = (sectionFragment(viewerText.doc, 'problem', 'zh').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const anchor = anchorInText(paragraph, 0, 4);
    const id = createThread(viewerComments.doc, { field: 'section.problem.zh', anchor, quote: '', author: await authorOf('viewer'), text: '請說明資料來源。', mentions: [] });
    await waitFor(() => readThreads(coordinatorComments.doc).some((t) => t.id === id), { what: 'the thread to reach the coordinator' });
    const audit = await server.store.listUpdateAudit(CM04);
    const viewer = (await server.store.getUserByEmail(DEMO.viewer))!;
    expect(audit.some((a) => a.author.userId === viewer.id)).toBe(true);
    expect(await server.store.getDocument(CM04)).toMatchObject({ kind: 'comments', planId: 'plan-nap1' });
    // The anchor resolves on the coordinator's copy of the commitment.
    const text = await connect('coordinator', C04);
    const thread = readThreads(coordinatorComments.doc).find((t) => t.id === id)!;
    expect(resolveAnchor(text.doc, sectionFragment(text.doc, 'problem', 'zh'), thread.anchor!).state).toBe('attached');

    for (const who of ['agency', 'civil', 'translator'] as Who[]) {
      const p = await connect(who, CM04);
      createThread(p.doc, { field: 'section.content.en', anchor, quote: '', author: await authorOf(who), text: `${who} 留言`, mentions: [] });
      await waitFor(() => readThreads(coordinatorComments.doc).some((t) => t.comments[0]!.text === `${who} 留言`), { what: `${who}'s thread` });
    }

    // Nobody reaches the commitment's text through its comment document, and the viewer's own edit of the text is refused.
    const room = server.gongbi.rooms.loaded(C04)!;
    const seq = room.lastSeq;
    shortText(viewerText.doc, 'title', 'zh').insert(0, '觀察者');
    // A later edit by the coordinator is stored; the viewer's never is.
    shortText(text.doc, 'partners', 'en').insert(0, '.');
    await waitFor(() => room.lastSeq > seq, { what: "the coordinator's edit to be stored" });
    expect(room.lastSeq).toBe(seq + 1);
    expect(shortText(room.doc, 'title', 'zh').toString()).not.toContain('觀察者');
    expect(shortText(text.doc, 'title', 'zh').toString()).not.toContain('觀察者');
  });

  it('[CD3] a comment document exists iff its commitment does: unknown ones close with 4404, and no row is made', async () => {
    for (const name of ['cm-99-nothing', 'cm-', 'cm-Bad']) {
      const p = connectPeer(server.wsUrl, name, { token: tokens.viewer });
      expect(await closeCode(p), name).toBe(4404);
      p.destroy();
    }
    expect(await server.store.getDocument('cm-99-nothing')).toBeNull();
    const anonymous = connectPeer(server.wsUrl, CM04);
    expect(await closeCode(anonymous)).toBe(4401);
    anonymous.destroy();
  });

  it('[CD4] comment documents are not versions: checkpoints skip them and the commitment list leaves them out', async () => {
    const checkpoints = new Checkpoints({ store: server.store, rooms: server.gongbi.rooms }, { logger: silentLogger });
    await checkpoints.runOnce();
    expect(await server.store.listSnapshots({ docName: CM04 })).toEqual([]);
    const list = await (await fetch(`${server.url}/api/commitments`, { headers: { authorization: `Bearer ${tokens.viewer}` } })).json();
    expect(list.commitments.map((c: { id: string }) => c.id)).not.toContain(CM04);
  });
});
