/**
 * Budget rows, the lead agency's contact and milestone start dates in the document model and
 * the diff: older documents render (and hash) as before, two replicas editing rows at once
 * keep both changes, and the diff is row by row and cell by cell and replays exactly.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyCommitmentDiff, diffCommitment } from '../../shared/diff/index.js';
import {
  addBudgetRow,
  budgetAmount,
  budgetOrder,
  budgetText,
  budgetTotal,
  commitmentDoc,
  fiscalYearText,
  getBudgetValue,
  milestoneOrder,
  moveBudgetRow,
  removeBudgetRow,
  renderCommitment,
  setBudgetValue,
  setContact,
  setMilestoneValue,
  type CommitmentJSON,
} from '../../shared/schema/index.js';
import { isKnownRoot } from '../../shared/schema/docLayout.js';
import { canonicalJSON, sha256Hex } from '../../server/versions/hash.js';
import { baseCommitment } from './diffFixtures.js';

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

const withBudget = (): CommitmentJSON => ({
  ...baseCommitment(),
  budget: [
    { id: 'b1', year: '2026', amount: '1,200', source: { zh: '公務預算', en: 'Public budget' }, note: { zh: '', en: '' } },
    { id: 'b2', year: '2027', amount: '800', source: { zh: '前瞻計畫', en: 'Forward-looking programme' }, note: { zh: '擬編', en: 'Proposed' } },
  ],
  contact: { name: '王小明', title: '科長', email: 'wang@example.gov.tw', phone: '02-2316-5300' },
});

describe('budget, contact and start dates in the schema', () => {
  it('[BG1] a document without them renders exactly as before (same keys, same hash as the rendering before the fields existed)', () => {
    const r = renderCommitment(commitmentDoc(baseCommitment()));
    expect('budget' in r).toBe(false);
    expect('contact' in r).toBe(false);
    for (const m of r.milestones) expect('start' in m).toBe(false);
    // Hash of this fixture's rendering computed by the renderer before budget, contact and start dates.
    expect(sha256Hex(canonicalJSON(r))).toBe('11b47cbc65f29b285f411b027e678890aeb8c50bb22fefcbb00cc194e20105c1');
  });

  it('[BG1] budget, contact and start dates round-trip through the document; the new names are known roots', () => {
    const json = withBudget();
    json.milestones[0]!.start = '2026-01-15';
    const r = renderCommitment(commitmentDoc(json));
    expect(r.budget).toEqual(json.budget);
    expect(r.contact).toEqual(json.contact);
    expect(r.milestones[0]!.start).toBe('2026-01-15');
    expect(isKnownRoot('commitment', 'budget')).toBe(true);
    expect(isKnownRoot('commitment', 'contact')).toBe(true);
  });

  it('[BG2] two replicas adding, editing and deleting budget rows at once keep every change', () => {
    const a = commitmentDoc(withBudget());
    const b = new Y.Doc();
    sync(a, b);
    addBudgetRow(a, { year: '2028', amount: '500' });
    addBudgetRow(b, { year: '2029', amount: '300' });
    setBudgetValue(a, 'b1', 'amount', '1,500');
    budgetText(b, 'b1', 'note', 'zh')!.insert(0, '含人事費');
    removeBudgetRow(b, 'b2');
    sync(a, b);
    const [ra, rb] = [renderCommitment(a), renderCommitment(b)];
    expect(ra).toEqual(rb);
    expect(ra.budget![0]!.year).toBe('2026');
    expect(ra.budget!.map((x) => x.year).sort()).toEqual(['2026', '2028', '2029']);
    expect(ra.budget![0]).toMatchObject({ amount: '1,500', note: { zh: '含人事費' } });
    expect(budgetTotal(ra.budget!)).toBe(2300);
  });

  it('[BG2] rows move by order keys like milestones, and the last row removed leaves no budget field', () => {
    const doc = commitmentDoc(withBudget());
    moveBudgetRow(doc, 'b2', 0);
    expect(budgetOrder(doc)).toEqual(['b2', 'b1']);
    removeBudgetRow(doc, 'b1');
    removeBudgetRow(doc, 'b2');
    expect('budget' in renderCommitment(doc)).toBe(false);
    expect(getBudgetValue(doc, 'b1', 'amount')).toBe('');
  });

  it('[BG3] amounts, totals and fiscal years', () => {
    expect(budgetAmount('1,234')).toBe(1234);
    expect(budgetAmount(' 12.5 ')).toBe(12.5);
    expect(budgetAmount('about 3')).toBeNull();
    expect(budgetTotal([{ amount: '1,000' }, { amount: 'x' }, { amount: '250' }])).toBe(1250);
    expect(fiscalYearText('2026')).toBe('115年 (2026)');
    expect(fiscalYearText('2026', 'zh')).toBe('115年');
    expect(fiscalYearText('soon')).toBe('soon');
  });
});

describe('budget, contact and start dates in the diff', () => {
  it('[BG4] a changed amount is one value change of its row; added and removed rows are row changes; the diff replays exactly', () => {
    const before = renderCommitment(commitmentDoc(withBudget()));
    const doc = commitmentDoc(before);
    setBudgetValue(doc, 'b1', 'amount', '1,500');
    budgetText(doc, 'b2', 'source', 'en')!.insert(0, 'The ');
    addBudgetRow(doc, { id: 'b3', year: '2028', amount: '90' });
    setContact(doc, 'phone', '02-1234-5678');
    setMilestoneValue(doc, milestoneOrder(doc)[0]!, 'start', '2026-02-01');
    const after = renderCommitment(doc);
    const d = diffCommitment(before, after);
    expect(d.changes).toContainEqual({ kind: 'value', path: 'budget.b1.amount', field: 'amount', budgetRowId: 'b1', old: '1,200', new: '1,500' });
    expect(d.changes.find((c) => c.path === 'budget.b2.source.en')).toMatchObject({ kind: 'text', budgetRowId: 'b2', lang: 'en' });
    expect(d.changes.find((c) => c.path === 'budget.b3')).toMatchObject({ kind: 'budgetAdded', index: 2 });
    expect(d.changes.find((c) => c.path === 'contact.phone')).toMatchObject({ kind: 'value', old: '02-2316-5300', new: '02-1234-5678' });
    expect(d.changes.find((c) => c.path.endsWith('.start'))).toMatchObject({ kind: 'value', field: 'start', old: '', new: '2026-02-01' });
    expect(applyCommitmentDiff(before, d)).toEqual(after);
  });

  it('[BG4] from no budget and contact to some, and back: the diff replays to the exact rendering (fields absent again)', () => {
    const before = renderCommitment(commitmentDoc(baseCommitment()));
    const after = renderCommitment(commitmentDoc(withBudget()));
    const there = diffCommitment(before, after);
    expect(there.changes.filter((c) => c.kind === 'budgetAdded')).toHaveLength(2);
    expect(canonicalJSON(applyCommitmentDiff(before, there))).toBe(canonicalJSON(after));
    const back = diffCommitment(after, before);
    expect(back.changes.filter((c) => c.kind === 'budgetRemoved')).toHaveLength(2);
    const replayed = applyCommitmentDiff(after, back);
    expect(canonicalJSON(replayed)).toBe(canonicalJSON(before));
    expect('budget' in replayed || 'contact' in replayed).toBe(false);
  });
});
