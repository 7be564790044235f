/**
 * The public site and its comments over HTTP against a real server with the demo plan: publishing a cycle, the public
 * site served from the published snapshot, public comments (form age, honeypot, limits,
 * flood), moderation and answers per role, the CSV record, cross-links, timeline and people.
 * Rules cited: PB publishing and the public site, PC public comments, MO moderation, CSV,
 * LK links, TL timeline, PE people.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, signInAll, type Reply, type Who } from '../helpers/call.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { PUBLIC_COMMENT_LIMITS } from '../../shared/protocol/public.js';

const PLAN = 'plan-nap1';
/** Led by the Ministry of Justice (the agency editor's); the civil editor's working group too. */
const C04 = 'c-04-access-to-information';
/** Neither the agency editor's nor the civil editor's. */
const C03 = 'c-03-privacy';
const C01 = 'c-01-open-data-reuse';

let server: TestServer;
let tokens: Record<Who, string>;

beforeAll(async () => {
  server = await startTestServer();
  tokens = await signInAll(server);
});
afterAll(async () => {
  await server.close();
});

type Call = Reply;

/** A request through `app.request`, as `who` (null: the public) from the address `ip`. */
const call = (who: Who | null, method: string, path: string, body?: unknown, ip = '203.0.113.1'): Promise<Call> => caller(server, tokens, { via: 'app' })(who, method, path, body, { ip });

const ROLES: Who[] = ['coordinator', 'agency', 'civil', 'translator', 'viewer'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cycleId = '';
let token = '';
let milestoneId = '';
const PUBLISHED_TITLE = { zh: '', en: '' };

describe('[PB] publishing a cycle and the public site', () => {
  it('[PB1] nothing is public before a cycle is published', async () => {
    expect((await call(null, 'GET', `/api/public/plans/${PLAN}`)).status).toBe(404);
    expect((await call(null, 'GET', `/api/public/commitments/${C04}`)).status).toBe(404);
    expect((await call(null, 'GET', '/api/public/plans')).body).toEqual({ plans: [] });
  });

  it('[PB2] only a coordinator publishes, and only a cycle whose snapshot was taken', async () => {
    const created = await call('coordinator', 'POST', `/api/plans/${PLAN}/cycles`, { label: '第3次推動小組會議', meetingDate: '2021-04-30' });
    expect(created.status).toBe(201);
    cycleId = created.body.cycle.id;
    expect((await call(null, 'POST', `/api/cycles/${cycleId}/publish`)).status).toBe(401);
    const early = await call('coordinator', 'POST', `/api/cycles/${cycleId}/publish`);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/snapshot/);
    expect((await call('coordinator', 'POST', `/api/cycles/${cycleId}/snapshot`)).status).toBe(201);
    for (const who of ['agency', 'civil', 'translator', 'viewer'] as Who[]) {
      const refused = await call(who, 'POST', `/api/cycles/${cycleId}/publish`);
      expect(refused.status, who).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
    }
    expect((await call('coordinator', 'POST', '/api/cycles/cy_nothing/publish')).status).toBe(404);
    const published = await call('coordinator', 'POST', `/api/cycles/${cycleId}/publish`);
    expect(published.status).toBe(201);
    expect(published.body.publication).toMatchObject({ planId: PLAN, cycleId, publishedBy: { name: expect.any(String) } });
  });

  it('[PB3] the public site needs no sign-in and shows the published snapshot, not the live document', async () => {
    const before = await call(null, 'GET', `/api/public/commitments/${C04}`);
    expect(before.status).toBe(200);
    Object.assign(PUBLISHED_TITLE, before.body.commitment.title);
    // A live edit after the snapshot stays off the public site.
    const renamed = await call('coordinator', 'PATCH', `/api/commitments/${C04}`, { title: { zh: '即時修改的標題', en: 'Live title' } });
    expect(renamed.status).toBe(200);
    const after = await call(null, 'GET', `/api/public/commitments/${C04}`);
    expect(after.body.commitment.title).toEqual(PUBLISHED_TITLE);
    expect(after.body.commitment).not.toHaveProperty('enBasis');
    expect(after.body.version).toMatchObject({ cycleId, label: '第3次推動小組會議', meetingDate: '2021-04-30' });
    expect(after.body.plan.id).toBe(PLAN);
    expect(after.body.comments).toEqual([]);
    expect(after.body.formToken).toMatch(/^[0-9a-z]+\.[\w-]+$/);
    token = after.body.formToken;
    milestoneId = after.body.commitment.milestones[0].id;
    const kinds = new Set(after.body.timeline.map((i: { kind: string }) => i.kind));
    expect(kinds).toEqual(new Set(['meeting', 'snapshot', 'milestone']));

    const plan = await call(null, 'GET', `/api/public/plans/${PLAN}`);
    expect(plan.status).toBe(200);
    expect(plan.body.commitments).toHaveLength(19);
    expect(plan.body.commitments.find((c: { id: string }) => c.id === C04).title).toEqual(PUBLISHED_TITLE);
    expect(plan.body.plan.domains).toHaveLength(5);
    expect((await call(null, 'GET', '/api/public/plans')).body.plans.map((p: { id: string }) => p.id)).toEqual([PLAN]);
    expect((await call(null, 'GET', '/api/public/commitments/c-nothing')).status).toBe(404);
  });
});

describe('[PC] public comments', () => {
  const post = (body: Record<string, unknown>, ip?: string, id = C04) => call(null, 'POST', `/api/public/commitments/${id}/comments`, body, ip);

  it('[PC1] a form sent at once, or with a forged token, is refused with a message', async () => {
    const fresh = (await call(null, 'GET', '/api/public/form-token')).body.token as string;
    const fast = await post({ name: '王小明', text: '太快了', token: fresh });
    expect(fast.status).toBe(400);
    expect(fast.body.error.code).toBe('form_too_fast');
    const [issued] = token.split('.');
    for (const forged of ['', 'abc', `${issued}.AAAA`, `${(Date.now() - 60_000).toString(36)}.${token.split('.')[1]}`]) {
      const res = await post({ name: '王小明', text: '偽造', token: forged });
      expect(res.status, forged).toBe(400);
      expect(res.body.error.code).toBe('form_invalid');
    }
    expect((await post({ name: 'x', text: 'y' }, undefined, 'c-nothing')).status).toBe(404);
    const notJson = await call(null, 'POST', `/api/public/commitments/${C04}/comments`, '{not json');
    expect(notJson.status).toBe(400);
  });

  it('[PC2] a comment is accepted (202) and stays hidden until approved', async () => {
    // The page's token must be at least two seconds old.
    await sleep(PUBLIC_COMMENT_LIMITS.minFormMs + 100);
    const res = await post({ name: '王小明', email: 'ming@example.org', text: '建議公開申請案件統計。', milestoneId, token });
    expect(res.status).toBe(202);
    expect(res.body.comment).toMatchObject({ id: expect.stringMatching(/^pc_/), status: 'pending' });
    const page = await call(null, 'GET', `/api/public/commitments/${C04}`);
    expect(page.body.comments).toEqual([]);
    const queue = await call('coordinator', 'GET', `/api/plans/${PLAN}/public-comments?status=pending`);
    expect(queue.body.comments).toEqual([
      expect.objectContaining({ id: res.body.comment.id, name: '王小明', email: 'ming@example.org', milestoneId, status: 'pending', commitmentNumber: expect.any(String), canModerate: true, response: null }),
    ]);
  });

  it('[PC3] the honeypot catches bots silently: answered like a success, nothing stored', async () => {
    const before = (await call('coordinator', 'GET', `/api/plans/${PLAN}/public-comments`)).body.comments.length;
    const res = await post({ name: 'bot', text: 'buy now', token, website: 'http://spam.example' }, '198.51.100.7');
    expect(res.status).toBe(202);
    expect(res.body.comment.id).toMatch(/^pc_[0-9a-f]{16}$/);
    expect((await call('coordinator', 'GET', `/api/plans/${PLAN}/public-comments`)).body.comments).toHaveLength(before);
  });

  it('[PC4] names, texts, e-mails and milestones are checked with messages that say what to change', async () => {
    const ip = '198.51.100.20';
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ name: '', text: 'x' }, 'name_required', /name/],
      [{ name: '名'.repeat(81), text: 'x' }, 'name_too_long', /81 characters.*80/],
      [{ name: 'A', text: '   ' }, 'text_required', /comment/],
      [{ name: 'A', text: '字'.repeat(2001) }, 'comment_too_long', /2,001 characters long; the limit is 2,000/],
      [{ name: 'A', text: 'x', email: 'not-an-address' }, 'email_invalid', /e-mail/],
      [{ name: 'A', text: 'x', milestoneId: 'm-nothing' }, 'milestone_unknown', /milestone/],
    ];
    for (const [body, code, message] of cases) {
      const res = await post({ ...body, token }, ip);
      expect(res.status, code).toBe(400);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toMatch(message);
    }
    // Exactly at the limits is fine (an emoji counts as one character).
    const ok = await post({ name: '名'.repeat(80), text: '😀'.repeat(2000), token }, ip);
    expect(ok.status).toBe(202);
    const huge = await post({ name: 'A', text: 'x'.repeat(100_000), token }, ip);
    expect(huge.status).toBe(413);
  });

  it('[PC5] a flood from one address hits the limit (429, Retry-After, a clear message); other addresses still may comment', async () => {
    const ip = '192.0.2.99';
    const statuses: number[] = [];
    let last: Call | null = null;
    for (let i = 0; i < PUBLIC_COMMENT_LIMITS.perAddress + 2; i++) {
      last = await post({ name: `洪水 ${i}`, text: `第 ${i} 則`, token }, ip);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([...Array(PUBLIC_COMMENT_LIMITS.perAddress).fill(202), 429, 429]);
    expect(last!.body.error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/Too many comments.*at most 5 in 10 minutes/) });
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await post({ name: '別人', text: '另一個網路', token }, '192.0.2.100')).status).toBe(202);
  });
});

describe('[MO] moderation and answers', () => {
  let commentId = '';
  let c03Comment = '';

  beforeAll(async () => {
    const queue = await call('coordinator', 'GET', `/api/plans/${PLAN}/public-comments?status=pending`);
    commentId = queue.body.comments.find((c: { name: string }) => c.name === '王小明').id;
    const other = await call(null, 'POST', `/api/public/commitments/${C03}/comments`, { name: '=HYPERLINK("http://evil")', text: '<b>粗體</b>, "引號"\n第二行', token }, '203.0.113.50');
    expect(other.status).toBe(202);
    c03Comment = other.body.comment.id;
  });

  it('[MO1] the queue is for signed-in writers: 401 for the public, 403 for translators and viewers, e-mails only where one may moderate', async () => {
    expect((await call(null, 'GET', `/api/plans/${PLAN}/public-comments`)).status).toBe(401);
    for (const who of ['translator', 'viewer'] as Who[]) expect((await call(who, 'GET', `/api/plans/${PLAN}/public-comments`)).status, who).toBe(403);
    const agency = await call('agency', 'GET', `/api/plans/${PLAN}/public-comments`);
    expect(agency.status).toBe(200);
    const mine = agency.body.comments.find((c: { id: string }) => c.id === commentId);
    const notMine = agency.body.comments.find((c: { id: string }) => c.id === c03Comment);
    expect(mine).toMatchObject({ canModerate: true, email: 'ming@example.org' });
    expect(notMine).toMatchObject({ canModerate: false, email: null });
    expect((await call('coordinator', 'GET', `/api/plans/${PLAN}/public-comments?status=maybe`)).status).toBe(400);
  });

  it('[MO2] only the coordinator and the commitment\'s writers approve, reject and answer', async () => {
    expect((await call(null, 'POST', `/api/public-comments/${commentId}/moderate`, { decision: 'approve' })).status).toBe(401);
    for (const who of ['translator', 'viewer'] as Who[]) {
      expect((await call(who, 'POST', `/api/public-comments/${commentId}/moderate`, { decision: 'approve' })).status, who).toBe(403);
      expect((await call(who, 'POST', `/api/public-comments/${commentId}/response`, { text: '回覆' })).status, who).toBe(403);
    }
    expect((await call('agency', 'POST', `/api/public-comments/${c03Comment}/moderate`, { decision: 'approve' })).status).toBe(403);
    expect((await call('civil', 'POST', `/api/public-comments/${c03Comment}/moderate`, { decision: 'approve' })).status).toBe(403);
    expect((await call('agency', 'POST', `/api/public-comments/${commentId}/moderate`, { decision: 'maybe' })).status).toBe(400);
    expect((await call('agency', 'POST', '/api/public-comments/pc_nothing/moderate', { decision: 'approve' })).status).toBe(404);
    expect((await call('agency', 'POST', `/api/public-comments/${commentId}/response`, { text: '' })).status).toBe(400);
    expect((await call('agency', 'POST', `/api/public-comments/${commentId}/response`, { text: 'x'.repeat(5001) })).status).toBe(400);

    const approved = await call('agency', 'POST', `/api/public-comments/${commentId}/moderate`, { decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body.comment).toMatchObject({ status: 'approved', moderatedBy: { name: expect.any(String) } });
    const answered = await call('civil', 'POST', `/api/public-comments/${commentId}/response`, { text: '感謝建議，已列入第二年里程碑。' });
    expect(answered.status).toBe(200);
    expect(answered.body.comment.response).toMatchObject({ text: '感謝建議，已列入第二年里程碑。', by: { affiliation: 'civil_society' } });
    expect((await call('coordinator', 'POST', `/api/public-comments/${c03Comment}/moderate`, { decision: 'approve' })).status).toBe(200);
  });

  it('[MO3] an approved comment and its answer appear on the public page (never the e-mail); a rejected one disappears', async () => {
    const page = await call(null, 'GET', `/api/public/commitments/${C04}`);
    expect(page.body.comments).toEqual([
      { id: commentId, commitmentId: C04, milestoneId, name: '王小明', text: '建議公開申請案件統計。', createdAt: expect.any(String), response: { text: '感謝建議，已列入第二年里程碑。', by: { name: expect.any(String), affiliation: 'civil_society' }, at: expect.any(String) } },
    ]);
    expect(page.text).not.toContain('ming@example.org');
    const plan = await call(null, 'GET', `/api/public/plans/${PLAN}`);
    expect(plan.body.commitments.find((c: { id: string }) => c.id === C04).approvedComments).toBe(1);
    expect((await call('coordinator', 'POST', `/api/public-comments/${commentId}/moderate`, { decision: 'reject' })).status).toBe(200);
    expect((await call(null, 'GET', `/api/public/commitments/${C04}`)).body.comments).toEqual([]);
    expect((await call('coordinator', 'POST', `/api/public-comments/${commentId}/moderate`, { decision: 'approve' })).status).toBe(200);
  });

  it('[MO4] the CSV record: BOM, RFC 4180 quoting, CRLF, formulas neutralised, no e-mails; for writers only', async () => {
    expect((await call(null, 'GET', `/api/plans/${PLAN}/public-comments.csv`)).status).toBe(401);
    expect((await call('viewer', 'GET', `/api/plans/${PLAN}/public-comments.csv`)).status).toBe(403);
    const csv = await call('coordinator', 'GET', `/api/plans/${PLAN}/public-comments.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers.get('content-disposition')).toContain(`${PLAN}-public-comments.csv`);
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text.startsWith('\uFEFFcomment_id,plan_id,commitment_id,')).toBe(true);
    expect(csv.text.endsWith('\r\n')).toBe(true);
    expect(csv.text).not.toContain('ming@example.org');
    expect(csv.text).toContain('"\'=HYPERLINK(""http://evil"")"');
    expect(csv.text).toContain('"<b>粗體</b>, ""引號""\n第二行"');
    expect(csv.text).toContain('感謝建議，已列入第二年里程碑。');
    expect(csv.text).toContain('第3次推動小組會議');
    const approvedOnly = await call('coordinator', 'GET', `/api/plans/${PLAN}/public-comments.csv?status=approved`);
    expect(approvedOnly.text.trim().split('\r\n')).toHaveLength(3);
  });
});

describe('[LK] cross-links', () => {
  it('[LK1] writers of the source add links; shown both ways; 401/403/400/404 as due', async () => {
    const body = { to: C01, note: '參考 1-1 的工作坊做法' };
    expect((await call(null, 'POST', `/api/commitments/${C04}/links`, body)).status).toBe(401);
    for (const who of ['translator', 'viewer'] as Who[]) expect((await call(who, 'POST', `/api/commitments/${C04}/links`, body)).status, who).toBe(403);
    expect((await call('agency', 'POST', `/api/commitments/${C03}/links`, body)).status).toBe(403);
    expect((await call('agency', 'POST', `/api/commitments/${C04}/links`, { to: C04 })).status).toBe(400);
    expect((await call('agency', 'POST', `/api/commitments/${C04}/links`, { to: 'c-nothing' })).status).toBe(404);
    expect((await call('agency', 'POST', `/api/commitments/${C04}/links`, { to: 'Robert"); DROP TABLE' })).status).toBe(400);
    expect((await call('agency', 'POST', `/api/commitments/${C04}/links`, { to: C01, note: 'x'.repeat(301) })).status).toBe(400);

    const created = await call('agency', 'POST', `/api/commitments/${C04}/links`, body);
    expect(created.status).toBe(201);
    expect(created.body.outgoing).toEqual([expect.objectContaining({ id: C01, note: body.note, number: expect.any(String), title: expect.objectContaining({ zh: expect.any(String) }) })]);
    const again = await call('civil', 'POST', `/api/commitments/${C04}/links`, { to: C01, note: '<script>說明</script>' });
    expect(again.status).toBe(200);
    expect(again.body.outgoing).toHaveLength(1);
    expect(again.body.outgoing[0].note).toBe('<script>說明</script>');
    const incoming = await call('viewer', 'GET', `/api/commitments/${C01}/links`);
    expect(incoming.status).toBe(200);
    expect(incoming.body).toEqual({ outgoing: [], incoming: [expect.objectContaining({ id: C04, note: '<script>說明</script>' })] });
    expect((await call(null, 'GET', `/api/commitments/${C01}/links`)).status).toBe(401);
  });

  it('[LK2] the public page shows links among published commitments, both ways', async () => {
    const c01 = await call(null, 'GET', `/api/public/commitments/${C01}`);
    expect(c01.body.links.incoming).toEqual([expect.objectContaining({ id: C04, title: PUBLISHED_TITLE })]);
    expect((await call(null, 'GET', `/api/public/commitments/${C04}`)).body.links.outgoing.map((l: { id: string }) => l.id)).toEqual([C01]);
  });

  it('[LK3] writers remove links; removing again is a 404', async () => {
    expect((await call('viewer', 'DELETE', `/api/commitments/${C04}/links/${C01}`)).status).toBe(403);
    const removed = await call('agency', 'DELETE', `/api/commitments/${C04}/links/${C01}`);
    expect(removed.status).toBe(200);
    expect(removed.body.outgoing).toEqual([]);
    expect((await call('agency', 'DELETE', `/api/commitments/${C04}/links/${C01}`)).status).toBe(404);
    expect((await call('viewer', 'GET', `/api/commitments/${C01}/links`)).body.incoming).toEqual([]);
  });
});

describe('[TL] timeline and [PE] people', () => {
  it('[TL1] every signed-in role gets meetings, snapshots and milestone due dates in date order; the public does not', async () => {
    expect((await call(null, 'GET', `/api/plans/${PLAN}/timeline`)).status).toBe(401);
    for (const who of ROLES) {
      const res = await call(who, 'GET', `/api/plans/${PLAN}/timeline`);
      expect(res.status, who).toBe(200);
      expect(res.body.publishedCycleId).toBe(cycleId);
      const dates = res.body.items.map((i: { date: string }) => i.date);
      expect(dates).toEqual([...dates].sort());
    }
    const { items } = (await call('viewer', 'GET', `/api/plans/${PLAN}/timeline`)).body;
    expect(items.find((i: { kind: string }) => i.kind === 'meeting')).toMatchObject({ cycleId, label: '第3次推動小組會議', date: '2021-04-30', published: true });
    expect(items.find((i: { kind: string }) => i.kind === 'snapshot')).toMatchObject({ cycleId, published: true });
    // Live milestones: the commitment renamed after the snapshot shows its live title here.
    expect(items.find((i: { kind: string; commitmentId?: string }) => i.kind === 'milestone' && i.commitmentId === C04).commitmentTitle.zh).toBe('即時修改的標題');
    expect((await call('viewer', 'GET', '/api/plans/plan-nothing/timeline')).status).toBe(404);
  });

  it('[PE1] people for mentions: every signed-in role, names and affiliations only', async () => {
    expect((await call(null, 'GET', '/api/people')).status).toBe(401);
    const res = await call('viewer', 'GET', '/api/people');
    expect(res.status).toBe(200);
    expect(res.body.people).toHaveLength(5);
    expect(Object.keys(res.body.people[0]).sort()).toEqual(['affiliation', 'id', 'name']);
    expect(res.text).not.toContain('@demo.gongbi.tw');
    expect((await call('viewer', 'GET', '/api/users')).status).toBe(403);
  });
});
