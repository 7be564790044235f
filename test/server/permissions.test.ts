/**
 * Every role × every action, over HTTP and over the sync WebSocket, against a real server
 * with the demo accounts. A refused write is never stored and never reaches anyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMilestone, milestoneOrder, milestoneText, planMeta, shortText } from '../../shared/schema/index.js';
import { hashToken, newToken } from '../../server/auth/tokens.js';
import { MSG } from '../../shared/protocol/messages.js';
import * as decoding from 'lib0/decoding';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { connectPeer, connectSynced, type Peer } from '../helpers/peers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';

type Who = keyof typeof DEMO | 'anonymous';
const WHO: Who[] = ['coordinator', 'agency', 'civil', 'translator', 'viewer', 'anonymous'];

// c-04 is led by the Ministry of Justice (the agency editor's), and the civil editor joined its group;
// c-06 is the Central Election Commission's, and neither joined it.
const OWN = 'c-04-access-to-information';
const OTHER = 'c-06-referendum-e-petition';

let tmp: ReturnType<typeof tempDir>;
let server: TestServer;
const tokens: Partial<Record<Who, string>> = {};

beforeAll(async () => {
  tmp = tempDir();
  server = await startTestServer({ dataDir: tmp.dir });
  for (const who of WHO) if (who !== 'anonymous') tokens[who] = await signIn(over(server.url), DEMO[who]);
});
afterAll(async () => {
  await server.close();
  tmp.remove();
});

async function http(who: Who, method: string, path: string, body?: unknown): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(tokens[who] ? bearer(tokens[who]!) : {}) };
  const res = await fetch(server.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  await res.arrayBuffer();
  return res.status;
}

describe('[AU1] HTTP: role × action', () => {
  let n = 0;
  const slug = () => `t${Date.now().toString(36)}${n++}`;
  const agency = { id: 'moj', zh: '法務部', en: 'Ministry of Justice' };
  const table: Array<{ action: string; run: (who: Who) => Promise<number>; expect: Record<Who, number> }> = [
    { action: 'list plans', run: (w) => http(w, 'GET', '/api/plans'), expect: { coordinator: 200, agency: 200, civil: 200, translator: 200, viewer: 200, anonymous: 401 } },
    { action: 'read a commitment', run: (w) => http(w, 'GET', `/api/commitments/${OTHER}`), expect: { coordinator: 200, agency: 200, civil: 200, translator: 200, viewer: 200, anonymous: 401 } },
    { action: 'create a plan', run: (w) => http(w, 'POST', '/api/plans', { slug: slug(), title: { zh: '新計畫', en: 'New' }, periodStart: '2025-01-01', periodEnd: '2028-12-31' }), expect: { coordinator: 201, agency: 403, civil: 403, translator: 403, viewer: 403, anonymous: 401 } },
    { action: 'create a commitment', run: (w) => http(w, 'POST', '/api/plans/plan-nap1/commitments', { slug: slug(), domainId: 'd1', number: '9-9', title: { zh: '新承諾', en: '' }, leadAgency: agency }), expect: { coordinator: 201, agency: 403, civil: 403, translator: 403, viewer: 403, anonymous: 401 } },
    { action: 'rename an own commitment', run: (w) => http(w, 'PATCH', `/api/commitments/${OWN}`, { title: { zh: `推動資訊公開 ${w}`, en: 'Access to information' } }), expect: { coordinator: 200, agency: 200, civil: 200, translator: 403, viewer: 403, anonymous: 401 } },
    { action: "rename another agency's commitment", run: (w) => http(w, 'PATCH', `/api/commitments/${OTHER}`, { title: { zh: `公投 ${w}`, en: '' } }), expect: { coordinator: 200, agency: 403, civil: 403, translator: 403, viewer: 403, anonymous: 401 } },
    { action: 'move the lead agency', run: (w) => http(w, 'POST', `/api/commitments/${OTHER}/lead-agency`, { leadAgency: { id: 'cec', zh: '中央選舉委員會', en: 'Central Election Commission' } }), expect: { coordinator: 200, agency: 403, civil: 403, translator: 403, viewer: 403, anonymous: 401 } },
    { action: 'list accounts', run: (w) => http(w, 'GET', '/api/users'), expect: { coordinator: 200, agency: 403, civil: 403, translator: 403, viewer: 403, anonymous: 401 } },
    { action: 'invite a person', run: (w) => http(w, 'POST', '/api/invitations', { email: `p${slug()}@example.gov.tw`, role: 'viewer', affiliation: { kind: 'civil_society', id: 'x', name: 'X' } }), expect: { coordinator: 201, agency: 403, civil: 403, translator: 403, viewer: 403, anonymous: 401 } },
    { action: 'health', run: (w) => http(w, 'GET', '/api/health'), expect: { coordinator: 200, agency: 200, civil: 200, translator: 200, viewer: 200, anonymous: 200 } },
  ];
  for (const row of table) {
    for (const who of WHO) {
      it(`${who} → ${row.action}: ${row.expect[who]}`, async () => {
        expect(await row.run(who)).toBe(row.expect[who]);
      });
    }
  }
});

/**
 * Collects the permission-denied reasons a provider is told. y-websocket keeps its message
 * handlers in one array shared by every provider, so the hook tells providers apart.
 */
function deniedReasons(peer: Peer): string[] {
  const reasons: string[] = [];
  const handlers = peer.provider.messageHandlers as unknown as Array<(enc: unknown, dec: decoding.Decoder, provider: unknown) => void>;
  const previous = handlers[MSG.auth]!;
  handlers[MSG.auth] = (enc, dec, provider) => {
    if (provider !== peer.provider) return previous(enc, dec, provider);
    decoding.readVarUint(dec); // 0: permission denied
    reasons.push(decoding.readVarString(dec));
  };
  return reasons;
}

describe('[AU2] WebSocket: role × edit', () => {
  type Edit = { name: string; doc: string; apply: (d: Y.Doc) => void; seen: (d: Y.Doc) => boolean };
  let k = 0;
  const mark = () => `★${k++}★`;
  const edits = (m: string): Record<string, Edit> => ({
    ownZh: { name: 'Chinese title of an own commitment', doc: OWN, apply: (d) => shortText(d, 'title', 'zh').insert(0, m), seen: (d) => shortText(d, 'title', 'zh').toString().includes(m) },
    otherZh: { name: "Chinese title of another agency's commitment", doc: OTHER, apply: (d) => shortText(d, 'title', 'zh').insert(0, m), seen: (d) => shortText(d, 'title', 'zh').toString().includes(m) },
    otherEn: { name: "English title of another agency's commitment", doc: OTHER, apply: (d) => shortText(d, 'title', 'en').insert(0, m), seen: (d) => shortText(d, 'title', 'en').toString().includes(m) },
    milestoneEn: { name: 'English indicator of a milestone', doc: OTHER, apply: (d) => milestoneText(d, milestoneOrder(d)[0]!, 'indicator', 'en')!.insert(0, m), seen: (d) => milestoneText(d, milestoneOrder(d)[0]!, 'indicator', 'en')!.toString().includes(m) },
    addRow: { name: 'a new milestone row', doc: OWN, apply: (d) => void addMilestone(d, { period: m }), seen: (d) => milestoneOrder(d).some((id) => d.getMap<Y.Map<unknown>>('milestones').get(id)!.get('period') === m) },
    plan: { name: 'the plan document', doc: 'plan-nap1', apply: (d) => planMeta(d).set('periodEnd', m), seen: (d) => planMeta(d).get('periodEnd') === m },
  });
  const allowed: Record<Exclude<Who, 'anonymous'>, string[]> = {
    coordinator: ['ownZh', 'otherZh', 'otherEn', 'milestoneEn', 'addRow', 'plan'],
    agency: ['ownZh', 'addRow'],
    civil: ['ownZh', 'addRow'],
    translator: ['otherEn', 'milestoneEn'],
    viewer: [],
  };

  for (const who of ['coordinator', 'agency', 'civil', 'translator', 'viewer'] as const) {
    for (const key of Object.keys(edits(''))) {
      const may = allowed[who].includes(key);
      it(`${who} edits ${key}: ${may ? 'stored and relayed' : 'refused, not stored, not relayed, and told'}`, async () => {
        const edit = edits(mark())[key]!;
        const writer = await connectSynced(server.wsUrl, edit.doc, tokens[who]);
        const watcher = await connectSynced(server.wsUrl, edit.doc, tokens.coordinator);
        const reasons = deniedReasons(writer);
        try {
          const room = server.gongbi.rooms.loaded(edit.doc)!;
          const seq = room.lastSeq;
          edit.apply(writer.doc);
          if (may) {
            await waitFor(() => edit.seen(watcher.doc), { what: 'the edit to reach the watcher' });
            expect(room.lastSeq).toBeGreaterThan(seq);
          } else {
            await waitFor(() => reasons.length > 0, { what: 'the permission-denied message' });
            expect(reasons[0]).toMatch(/^(read_only|translator_scope): /);
            // A later allowed edit by the coordinator arrives, the refused one never does.
            if (edit.doc.startsWith('plan-')) planMeta(watcher.doc).set('periodStart', planMeta(watcher.doc).get('periodStart'));
            else shortText(watcher.doc, 'partners', 'en').insert(0, '.');
            await waitFor(() => room.lastSeq > seq, { what: "the coordinator's edit to be stored" });
            expect(edit.seen(room.doc)).toBe(false);
            expect(edit.seen(watcher.doc)).toBe(false);
            expect(room.lastSeq).toBe(seq + 1);
          }
        } finally {
          writer.destroy();
          watcher.destroy();
        }
      });
    }
  }

  it('[AU3] an unauthenticated socket and an expired session are refused with 4401', async () => {
    const user = (await server.store.getUserByEmail(DEMO.viewer))!;
    const expired = newToken();
    await server.store.createSession(hashToken(expired), user.id, Date.now() - 1000);
    for (const token of [undefined, expired, 'not-a-token']) {
      const p = connectPeer(server.wsUrl, OWN, { token });
      const code = await new Promise<number>((resolve) => p.provider.on('connection-close', (e: CloseEvent | null) => resolve(e!.code)));
      p.destroy();
      expect(code).toBe(4401);
    }
  });

  it('[AU4] moving the lead agency moves the editing rights, for open connections too', async () => {
    const doc = 'c-05-environmental-disclosure';
    // Before the move the agency editor is refused (this peer's text diverged, so it leaves).
    const refused = await connectSynced(server.wsUrl, doc, tokens.agency);
    const reasons = deniedReasons(refused);
    shortText(refused.doc, 'partners', 'zh').insert(0, '甲');
    await waitFor(() => reasons.length > 0, { what: 'refusal before the move' });
    refused.destroy();
    // A connection open across the move gains the right to write without reconnecting.
    const open = await connectSynced(server.wsUrl, doc, tokens.agency);
    try {
      const moved = await http('coordinator', 'POST', `/api/commitments/${doc}/lead-agency`, { leadAgency: { id: 'moj', zh: '法務部', en: 'Ministry of Justice' }, note: '組織改造' });
      expect(moved).toBe(200);
      const room = server.gongbi.rooms.loaded(doc)!;
      shortText(open.doc, 'partners', 'zh').insert(0, '乙');
      await waitFor(() => shortText(room.doc, 'partners', 'zh').toString().startsWith('乙'), { what: 'the edit after the move to be stored' });
      expect(shortText(room.doc, 'partners', 'zh').toString()).not.toContain('甲');
      const events = await (await fetch(`${server.url}/api/commitments/${doc}/history`, { headers: bearer(tokens.coordinator!) })).json();
      expect(events.events.at(-1)).toMatchObject({ type: 'lead_agency_moved', data: { to: { id: 'moj' }, note: '組織改造' } });
    } finally {
      open.destroy();
    }
  });
});
