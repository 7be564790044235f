/**
 * Budget rows and the contact over real sockets on a real server: two writers adding,
 * editing and deleting budget rows at the same moment both keep their changes, everywhere
 * and in the store; the gate lets a translator change only the English of a budget row and
 * nobody but the commitment's writers change amounts or the contact; the comparison API
 * names a changed amount by its row and cell.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addBudgetRow,
  budgetOrder,
  budgetText,
  getBudgetValue,
  getContact,
  removeBudgetRow,
  renderCommitment,
  setBudgetValue,
  setContact,
} from '../../shared/schema/index.js';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { storedDoc } from '../helpers/storedDoc.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { connectRaw, type RawClient } from '../reliability/rawClient.js';

/** The agency editor and civil society's working group both write this commitment. */
const DOC = 'c-04-access-to-information';
type Who = keyof typeof DEMO;

describe('budget rows over the sync server', () => {
  const tmp = tempDir();
  let server: TestServer;
  const tokens = {} as Record<Who, string>;
  const open: RawClient[] = [];
  const connect = async (who: Who) => {
    const c = await connectRaw(server.wsUrl, DOC, tokens[who]);
    open.push(c);
    return c;
  };
  const same = (a: RawClient, b: RawClient) => JSON.stringify(renderCommitment(a.doc)) === JSON.stringify(renderCommitment(b.doc));

  beforeAll(async () => {
    server = await startTestServer({ dataDir: tmp.dir });
    for (const who of Object.keys(DEMO) as Who[]) tokens[who] = await signIn(over(server.url), DEMO[who]);
  });
  afterAll(async () => {
    for (const c of open) if (c.isOpen()) await c.close();
    await server.close();
    tmp.remove();
  });

  it('[BG2] two writers adding, editing and deleting budget rows at once converge with both changes, in the store too', async () => {
    const a = await connect('agency');
    const b = await connect('civil');
    const first = addBudgetRow(a.doc, { year: '2026', amount: '1000', source: { zh: '公務預算' } });
    const second = addBudgetRow(a.doc, { year: '2027', amount: '400' });
    await a.ack();
    await waitFor(() => budgetOrder(b.doc).length === budgetOrder(a.doc).length, { what: 'the rows to reach the second writer' });
    // At the same moment, before either sees the other's change:
    const ours = addBudgetRow(a.doc, { year: '2028', amount: '250' });
    setBudgetValue(a.doc, first, 'amount', '1200');
    const theirs = addBudgetRow(b.doc, { year: '2029', amount: '90' });
    budgetText(b.doc, first, 'note', 'zh')!.insert(0, '含委外');
    removeBudgetRow(b.doc, second);
    await Promise.all([a.ack(), b.ack()]);
    await waitFor(() => same(a, b), { what: 'convergence' });
    const rows = renderCommitment(a.doc).budget!;
    expect(rows.map((r) => r.id).sort()).toEqual([first, ours, theirs].sort());
    expect(rows.find((r) => r.id === first)).toMatchObject({ amount: '1200', note: { zh: '含委外' }, source: { zh: '公務預算' } });
    const stored = await storedDoc(server.store, DOC);
    expect(renderCommitment(stored).budget).toEqual(rows);
    expect(a.sync.denied).toEqual([]);
    expect(b.sync.denied).toEqual([]);
  });

  it('[BG5] a writer edits the contact; a translator may write a budget row\'s English but not its amount or the contact', async () => {
    const writer = await connect('agency');
    setContact(writer.doc, 'name', '林科長');
    await writer.ack();
    const id = budgetOrder(writer.doc)[0]!;
    const before = getBudgetValue(writer.doc, id, 'amount');

    const translator = await connect('translator');
    budgetText(translator.doc, id, 'source', 'en')!.insert(0, 'Public budget');
    await translator.ack();
    await waitFor(() => budgetText(writer.doc, id, 'source', 'en')!.toString() === 'Public budget', { what: 'the English to arrive' });
    expect(translator.sync.denied).toEqual([]);

    setBudgetValue(translator.doc, id, 'amount', '999999');
    await waitFor(() => translator.sync.denied.some((r) => r.startsWith('translator_scope')), { what: "the translator's refusal" });
    const other = await connect('translator');
    setContact(other.doc, 'phone', '0800-000-000');
    await waitFor(() => other.sync.denied.some((r) => r.startsWith('translator_scope')), { what: "the translator's contact refusal" });

    const viewer = await connect('viewer');
    setContact(viewer.doc, 'name', '冒名');
    await waitFor(() => viewer.sync.denied.length > 0, { what: "the reader's refusal" });

    await writer.ack();
    const stored = await storedDoc(server.store, DOC);
    expect(getBudgetValue(stored, id, 'amount')).toBe(before);
    expect(getContact(stored, 'name')).toBe('林科長');
    expect(getContact(stored, 'phone')).toBe('');
  });

  it('[BG4] the comparison since a review shows a changed amount cell by cell, with who changed it', async () => {
    const call = async (who: Who, method: string, path: string, body?: unknown) => {
      const res = await fetch(server.url + path, { method, headers: { 'content-type': 'application/json', ...bearer(tokens[who]) }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: await res.json() };
    };
    const cycle = await call('coordinator', 'POST', '/api/plans/plan-nap1/cycles', { label: '預算審查', meetingDate: '2021-06-30' });
    expect(cycle.status).toBeLessThan(300);
    expect((await call('coordinator', 'POST', `/api/cycles/${cycle.body.cycle.id}/snapshot`, {})).status).toBeLessThan(300);
    const writer = await connect('agency');
    const id = budgetOrder(writer.doc)[0]!;
    const old = getBudgetValue(writer.doc, id, 'amount');
    setBudgetValue(writer.doc, id, 'amount', '2,500');
    await writer.ack();
    const res = await call('viewer', 'GET', `/api/commitments/${DOC}/diff?from=cycle:${cycle.body.cycle.id}&to=live`);
    expect(res.status).toBe(200);
    const change = res.body.diff.changes.find((c: { path: string }) => c.path === `budget.${id}.amount`);
    expect(change).toMatchObject({ kind: 'value', field: 'amount', budgetRowId: id, old, new: '2,500' });
    expect(change.authors.map((a: { name: string }) => a.name)).toContain('王科長（法務部）');
  });
});
