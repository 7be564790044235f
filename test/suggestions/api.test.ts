/**
 * Suggestions over HTTP against a real server on a real port with the demo plan, and real
 * WebSocket clients holding the live document: who may suggest and decide, accept as a forward
 * edit attributed to the suggester, decline with a reason, conflicts, concurrent decisions,
 * the CSV record and the database's refusal to change the record. Rules cited: SG.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bearer } from '../helpers/auth.js';
import { caller, signInAll, type Who } from '../helpers/call.js';
import { connectSynced } from '../helpers/peers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/waitFor.js';
import { milestoneOrder, milestoneText, renderCommitment, richToPlain, shortText } from '../../shared/schema/index.js';
import type { SuggestionList, SuggestionView } from '../../shared/protocol/suggestions.js';

/** Led by the Ministry of Justice (the agency editor's) and in the civil editor's working group. */
const C04 = 'c-04-access-to-information';
/** Neither the agency editor's nor the civil editor's. */
const C03 = 'c-03-privacy';

let server: TestServer;
let tokens: Record<Who, string>;

beforeAll(async () => {
  server = await startTestServer();
  tokens = await signInAll(server);
});
afterAll(async () => {
  await server?.close();
});

const call = (who: Who, method: string, path: string, body?: unknown) => caller(server, tokens)(who, method, path, body);

const suggest = (who: Who, id: string, body: Record<string, unknown>) => call(who, 'POST', `/api/commitments/${id}/suggestions`, body);
const titleOf = (doc: Y.Doc, lang: 'zh' | 'en' = 'zh') => shortText(doc, 'title', lang).toString();

describe('SG1 anyone who reads proposes; nothing changes until a writer accepts', () => {
  it('a viewer suggests a new title: recorded with the server-read base, the live text untouched', async () => {
    const peer = await connectSynced(server.wsUrl, C04, tokens.agency);
    try {
      const before = titleOf(peer.doc);
      const res = await suggest('viewer', C04, { field: 'title', lang: 'zh', text: `${before}（建議修正）` });
      expect(res.status).toBe(201);
      const s = res.body as SuggestionView;
      expect(s).toMatchObject({ field: 'title', lang: 'zh', status: 'open', conflicting: false, base: before, proposed: `${before}（建議修正）` });
      expect(s.author).toMatchObject({ name: expect.any(String), affiliationKind: expect.any(String) });
      await new Promise((r) => setTimeout(r, 200));
      expect(titleOf(peer.doc)).toBe(before);
      const list = (await call('agency', 'GET', `/api/commitments/${C04}/suggestions?status=open`)).body as SuggestionList;
      expect(list.suggestions.map((x) => x.id)).toContain(s.id);
    } finally {
      peer.destroy();
    }
  });

  it('refuses what is not a field, an unchanged text, a foreign node and a wrong body, each with a sentence', async () => {
    const title = (await call('viewer', 'GET', `/api/commitments/${C04}`)).body.commitment.title.zh as string;
    const cases = [
      await suggest('viewer', C04, { field: 'meta.leadAgency', text: 'x' }),
      await suggest('viewer', C04, { field: 'title', lang: 'zh', text: title }),
      await suggest('viewer', C04, { field: 'section:problem', lang: 'zh', rich: { type: 'doc', content: [{ type: 'image', attrs: { src: 'x' } }] } }),
      await suggest('viewer', C04, { field: 'title', text: 'a', rich: { type: 'doc' } }),
      await suggest('viewer', C04, { field: 'milestone:no-such-row:text', lang: 'zh', text: 'x' }),
    ];
    expect(cases.map((c) => c.status)).toEqual([400, 400, 400, 400, 404]);
    for (const c of cases) expect(c.body.error.message.length).toBeGreaterThan(20);
  });
});

describe('SG2 accepting applies the suggestion as a forward edit attributed to the suggester', () => {
  it('the writer accepts a civil member’s section text: live in an open editor, logged as the suggester’s, decided by the writer', async () => {
    const peer = await connectSynced(server.wsUrl, C03, tokens.coordinator);
    try {
      const res = await suggest('civil', C03, { field: 'section:problem', lang: 'zh', text: '個人資料保護需要獨立監督機關。\n民間建議：設立專責機關。' });
      expect(res.status).toBe(201);
      const sid = res.body.id as string;
      const auditBefore = await server.store.listUpdateAudit(C03);
      const accepted = await call('coordinator', 'POST', `/api/suggestions/${sid}/accept`, {});
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ status: 'accepted', decision: { by: { name: expect.any(String) } } });
      await waitFor(() => richToPlain(renderCommitment(peer.doc).sections.problem.zh).includes('民間建議：設立專責機關。'), { what: 'the accepted text in the open editor' });
      const added = (await server.store.listUpdateAudit(C03)).slice(auditBefore.length);
      const civilId = (await call('civil', 'GET', '/api/auth/me')).body.user.id as string;
      expect(added.length).toBeGreaterThan(0);
      expect(added.every((u) => u.author.userId === civilId)).toBe(true);
      const events = await server.store.listEvents(C03);
      expect(events.find((e) => e.type === 'suggestion_accepted')).toMatchObject({ data: { suggestionId: sid, suggestedBy: { userId: civilId } } });
      const trail = (await call('coordinator', 'GET', '/api/audit?action=suggestion_decided')).body;
      expect(JSON.stringify(trail)).toContain(sid);
    } finally {
      peer.destroy();
    }
  });

  it('a milestone cell is suggested by row id and cell, and accepted into that cell only', async () => {
    const peer = await connectSynced(server.wsUrl, C04, tokens.agency);
    try {
      const rowId = milestoneOrder(peer.doc)[0]!;
      const other = milestoneText(peer.doc, rowId, 'indicator', 'zh')!.toString();
      const res = await suggest('viewer', C04, { field: `milestone:${rowId}:text`, lang: 'zh', text: '完成修法草案並公開徵詢意見' });
      expect(res.status).toBe(201);
      expect((await call('agency', 'POST', `/api/suggestions/${res.body.id}/accept`, {})).status).toBe(200);
      await waitFor(() => milestoneText(peer.doc, rowId, 'text', 'zh')!.toString() === '完成修法草案並公開徵詢意見', { what: 'the milestone cell' });
      expect(milestoneText(peer.doc, rowId, 'indicator', 'zh')!.toString()).toBe(other);
    } finally {
      peer.destroy();
    }
  });
});

describe('SG3 decisions belong to the writers, and a decline carries its reason', () => {
  it('refuses people who may not write the commitment with 403, and a decline without reason with 400', async () => {
    const res = await suggest('viewer', C03, { field: 'title', lang: 'en', text: 'Privacy, proposed by a reader' });
    const sid = res.body.id as string;
    for (const who of ['viewer', 'civil', 'agency'] as Who[]) {
      expect((await call(who, 'POST', `/api/suggestions/${sid}/accept`, {})).status).toBe(403);
      expect((await call(who, 'POST', `/api/suggestions/${sid}/decline`, { reason: 'no' })).status).toBe(403);
    }
    expect((await call('coordinator', 'POST', `/api/suggestions/${sid}/decline`, { reason: '  ' })).status).toBe(400);
    const declined = await call('coordinator', 'POST', `/api/suggestions/${sid}/decline`, { reason: '英文標題依國發會用語一致。' });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', decision: { reason: '英文標題依國發會用語一致。' } });
    const list = (await call('viewer', 'GET', `/api/commitments/${C03}/suggestions?status=declined`)).body as SuggestionList;
    expect(list.suggestions.find((s) => s.id === sid)?.decision?.reason).toBe('英文標題依國發會用語一致。');
  });
});

describe('SG4 a field rewritten since the suggestion is shown as conflicting, never overwritten', () => {
  it('the writer rewrote the English title: the suggestion is conflicting and accepting it is refused', async () => {
    const peer = await connectSynced(server.wsUrl, C04, tokens.agency);
    try {
      const res = await suggest('viewer', C04, { field: 'title', lang: 'en', text: 'Access to information, as a reader proposes' });
      const sid = res.body.id as string;
      peer.doc.transact(() => shortText(peer.doc, 'title', 'en').insert(0, 'Revised: '));
      await waitFor(async () => (await call('agency', 'GET', `/api/suggestions/${sid}`)).body.conflicting === true, { what: 'the suggestion to show as conflicting' });
      const accept = await call('agency', 'POST', `/api/suggestions/${sid}/accept`, {});
      expect(accept.status).toBe(409);
      expect(accept.body.error.code).toBe('suggestion_conflict');
      expect(titleOf(peer.doc, 'en').startsWith('Revised: ')).toBe(true);
      expect((await call('agency', 'GET', `/api/suggestions/${sid}`)).body.status).toBe('open');
    } finally {
      peer.destroy();
    }
  });
});

describe('SG5 two writers deciding at once: one decision stands', () => {
  it('accept and decline at the same moment: one wins, the other is told; accepting twice is the same accept', async () => {
    const res = await suggest('civil', C04, { field: 'partners', lang: 'zh', text: '台灣開放政府聯盟、民間司改會' });
    const sid = res.body.id as string;
    const [a, d] = await Promise.all([
      call('agency', 'POST', `/api/suggestions/${sid}/accept`, {}),
      call('coordinator', 'POST', `/api/suggestions/${sid}/decline`, { reason: '重複' }),
    ]);
    expect([a.status, d.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : d;
    expect(loser.body.error.code).toBe('already_decided');
    const standing = (await call('agency', 'GET', `/api/suggestions/${sid}`)).body as SuggestionView;
    if (standing.status === 'accepted') {
      const again = await call('coordinator', 'POST', `/api/suggestions/${sid}/accept`, {});
      expect(again.status).toBe(200);
      expect(again.body.decision.by.name).toBe(standing.decision!.by.name);
    }
    // The partners text holds the proposal at most once, whoever won.
    const partners = (await call('viewer', 'GET', `/api/commitments/${C04}`)).body.commitment.partners.zh as string;
    expect(partners.split('民間司改會').length - 1).toBe(standing.status === 'accepted' ? 1 : 0);
  });
});

describe('SG6 the record: a CSV with reasons, and a database that refuses to change it', () => {
  it('the plan’s decisions CSV is UTF-8 with a BOM and carries suggester, decider and reason', async () => {
    const res = await call('viewer', 'GET', '/api/plans/plan-nap1/suggestions.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.text.startsWith('\uFEFFsuggestion_id,')).toBe(true);
    expect(res.text).toContain('英文標題依國發會用語一致。');
    expect(res.text).toContain('declined');
    expect(res.text).toContain('accepted');
  });

  it('UPDATE and DELETE of a suggestion or a decision are refused by SQLite itself', () => {
    const db = server.store.db;
    expect(() => db.prepare(`UPDATE suggestions SET proposed = '"x"'`).run()).toThrow(/cannot be changed/);
    expect(() => db.prepare(`DELETE FROM suggestions`).run()).toThrow(/cannot be deleted/);
    expect(() => db.prepare(`UPDATE suggestion_decisions SET reason = 'x'`).run()).toThrow(/cannot be changed/);
    expect(() => db.prepare(`DELETE FROM suggestion_decisions`).run()).toThrow(/cannot be deleted/);
  });
});

describe('SG8 contribution figures count suggestions made, accepted and declined', () => {
  it('per person and affiliation kind for the plan, and nothing in a period after them', async () => {
    const me = async (who: Who) => (await call(who, 'GET', '/api/auth/me')).body.user.id as string;
    const figures = (await call('viewer', 'GET', '/api/suggestion-figures?plan=plan-nap1')).body;
    const byId = new Map(figures.byPerson.map((p: { userId: string }) => [p.userId, p]));
    expect(byId.get(await me('viewer'))).toMatchObject({ made: 4, accepted: 1, declined: 1 });
    const civil = byId.get(await me('civil')) as { made: number; accepted: number; declined: number };
    expect(civil.made).toBe(2);
    expect(civil.accepted + civil.declined).toBe(2);
    const total = Object.values(figures.byAffiliation as Record<string, { made: number }>).reduce((n, t) => n + t.made, 0);
    expect(total).toBe(6);
    const later = (await call('viewer', 'GET', `/api/suggestion-figures?plan=plan-nap1&after=${new Date(Date.now() + 1000).toISOString()}`)).body;
    expect(later.byPerson).toEqual([]);
    const one = (await call('viewer', 'GET', `/api/suggestion-figures?commitment=${C03}`)).body;
    expect(Object.values(one.byAffiliation as Record<string, { made: number }>).reduce((n, t) => n + t.made, 0)).toBe(2);
    expect((await call('viewer', 'GET', '/api/suggestion-figures')).status).toBe(400);
    const counts = (await call('viewer', 'GET', '/api/plans/plan-nap1/suggestion-counts')).body.counts;
    expect(counts[C03]).toEqual({ open: 0, accepted: 1, declined: 1 });
    expect(counts[C04].open).toBe(2);
  });
});

describe('SG11 the public page of a published version lists the civil-society suggestions accepted into it', () => {
  it('accepted before the snapshot: listed with its suggester; accepted after: not until the next publication', async () => {
    const cycle = (await call('coordinator', 'POST', '/api/plans/plan-nap1/cycles', { label: '建議公開測試會議', meetingDate: '2026-12-03' })).body.cycle;
    expect((await call('coordinator', 'POST', `/api/cycles/${cycle.id}/snapshot`)).status).toBe(201);
    expect((await call('coordinator', 'POST', `/api/cycles/${cycle.id}/publish`)).status).toBe(201);
    const later = await suggest('civil', C03, { field: 'title', lang: 'zh', text: '個人資料保護（公開後的建議）' });
    expect((await call('coordinator', 'POST', `/api/suggestions/${later.body.id}/accept`, {})).status).toBe(200);
    const page = await fetch(`${server.url}/api/public/commitments/${C03}`);
    expect(page.status).toBe(200);
    const listed = ((await page.json()) as { acceptedSuggestions: Array<{ field: string; text: string; by: { name: string } }> }).acceptedSuggestions;
    expect(listed.map((s) => s.field)).toEqual(['section:problem']);
    expect(listed[0]!.text).toContain('民間建議：設立專責機關。');
    expect(JSON.stringify(listed)).not.toContain('公開後的建議');
  });
});

describe('SG12 hostile bodies and floods are refused with a sentence; nothing is stored', () => {
  const C06 = 'c-06-referendum-e-petition';
  const countOf = async () => (await call('coordinator', 'GET', `/api/commitments/${C06}/suggestions`)).body.suggestions.length as number;

  it('a rich text nested 20,000 levels deep answers 400, not a crash', async () => {
    const depth = 20_000;
    const raw = `{"field":"section:problem","lang":"zh","rich":${'{"type":"doc","content":['.repeat(depth)}{"type":"text","text":"x"}${']}'.repeat(depth)}}`;
    const res = await fetch(`${server.url}/api/commitments/${C06}/suggestions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(tokens.viewer), origin: server.url },
      body: raw,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('nests more than');
    expect(await countOf()).toBe(0);
  });

  it('text over the limit, in one string or spread over many paragraphs, answers 413', async () => {
    const long = await suggest('viewer', C06, { field: 'title', lang: 'zh', text: '承'.repeat(20_001) });
    const paragraphs = Array.from({ length: 1_500 }, () => ({ type: 'paragraph', content: [{ type: 'text', text: '諾'.repeat(20) }] }));
    const spread = await suggest('viewer', C06, { field: 'section:problem', lang: 'zh', rich: { type: 'doc', content: paragraphs } });
    expect([long.status, spread.status]).toEqual([413, 413]);
    expect(long.body.error.message).toContain('20000');
    expect(await countOf()).toBe(0);
  });

  it('one person sending the same suggestion 1,000 times keeps 200 open and is told to wait', async () => {
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1_000; i++) {
      const res = await suggest('viewer', C06, { field: 'title', lang: 'zh', text: '同一個建議' });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status === 429 && statuses.get(429) === 1) expect(res.body.error.message).toContain('200');
    }
    expect(Object.fromEntries(statuses)).toEqual({ 201: 200, 429: 800 });
    expect(await countOf()).toBe(200);
    // Someone else is not held back by it.
    expect((await suggest('civil', C06, { field: 'title', lang: 'zh', text: '另一個建議' })).status).toBe(201);
  });

  it('plan-wide reads of a plan that does not exist answer 404', async () => {
    const paths = ['/api/plans/plan-nope/suggestion-counts', '/api/plans/plan-nope/suggestions.csv', '/api/suggestion-figures?plan=plan-nope', `/api/plans/${C06}/suggestion-counts`];
    const answers = await Promise.all(paths.map((p) => call('coordinator', 'GET', p)));
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404]);
    for (const a of answers) expect(a.body.error.code).toBe('not_found');
  });
});
