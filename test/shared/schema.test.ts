/**
 * The commitment and plan document model (shared/schema): JSON round trips, concurrent edits
 * on two replicas exchanging updates, and the outdated-English marker.
 */
import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import {
  addDomain,
  getMeta,
  metaMap,
  setMeta,
  addMilestone,
  blankCommitment,
  commitmentDoc,
  getMilestoneValue,
  isEnglishOutdated,
  markTranslated,
  englishBasisText,
  plainText,
  enBasisTextMap,
  fingerprint,
  milestoneOrder,
  milestoneText,
  milestonesMap,
  moveMilestone,
  placeCommitment,
  removeMilestone,
  renderCommitment,
  renderPlan,
  sectionFragment,
  setMilestoneValue,
  setOgp,
  shortText,
  writeCommitment,
  writePlan,
  writeRich,
  type CommitmentJSON,
  type PlanJSON,
  type RichDoc,
} from '../../shared/schema/index.js';

const text = (t: string, ...marks: Array<{ type: string; attrs?: Record<string, unknown> }>) =>
  marks.length ? { type: 'text', text: t, marks } : { type: 'text', text: t };

const problemZh: RichDoc = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [text('公共問題')] },
    {
      type: 'paragraph',
      content: [
        text('民眾期待政府'),
        text('主動公開', { type: 'bold' }),
        text('具實用價值的資料，參見'),
        text('資料平臺', { type: 'bold' }, { type: 'link', attrs: { href: 'https://data.gov.tw', target: '_blank' } }),
        text('。'),
      ],
    },
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [text('訂定高價值資料選定程序')] }] },
        {
          type: 'listItem',
          content: [
            { type: 'paragraph', content: [text('回應'), text('民眾', { type: 'italic' }), text('需求')] },
            { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('巢狀項目')] }] }] },
          ],
        },
      ],
    },
    { type: 'paragraph' },
  ],
};

const problemEn: RichDoc = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 3 }, content: [text('Public problem')] },
    { type: 'paragraph', content: [text('People expect '), text('proactive', { type: 'bold' }), text(' release of data.')] },
  ],
};

function fullCommitment(): CommitmentJSON {
  return blankCommitment({
    id: 'c-01-open-data-reuse',
    number: '1-1',
    domainId: 'd1',
    status: 'in_progress',
    startDate: '2021-01-01',
    endDate: '2024-05-31',
    title: { zh: '擴大政府資料開放及應用', en: 'Expand the release and reuse of government data' },
    partners: { zh: '開放文化基金會', en: 'Open Culture Foundation' },
    leadAgency: { id: 'ndc', zh: '國家發展委員會', en: 'National Development Council' },
    coAgencies: [
      { id: 'ey-agencies', zh: '行政院所屬各機關', en: 'Agencies of the Executive Yuan' },
      { id: 'moj', zh: '法務部', en: 'Ministry of Justice' },
    ],
    ogpValues: { transparency: true, participation: true, accountability: false, innovation: true },
    sections: {
      problem: { zh: problemZh, en: problemEn },
      content: { zh: { type: 'doc', content: [{ type: 'paragraph', content: [text('內容')] }] }, en: { type: 'doc', content: [] } },
      relevance: { zh: { type: 'doc', content: [] }, en: { type: 'doc', content: [] } },
      other: { zh: { type: 'doc', content: [{ type: 'heading', attrs: { level: 1 }, content: [text('預算')] }] }, en: { type: 'doc', content: [] } },
    },
    milestones: [
      {
        id: 'm2021',
        period: '2021',
        text: { zh: '訂定程序', en: 'Define a procedure' },
        indicator: { zh: '發布指引 1 份', en: 'Publish 1 guideline' },
        due: '2021-12-31',
        status: 'completed',
        evidence: 'https://example.gov.tw/evidence',
      },
      {
        id: 'm2022',
        period: '2022',
        text: { zh: '試行', en: '' },
        indicator: { zh: '', en: '' },
        due: '',
        status: 'delayed',
        evidence: '',
      },
    ],
    enBasis: { title: '0badbeef', 'section.problem': '12345678' },
  });
}

/** Sends each replica what the other lacks (both directions), as a provider would. */
function exchange(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB);
  Y.applyUpdate(a, toA);
}

/** Two replicas of the same commitment, in sync. */
function replicas(json: CommitmentJSON = fullCommitment()): [Y.Doc, Y.Doc] {
  const a = commitmentDoc(json);
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return [a, b];
}

function expectConverged(a: Y.Doc, b: Y.Doc): CommitmentJSON {
  const ra = renderCommitment(a);
  expect(renderCommitment(b)).toEqual(ra);
  expect(Array.from(Y.encodeStateVector(b))).toEqual(Array.from(Y.encodeStateVector(a)));
  return ra;
}

describe('commitment render and write', () => {
  it('round-trips a full commitment: render(write(json)) equals json', () => {
    const json = fullCommitment();
    const doc = commitmentDoc(json);
    expect(renderCommitment(doc)).toEqual(json);
  });

  it('round-trips render → write → render through a second document and through the encoded state', () => {
    const first = renderCommitment(commitmentDoc(fullCommitment()));
    const second = commitmentDoc(first);
    expect(renderCommitment(second)).toEqual(first);
    const decoded = new Y.Doc();
    Y.applyUpdate(decoded, Y.encodeStateAsUpdate(second));
    expect(renderCommitment(decoded)).toEqual(first);
  });

  it('keeps marks, their attributes, heading levels and nested lists', () => {
    const rendered = renderCommitment(commitmentDoc(fullCommitment())).sections.problem.zh;
    const para = rendered.content[1]!;
    expect(para.content![1]).toEqual(text('主動公開', { type: 'bold' }));
    expect(para.content![3]!.marks).toEqual([{ type: 'bold' }, { type: 'link', attrs: { href: 'https://data.gov.tw', target: '_blank' } }]);
    expect(rendered.content[0]).toEqual({ type: 'heading', attrs: { level: 2 }, content: [text('公共問題')] });
    expect(rendered.content[2]!.content![1]!.content![1]!.type).toBe('bulletList');
  });

  it('writing over an existing commitment replaces it (no leftover rows, texts or basis)', () => {
    const doc = commitmentDoc(fullCommitment());
    const blank = blankCommitment({ id: 'c-x', number: '9-9', domainId: 'd9', title: { zh: '空白', en: '' }, leadAgency: { id: 'a', zh: '甲', en: '' } });
    writeCommitment(doc, blank);
    expect(renderCommitment(doc)).toEqual(blank);
  });
});

describe('concurrent edits on two replicas', () => {
  it('both typists keep their characters in the title, in the same order on both', () => {
    const [a, b] = replicas();
    const base = '擴大政府資料開放及應用';
    shortText(a, 'title', 'zh').insert(0, '【甲】');
    shortText(b, 'title', 'zh').insert(base.length, '（乙）');
    shortText(b, 'title', 'zh').insert(2, '乙');
    exchange(a, b);
    const title = expectConverged(a, b).title.zh;
    expect(title).toBe('【甲】擴大乙政府資料開放及應用（乙）');
  });

  it('both typing at the same spot keeps both insertions, contiguous and identical on both replicas', () => {
    const [a, b] = replicas();
    shortText(a, 'title', 'en').insert(0, 'AAA ');
    shortText(b, 'title', 'en').insert(0, 'BBB ');
    exchange(a, b);
    const title = expectConverged(a, b).title.en;
    expect(['AAA BBB ', 'BBB AAA '].map((p) => p + 'Expand the release and reuse of government data')).toContain(title);
  });

  it('co-implementing agencies added, removed and renamed by both at once are all kept, in one order', () => {
    const [a, b] = replicas();
    const before = getMeta(a, 'coAgencies');
    setMeta(a, 'coAgencies', [...getMeta(a, 'coAgencies'), { id: 'moi', zh: '內政部', en: 'Ministry of the Interior' }]);
    setMeta(b, 'coAgencies', [{ id: 'mof', zh: '財政部', en: 'Ministry of Finance' }, ...getMeta(b, 'coAgencies')]);
    exchange(a, b);
    const merged = expectConverged(a, b).coAgencies.map((x) => x.id);
    expect(merged).toEqual(['mof', ...before.map((x) => x.id), 'moi']);
    // One removes an agency while the other renames another: both changes hold.
    setMeta(a, 'coAgencies', getMeta(a, 'coAgencies').filter((x) => x.id !== 'moi'));
    setMeta(b, 'coAgencies', getMeta(b, 'coAgencies').map((x) => (x.id === 'mof' ? { ...x, en: 'MOF' } : x)));
    exchange(a, b);
    const after = expectConverged(a, b).coAgencies;
    expect(after.map((x) => x.id)).toEqual(['mof', ...before.map((x) => x.id)]);
    expect(after[0]!.en).toBe('MOF');
  });

  it('an older document\'s list in meta is read, moved into the map on the first change, and an emptied list stays empty', () => {
    const doc = new Y.Doc();
    metaMap(doc).set('coAgencies', [{ id: 'moj', zh: '法務部', en: 'Ministry of Justice' }]);
    expect(getMeta(doc, 'coAgencies').map((x) => x.id)).toEqual(['moj']);
    setMeta(doc, 'coAgencies', [...getMeta(doc, 'coAgencies'), { id: 'moi', zh: '內政部', en: 'Ministry of the Interior' }]);
    expect(metaMap(doc).has('coAgencies')).toBe(false);
    expect(getMeta(doc, 'coAgencies').map((x) => x.id)).toEqual(['moj', 'moi']);
    setMeta(doc, 'coAgencies', []);
    expect(getMeta(doc, 'coAgencies')).toEqual([]);
    // Reordering gives new order keys, and the order holds.
    setMeta(doc, 'coAgencies', [{ id: 'b', zh: 'B', en: 'B' }, { id: 'a', zh: 'A', en: 'A' }]);
    setMeta(doc, 'coAgencies', [{ id: 'a', zh: 'A', en: 'A' }, { id: 'b', zh: 'B', en: 'B' }]);
    expect(getMeta(doc, 'coAgencies').map((x) => x.id)).toEqual(['a', 'b']);
  });

  it('OGP checkboxes toggled on different keys are both kept', () => {
    const [a, b] = replicas();
    setOgp(a, 'accountability', true);
    setOgp(b, 'transparency', false);
    exchange(a, b);
    expect(expectConverged(a, b).ogpValues).toEqual({ transparency: false, participation: true, accountability: true, innovation: true });
  });

  it('rows added at the same position by both are both kept, in the same order on both replicas', () => {
    const [a, b] = replicas();
    const fromA = addMilestone(a, { text: { zh: '甲新增' } }, 1);
    const fromB = addMilestone(b, { text: { zh: '乙新增' } }, 1);
    exchange(a, b);
    const order = milestoneOrder(a);
    expect(milestoneOrder(b)).toEqual(order);
    expect(order).toHaveLength(4);
    expect(order[0]).toBe('m2021');
    expect(order[3]).toBe('m2022');
    expect(new Set(order.slice(1, 3))).toEqual(new Set([fromA, fromB]));
    expect(expectConverged(a, b).milestones.map((m) => m.text.zh)).toContain('乙新增');
  });

  it('a row inserted next to concurrently added rows stays between its neighbours', () => {
    const [a, b] = replicas();
    addMilestone(a, { id: 'xa' }, 1);
    addMilestone(b, { id: 'xb' }, 1);
    exchange(a, b);
    expect(milestoneOrder(a)).toEqual(['m2021', 'xa', 'xb', 'm2022']);
    // The two new rows got the same order key; inserting between them must not jump past m2022.
    addMilestone(a, { id: 'zz-between' }, 2);
    const order = milestoneOrder(a);
    expect(order.indexOf('zz-between')).toBeGreaterThan(order.indexOf('xa'));
    expect(order.indexOf('zz-between')).toBeLessThan(order.indexOf('m2022'));
    // And a move into the same spot behaves the same.
    moveMilestone(a, 'm2021', 1);
    const moved = milestoneOrder(a);
    expect(moved.indexOf('m2021')).toBeGreaterThan(moved.indexOf('xa'));
    expect(moved.indexOf('m2021')).toBeLessThan(moved.indexOf('m2022'));
    exchange(a, b);
    expect(milestoneOrder(b)).toEqual(milestoneOrder(a));
  });

  it('a row deleted by one while the other edits it is gone on both, and the other rows are untouched', () => {
    const [a, b] = replicas();
    removeMilestone(a, 'm2021');
    milestoneText(b, 'm2021', 'text', 'zh')!.insert(0, '修改');
    setMilestoneValue(b, 'm2021', 'status', 'in_progress');
    milestoneText(b, 'm2022', 'indicator', 'zh')!.insert(0, '新指標');
    exchange(a, b);
    const json = expectConverged(a, b);
    expect(json.milestones.map((m) => m.id)).toEqual(['m2022']);
    expect(json.milestones[0]!.indicator.zh).toBe('新指標');
    expect(getMilestoneValue(a, 'm2021', 'status')).toBe('not_started');
  });

  it('concurrent moves of the same row never duplicate it', () => {
    const [a, b] = replicas();
    addMilestone(a, { id: 'm2023' });
    addMilestone(a, { id: 'm2024' });
    exchange(a, b);
    moveMilestone(a, 'm2021', 3);
    moveMilestone(b, 'm2021', 1);
    exchange(a, b);
    const order = milestoneOrder(a);
    expect(milestoneOrder(b)).toEqual(order);
    expect([...order].sort()).toEqual(['m2021', 'm2022', 'm2023', 'm2024']);
    // One of the two moves won.
    expect([1, 3]).toContain(order.indexOf('m2021'));
    expect(milestonesMap(a).size).toBe(4);
    expectConverged(a, b);
  });

  it('concurrent first writes to a section merge instead of one replacing the other', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.transact(() => writeRich(sectionFragment(a, 'other', 'zh'), { type: 'doc', content: [{ type: 'paragraph', content: [text('甲')] }] }));
    b.transact(() => writeRich(sectionFragment(b, 'other', 'en'), { type: 'doc', content: [{ type: 'paragraph', content: [text('B')] }] }));
    exchange(a, b);
    const json = expectConverged(a, b);
    expect(json.sections.other.zh.content).toHaveLength(1);
    expect(json.sections.other.en.content).toHaveLength(1);
  });
});

describe('outdated English', () => {
  it('[TR2] keeps the Chinese each English was marked against, so the change since can be shown', () => {
    const doc = commitmentDoc(fullCommitment());
    const before = shortText(doc, 'title', 'zh').toString();
    markTranslated(doc, 'title');
    shortText(doc, 'title', 'zh').insert(0, '修訂：');
    expect(englishBasisText(doc, 'title')).toBe(before);
    // A document written from JSON knows the basis of every English that is current.
    const json = renderCommitment(doc);
    const copy = commitmentDoc({ ...json, enBasis: { ...json.enBasis, 'section.problem': fingerprint(renderPlainProblem(json)) } });
    expect(englishBasisText(copy, 'title')).toBeNull(); // outdated in the JSON: its basis text is unknown
    expect(englishBasisText(copy, 'section.problem')).toBe(renderPlainProblem(json));
    // A basis text that no longer matches the fingerprint (a restore set an older one) is not shown.
    enBasisTextMap(doc).set('title', 'something else');
    expect(englishBasisText(doc, 'title')).toBeNull();
  });

  it('flips to outdated when the Chinese changes after marking, and back with markTranslated', () => {
    const doc = commitmentDoc(fullCommitment());
    markTranslated(doc, 'title');
    expect(isEnglishOutdated(doc, 'title')).toBe(false);
    shortText(doc, 'title', 'zh').insert(0, '修訂：');
    expect(isEnglishOutdated(doc, 'title')).toBe(true);
    // Editing the English alone does not clear it; marking it translated does.
    shortText(doc, 'title', 'en').insert(0, 'Revised: ');
    expect(isEnglishOutdated(doc, 'title')).toBe(true);
    markTranslated(doc, 'title');
    expect(isEnglishOutdated(doc, 'title')).toBe(false);
  });

  it('works for rich sections and milestone cells, independently of other fields', () => {
    const doc = commitmentDoc(fullCommitment());
    markTranslated(doc, 'section.problem');
    markTranslated(doc, 'milestone.m2021.text');
    markTranslated(doc, 'title');
    expect(isEnglishOutdated(doc, 'section.problem')).toBe(false);
    expect(isEnglishOutdated(doc, 'milestone.m2021.text')).toBe(false);

    doc.transact(() => writeRich(sectionFragment(doc, 'problem', 'zh'), { type: 'doc', content: [{ type: 'paragraph', content: [text('改寫')] }] }));
    milestoneText(doc, 'm2021', 'text', 'zh')!.insert(0, '新');
    expect(isEnglishOutdated(doc, 'section.problem')).toBe(true);
    expect(isEnglishOutdated(doc, 'milestone.m2021.text')).toBe(true);
    expect(isEnglishOutdated(doc, 'title')).toBe(false);

    markTranslated(doc, 'section.problem');
    expect(isEnglishOutdated(doc, 'section.problem')).toBe(false);
    expect(isEnglishOutdated(doc, 'milestone.m2021.text')).toBe(true);
  });

  it('is never outdated while there is no English, and replicas agree on the verdict', () => {
    const [a, b] = replicas();
    expect(isEnglishOutdated(a, 'milestone.m2022.text')).toBe(false);
    markTranslated(a, 'title');
    exchange(a, b);
    shortText(b, 'title', 'zh').insert(0, '乙改');
    exchange(a, b);
    expect(isEnglishOutdated(a, 'title')).toBe(true);
    expect(isEnglishOutdated(b, 'title')).toBe(true);
  });
});

describe('plan document', () => {
  const plan: PlanJSON = {
    schemaVersion: 1,
    id: 'plan-nap1',
    title: { zh: '開放政府國家行動方案', en: 'National Action Plan' },
    periodStart: '2021-01-01',
    periodEnd: '2024-05-31',
    domains: [
      { id: 'd1', name: { zh: '開放資料', en: 'Open data' }, commitmentIds: ['c-03', 'c-01', 'c-02'] },
      { id: 'd2', name: { zh: '參與', en: 'Participation' }, commitmentIds: [] },
      { id: 'd0', name: { zh: '廉政', en: 'Integrity' }, commitmentIds: ['c-10'] },
    ],
  };

  const planDoc = () => {
    const doc = new Y.Doc();
    writePlan(doc, plan);
    return doc;
  };

  it('round-trips: render(write(plan)) equals the plan, order of domains and commitments kept', () => {
    const doc = planDoc();
    expect(renderPlan(doc)).toEqual(plan);
    const copy = new Y.Doc();
    writePlan(copy, renderPlan(doc));
    expect(renderPlan(copy)).toEqual(plan);
  });

  it('placeCommitment adds a new commitment at the end of its domain', () => {
    const doc = planDoc();
    placeCommitment(doc, 'c-00', 'd1');
    placeCommitment(doc, 'c-20', 'd2');
    const rendered = renderPlan(doc);
    expect(rendered.domains.map((d) => d.commitmentIds)).toEqual([['c-03', 'c-01', 'c-02', 'c-00'], ['c-20'], ['c-10']]);
  });

  it('placeCommitment moves a commitment between domains without duplicating it', () => {
    const doc = planDoc();
    placeCommitment(doc, 'c-01', 'd0');
    expect(renderPlan(doc).domains.map((d) => d.commitmentIds)).toEqual([['c-03', 'c-02'], [], ['c-10', 'c-01']]);
    // Placing again in its own domain moves it to the end of that domain.
    placeCommitment(doc, 'c-03', 'd1');
    expect(renderPlan(doc).domains[0]!.commitmentIds).toEqual(['c-02', 'c-03']);
  });

  it('addDomain appends an empty domain after the others', () => {
    const doc = planDoc();
    addDomain(doc, 'd9', { zh: '新範疇', en: 'New domain' });
    const rendered = renderPlan(doc);
    expect(rendered.domains.map((d) => d.id)).toEqual(['d1', 'd2', 'd0', 'd9']);
    expect(rendered.domains[3]).toEqual({ id: 'd9', name: { zh: '新範疇', en: 'New domain' }, commitmentIds: [] });
    placeCommitment(doc, 'c-99', 'd9');
    expect(renderPlan(doc).domains[3]!.commitmentIds).toEqual(['c-99']);
  });

  it('concurrent placements in the same domain keep both, in the same order on both replicas', () => {
    const a = planDoc();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    placeCommitment(a, 'c-a', 'd2');
    placeCommitment(b, 'c-b', 'd2');
    exchange(a, b);
    const ids = renderPlan(a).domains[1]!.commitmentIds;
    expect(renderPlan(b)).toEqual(renderPlan(a));
    expect([...ids].sort()).toEqual(['c-a', 'c-b']);
  });
});

/** The plain Chinese of the problem section, as translation.ts reads it. */
function renderPlainProblem(json: ReturnType<typeof renderCommitment>): string {
  const doc = commitmentDoc(json);
  return plainText(doc, 'section.problem', 'zh');
}
