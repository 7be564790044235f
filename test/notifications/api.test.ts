/**
 * The notification centre over HTTP against a real server on a real port with the demo plan,
 * real sign-ins and real sync sockets writing comments as the browser does: who is told of a
 * mention, a reply, a decision on a suggestion and a public comment waiting, and who is not;
 * reading and marking one's own only. Rules cited: NT.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, over, signIn } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { FormSigner } from '../../server/public/formToken.js';
import { accountOf, C04, caller, commenter, type Call, type Who } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
let server: TestServer;
const tokens = {} as Record<Who, string>;
let call: ReturnType<typeof caller>;

beforeAll(async () => {
  tmp = tempDir();
  server = await startTestServer({ dataDir: tmp.dir });
  for (const who of Object.keys(DEMO) as Who[]) tokens[who] = await signIn(over(server.url), DEMO[who]);
  call = caller(server, tokens);
});
afterAll(async () => {
  await server?.close();
  tmp?.remove();
});

const inbox = async (who: Who): Promise<Call> => call(who, 'GET', '/api/notifications');
/** Waits until every notification started so far is stored (the events are handled in the background). */
const settled = () => server.gongbi.notifications.idle();

describe('NT2 a mention tells the person mentioned, and nobody else', () => {
  it('[NT2] a viewer mentions the agency editor right after a Chinese full stop: the agency editor has it unread, the others do not', async () => {
    const agency = await accountOf(server, 'agency');
    const viewer = await commenter(server, tokens, 'viewer');
    try {
      const id = viewer.open(`請補上數據。@${agency.name}請看`, [{ id: agency.id, name: agency.name }]);
      await waitFor(async () => (await inbox('agency')).body.unread === 1, { what: 'the agency editor told' });
      await settled();
      const mine = await inbox('agency');
      expect(mine.status).toBe(200);
      expect(mine.body.notifications).toHaveLength(1);
      expect(mine.body.notifications[0]).toMatchObject({
        kind: 'mention', commitmentId: C04, commitment: { number: '1-4', zh: expect.stringContaining('資訊') }, actor: { name: (await accountOf(server, 'viewer')).name },
        excerpt: expect.stringContaining('請補上數據。'), readAt: null,
      });
      for (const other of ['coordinator', 'civil', 'translator', 'viewer'] as Who[]) expect((await inbox(other)).body, other).toEqual({ notifications: [], unread: 0 });
      expect(viewer.threads().some((t) => t.id === id)).toBe(true);
    } finally {
      viewer.done();
    }
  });

  it('[NT3] the client\'s mention list is not trusted: someone listed but not named in the text, or an unknown id, is not told', async () => {
    const coordinator = await accountOf(server, 'coordinator');
    const civil = await commenter(server, tokens, 'civil');
    try {
      civil.open('沒有提到任何人', [{ id: coordinator.id, name: coordinator.name }, { id: 'u-nobody', name: '不存在' }]);
      civil.open('提到自己', [{ id: (await accountOf(server, 'civil')).id, name: '林' }]);
      // A later mention that is real, to know the first two were handled when it arrives.
      civil.open(`@${(await accountOf(server, 'translator')).name} 請翻譯`);
      await waitFor(async () => (await inbox('translator')).body.unread === 1, { what: 'the translator told' });
      await settled();
      expect((await inbox('coordinator')).body.unread).toBe(0);
      expect((await inbox('civil')).body.unread).toBe(0);
    } finally {
      civil.done();
    }
  });
});

describe('NT4 reading marks one\'s own notifications only', () => {
  it('[NT4] marking by id and all; another person\'s ids change nothing; bad bodies are refused with a message', async () => {
    const agencyInbox = (await inbox('agency')).body;
    const id = agencyInbox.notifications[0].id as string;
    // The translator cannot mark the agency editor's notification.
    expect((await call('translator', 'POST', '/api/notifications/read', { ids: [id] })).body).toMatchObject({ marked: 0 });
    expect((await inbox('agency')).body.unread).toBe(1);
    const marked = await call('agency', 'POST', '/api/notifications/read', { ids: [id] });
    expect(marked).toMatchObject({ status: 200, body: { marked: 1, unread: 0 } });
    expect((await inbox('agency')).body.notifications[0].readAt).toEqual(expect.any(String));
    expect((await call('translator', 'POST', '/api/notifications/read', { all: true })).body).toMatchObject({ marked: 1, unread: 0 });
    for (const bad of [{}, { ids: [] }, { ids: 'x' }, { all: false }, { ids: Array.from({ length: 501 }, (_, i) => `n${i}`) }]) {
      const res = await call('agency', 'POST', '/api/notifications/read', bad);
      expect(res.status, JSON.stringify(bad).slice(0, 40)).toBe(400);
      expect(res.body.error.message).toEqual(expect.any(String));
    }
    expect((await call('agency', 'GET', '/api/notifications?limit=0')).status).toBe(400);
    expect((await call('agency', 'GET', '/api/notifications?limit=abc')).status).toBe(400);
    const anonymous = await fetch(`${server.url}/api/notifications`);
    expect(anonymous.status).toBe(401);
  });
});

describe('NT5 a reply tells who opened the thread', () => {
  it('[NT5] the civil member replies in the agency editor\'s thread: the agency editor is told once, the replier not', async () => {
    const agency = await commenter(server, tokens, 'agency');
    const civil = await commenter(server, tokens, 'civil');
    try {
      const before = (await inbox('agency')).body.notifications.length;
      const thread = agency.open('我開的留言串');
      await civil.has(thread);
      civil.reply(thread, '這是回覆');
      await waitFor(async () => (await inbox('agency')).body.unread === 1, { what: 'the opener told' });
      await settled();
      const list = (await inbox('agency')).body.notifications;
      expect(list).toHaveLength(before + 1);
      expect(list[0]).toMatchObject({ kind: 'reply', excerpt: '這是回覆', actor: { name: (await accountOf(server, 'civil')).name } });
      expect((await inbox('civil')).body.unread).toBe(0);
    } finally {
      agency.done();
      civil.done();
    }
  });
});

describe('NT6 a decision on a suggestion tells its author', () => {
  it('[NT6] the agency editor declines the viewer\'s suggestion with a reason: the viewer is told, with the reason', async () => {
    await call('agency', 'POST', '/api/notifications/read', { all: true });
    const made = await call('viewer', 'POST', `/api/commitments/${C04}/suggestions`, { field: 'partners', lang: 'zh', text: '資訊公開倡議團體、學者與記者' });
    expect(made.status).toBe(201);
    // A new suggestion tells nobody (the writers see the count on the commitment).
    await settled();
    expect((await inbox('agency')).body.unread).toBe(0);
    const declined = await call('agency', 'POST', `/api/suggestions/${made.body.id}/decline`, { reason: '記者已在合作夥伴中' });
    expect(declined.status).toBe(200);
    await settled();
    const list = (await inbox('viewer')).body;
    expect(list.unread).toBe(1);
    expect(list.notifications[0]).toMatchObject({ kind: 'suggestion_declined', commitmentId: C04, excerpt: '記者已在合作夥伴中', actor: { name: (await accountOf(server, 'agency')).name } });
    expect((await inbox('agency')).body.unread).toBe(0);
  });
});

describe('NT7 a public comment waiting tells the writers of its commitment', () => {
  it('[NT7] after a cycle is published, a public comment on 1-4 tells its writers (lead agency, working group, coordinator), not the viewer or translator', async () => {
    const cycle = await call('coordinator', 'POST', '/api/plans/plan-nap1/cycles', { label: '第3次推動小組會議', meetingDate: '2021-04-30' });
    expect(cycle.status).toBe(201);
    const cycleId = cycle.body.cycle?.id ?? cycle.body.id;
    expect((await call('coordinator', 'POST', `/api/cycles/${cycleId}/snapshot`)).status).toBe(201);
    expect((await call('coordinator', 'POST', `/api/cycles/${cycleId}/publish`)).status).toBe(201);
    const before = Object.fromEntries(await Promise.all((['coordinator', 'agency', 'civil', 'translator', 'viewer'] as Who[]).map(async (w) => [w, (await inbox(w)).body.unread as number])));
    // A form opened a few seconds ago (the server refuses one sent at once).
    const token = await new FormSigner(server.store).issue(Date.now() - 5000);
    const res = await fetch(`${server.url}/api/public/commitments/${C04}/comments`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: '王小明', text: '請公開申請案件的統計', token }),
    });
    expect(res.status).toBe(202);
    await settled();
    for (const w of ['coordinator', 'agency', 'civil'] as Who[]) {
      const list = (await inbox(w)).body;
      expect(list.unread, w).toBe(before[w]! + 1);
      expect(list.notifications[0], w).toMatchObject({ kind: 'public_comment', commitmentId: C04, actor: { name: '王小明' }, excerpt: '請公開申請案件的統計' });
    }
    for (const w of ['translator', 'viewer'] as Who[]) expect((await inbox(w)).body.unread, w).toBe(before[w]);
  });
});

describe('NT8 settings', () => {
  it('[NT8] e-mail is on by default in zh-TW; each person turns it off and chooses English for themselves only', async () => {
    expect((await call('civil', 'GET', '/api/notifications/settings')).body).toEqual({ email: true, lang: 'zh' });
    expect((await call('civil', 'PUT', '/api/notifications/settings', { email: false, lang: 'en' })).body).toEqual({ email: false, lang: 'en' });
    expect((await call('civil', 'GET', '/api/notifications/settings')).body).toEqual({ email: false, lang: 'en' });
    expect((await call('civil', 'PUT', '/api/notifications/settings', { email: true })).body).toEqual({ email: true, lang: 'en' });
    expect((await call('agency', 'GET', '/api/notifications/settings')).body).toEqual({ email: true, lang: 'zh' });
    for (const bad of [{}, { email: 'yes' }, { email: true, lang: 'fr' }, { email: true, userId: 'u-other' }]) {
      expect((await call('civil', 'PUT', '/api/notifications/settings', bad)).status, JSON.stringify(bad)).toBe(400);
    }
  });
});
