/** Golden cases of the commitment diff on realistic text: what a review meeting should see. */
import { describe, expect, it } from 'vitest';
import {
  DiffApplyError,
  applyCommitmentDiff,
  diffCommitment,
  diffPlan,
  diffText,
  isEmptyDiff,
  hasInternalChanges,
  summarizeDiff,
  tokenize,
  type BlockDiff,
  type CommitmentDiff,
  type FieldChange,
  type RichChange,
} from '../../shared/diff/index.js';
import type { CommitmentJSON } from '../../shared/schema/index.js';
import { PROBLEM_ZH, baseCommitment, h, li, milestone, ol, p, text, ul } from './diffFixtures.js';

/** The edited copy of the base commitment, and the diff from base to it (checked to apply back). */
function edit(change: (c: CommitmentJSON) => void): CommitmentDiff {
  const before = baseCommitment();
  const after = baseCommitment();
  change(after);
  const d = diffCommitment(before, after);
  expect(applyCommitmentDiff(before, d)).toEqual(after);
  return d;
}

/** The redline without the JSON it carries for apply, which the assertions below do not read. */
const redline = (change: FieldChange | undefined): Array<Omit<BlockDiff, 'rebuild'>> =>
  (change as RichChange).blocks.map(({ rebuild: _rebuild, ...rest }) => rest);

describe('inline text diff', () => {
  it('a number changed inside a Chinese sentence deletes the number, inserts the new one and keeps the rest', () => {
    expect(diffText('辦理 3 場工作坊', '辦理 5 場工作坊', 'zh')).toEqual([
      { op: 'equal', text: '辦理 ' },
      { op: 'delete', text: '3' },
      { op: 'insert', text: '5' },
      { op: 'equal', text: ' 場工作坊' },
    ]);
    expect(diffText('辦理3場工作坊', '辦理5場工作坊', 'zh')).toEqual([
      { op: 'equal', text: '辦理' },
      { op: 'delete', text: '3' },
      { op: 'insert', text: '5' },
      { op: 'equal', text: '場工作坊' },
    ]);
  });

  it('cuts Chinese into words, not characters or whole sentences', () => {
    expect(tokenize('推動資料開放與資訊公開', 'zh')).toEqual(['推動', '資料', '開放', '與', '資訊', '公開']);
    expect(diffText('推動資料開放與資訊公開', '推動政府資料開放與資訊公開', 'zh')).toEqual([
      { op: 'equal', text: '推動' },
      { op: 'insert', text: '政府' },
      { op: 'equal', text: '資料開放與資訊公開' },
    ]);
  });

  it('keeps characters a reworded Chinese word shares with its replacement', () => {
    expect(diffText('蒐集民眾意見並公開回應', '蒐集民眾意見並於 30 日內公開回應', 'zh')).toEqual([
      { op: 'equal', text: '蒐集民眾意見並' },
      { op: 'insert', text: '於 30 日內' },
      { op: 'equal', text: '公開回應' },
    ]);
  });

  it('shows an English rewrite as one replacement of whole words', () => {
    expect(diffText('Hold 3 workshops', 'Publish a summary of comments from 5 workshops', 'en')).toEqual([
      { op: 'delete', text: 'Hold 3' },
      { op: 'insert', text: 'Publish a summary of comments from 5' },
      { op: 'equal', text: ' workshops' },
    ]);
  });

  it('falls back to one token per character without Intl.Segmenter', () => {
    const saved = Intl.Segmenter;
    try {
      delete (Intl as { Segmenter?: unknown }).Segmenter;
      expect(tokenize('資料🙂ok', 'zh')).toEqual(['資', '料', '🙂', 'o', 'k']);
      expect(diffText('辦理 3 場工作坊', '辦理 5 場工作坊', 'zh')).toEqual([
        { op: 'equal', text: '辦理 ' },
        { op: 'delete', text: '3' },
        { op: 'insert', text: '5' },
        { op: 'equal', text: ' 場工作坊' },
      ]);
    } finally {
      (Intl as { Segmenter?: unknown }).Segmenter = saved;
    }
  });

  it('a one-character edit in a long text stays one small change', () => {
    const sentence = '政府資料開放已推動多年，但資料品質與更新頻率不一，民眾難以加值利用。';
    const long = sentence.repeat(500);
    expect(tokenize(long, 'zh').join('')).toBe(long);
    const edited = `${sentence.repeat(250)}${sentence.replace('多年', '五年')}${sentence.repeat(249)}`;
    expect(diffText(long, edited, 'zh')).toEqual([
      { op: 'equal', text: `${sentence.repeat(250)}政府資料開放已推動` },
      { op: 'delete', text: '多' },
      { op: 'insert', text: '五' },
      { op: 'equal', text: `年，但資料品質與更新頻率不一，民眾難以加值利用。${sentence.repeat(249)}` },
    ]);
  });
});

describe('metadata', () => {
  it('a lead-agency move is its own kind, compared by id', () => {
    const d = edit((c) => {
      c.leadAgency = { id: 'moda', zh: '數位發展部', en: 'Ministry of Digital Affairs' };
    });
    expect(d.changes).toEqual([
      {
        kind: 'leadAgency',
        path: 'leadAgency',
        old: { id: 'ndc', zh: '國家發展委員會', en: 'National Development Council' },
        new: { id: 'moda', zh: '數位發展部', en: 'Ministry of Digital Affairs' },
      },
    ]);
  });

  it('renaming the lead agency under the same id is not a move, but still applies', () => {
    const d = edit((c) => {
      c.leadAgency.en = 'National Development Council (NDC)';
    });
    expect(d.changes).toEqual([]);
    expect(isEmptyDiff(d)).toBe(true);
    expect(hasInternalChanges(d)).toBe(true);
  });

  it('an OGP checkbox toggled', () => {
    const d = edit((c) => {
      c.ogpValues.accountability = true;
    });
    expect(d.changes).toEqual([{ kind: 'ogp', path: 'ogpValues.accountability', value: 'accountability', old: false, new: true }]);
  });

  it('status, dates and co-implementing agencies: old → new, in table order', () => {
    const d = edit((c) => {
      c.status = 'completed';
      c.endDate = '2024-08-31';
      c.coAgencies.push({ id: 'moi', zh: '內政部', en: 'Ministry of the Interior' });
    });
    expect(d.changes).toEqual([
      {
        kind: 'coAgencies',
        path: 'coAgencies',
        old: [{ id: 'moj', zh: '法務部', en: 'Ministry of Justice' }],
        new: [
          { id: 'moj', zh: '法務部', en: 'Ministry of Justice' },
          { id: 'moi', zh: '內政部', en: 'Ministry of the Interior' },
        ],
        added: [{ id: 'moi', zh: '內政部', en: 'Ministry of the Interior' }],
        removed: [],
      },
      { kind: 'value', path: 'endDate', field: 'endDate', old: '2024-05-31', new: '2024-08-31' },
      { kind: 'value', path: 'status', field: 'status', old: 'in_progress', new: 'completed' },
    ]);
  });

  it('a title edit in Chinese', () => {
    const d = edit((c) => {
      c.title.zh = '推動政府資料開放與資訊公開';
    });
    expect(d.changes).toEqual([
      {
        kind: 'text',
        path: 'title.zh',
        field: 'title',
        lang: 'zh',
        old: '推動資料開放與資訊公開',
        new: '推動政府資料開放與資訊公開',
        segments: [
          { op: 'equal', text: '推動' },
          { op: 'insert', text: '政府' },
          { op: 'equal', text: '資料開放與資訊公開' },
        ],
      },
    ]);
  });

  it('a new English translation fingerprint alone is no visible change', () => {
    const d = edit((c) => {
      c.enBasis['milestone.m2.indicator'] = 'cafebabe';
      delete c.enBasis.title;
    });
    expect(d.changes).toEqual([]);
    expect(d.internal).toEqual({ enBasis: { set: { 'milestone.m2.indicator': 'cafebabe' }, remove: ['title'] } });
  });
});

describe('milestones', () => {
  it('a number changed in an indicator is a cell change with an inline diff', () => {
    const d = edit((c) => {
      c.milestones[1]!.indicator.zh = '辦理 5 場工作坊';
    });
    expect(d.changes).toEqual([
      {
        kind: 'text',
        path: 'milestones.m2.indicator.zh',
        field: 'indicator',
        lang: 'zh',
        milestoneId: 'm2',
        old: '辦理 3 場工作坊',
        new: '辦理 5 場工作坊',
        segments: [
          { op: 'equal', text: '辦理 ' },
          { op: 'delete', text: '3' },
          { op: 'insert', text: '5' },
          { op: 'equal', text: ' 場工作坊' },
        ],
      },
    ]);
  });

  it('a rewritten indicator, in both languages, with its status', () => {
    const d = edit((c) => {
      const m = c.milestones[1]!;
      m.indicator.zh = '完成 5 場分區座談並公開會議紀錄';
      m.indicator.en = 'Publish a summary of comments from 5 workshops';
      m.status = 'in_progress';
    });
    expect(d.changes).toEqual([
      {
        kind: 'text',
        path: 'milestones.m2.indicator.zh',
        field: 'indicator',
        lang: 'zh',
        milestoneId: 'm2',
        old: '辦理 3 場工作坊',
        new: '完成 5 場分區座談並公開會議紀錄',
        segments: [
          { op: 'delete', text: '辦理 3' },
          { op: 'insert', text: '完成 5' },
          { op: 'equal', text: ' 場' },
          { op: 'delete', text: '工作坊' },
          { op: 'insert', text: '分區座談並公開會議紀錄' },
        ],
      },
      {
        kind: 'text',
        path: 'milestones.m2.indicator.en',
        field: 'indicator',
        lang: 'en',
        milestoneId: 'm2',
        old: 'Hold 3 workshops',
        new: 'Publish a summary of comments from 5 workshops',
        segments: [
          { op: 'delete', text: 'Hold 3' },
          { op: 'insert', text: 'Publish a summary of comments from 5' },
          { op: 'equal', text: ' workshops' },
        ],
      },
      { kind: 'value', path: 'milestones.m2.status', field: 'status', milestoneId: 'm2', old: 'not_started', new: 'in_progress' },
    ]);
  });

  it('one row moved is reported as one move, not as every row after it', () => {
    const d = edit((c) => {
      const [last] = c.milestones.splice(3, 1);
      c.milestones.unshift(last!);
    });
    expect(d.changes).toEqual([{ kind: 'milestoneMoved', path: 'milestones.m4', milestoneId: 'm4', old: 3, new: 0 }]);
  });

  it('two rows swapped is one move', () => {
    const d = edit((c) => {
      const [m1, m2] = c.milestones;
      c.milestones.splice(0, 2, m2!, m1!);
    });
    expect(d.changes).toHaveLength(1);
    expect(d.changes[0]).toMatchObject({ kind: 'milestoneMoved' });
  });

  it('an added and a removed row', () => {
    const added = milestone('m5', '建置資料需求平台', 'Launch a data request platform', '平台上線', 'Platform online', '2022');
    const d = edit((c) => {
      c.milestones.splice(2, 1);
      c.milestones.splice(1, 0, added);
    });
    expect(d.changes).toEqual([
      { kind: 'milestoneRemoved', path: 'milestones.m3', milestoneId: 'm3', index: 2, old: baseCommitment().milestones[2] },
      { kind: 'milestoneAdded', path: 'milestones.m5', milestoneId: 'm5', index: 1, new: added },
    ]);
  });
});

describe('rich-text sections', () => {
  it('a moved paragraph is one block deleted and re-inserted under the same moveId', () => {
    const d = edit((c) => {
      const [first] = c.sections.problem.zh.content.splice(0, 1);
      c.sections.problem.zh.content.push(first!);
    });
    expect(d.changes.map((c) => c.path)).toEqual(['sections.problem.zh']);
    expect(redline(d.changes[0])).toEqual([
      { op: 'delete', block: { kind: 'paragraph', depth: 0, text: PROBLEM_ZH[0] }, moveId: 1 },
      { op: 'equal', block: { kind: 'paragraph', depth: 0, text: PROBLEM_ZH[1] } },
      { op: 'equal', block: { kind: 'paragraph', depth: 0, text: PROBLEM_ZH[2] } },
      { op: 'insert', block: { kind: 'paragraph', depth: 0, text: PROBLEM_ZH[0] }, moveId: 1 },
    ]);
  });

  it('an inserted paragraph leaves the others equal', () => {
    const added = '行政院已於 2020 年成立開放政府推動小組。';
    const d = edit((c) => {
      c.sections.problem.zh.content.splice(1, 0, p(added));
    });
    expect(redline(d.changes[0])).toEqual([
      { op: 'equal', block: { kind: 'paragraph', depth: 0, text: PROBLEM_ZH[0] } },
      { op: 'insert', block: { kind: 'paragraph', depth: 0, text: added } },
      { op: 'equal', block: { kind: 'paragraph', depth: 0, text: PROBLEM_ZH[1] } },
      { op: 'equal', block: { kind: 'paragraph', depth: 0, text: PROBLEM_ZH[2] } },
    ]);
  });

  it('a number changed inside a paragraph is a changed block with an inline diff', () => {
    const d = edit((c) => {
      c.sections.other.zh.content[0] = p('預算：新臺幣 1,500 萬元');
    });
    expect(redline(d.changes[0])).toEqual([
      {
        op: 'change',
        block: { kind: 'paragraph', depth: 0, text: '預算：新臺幣 1,500 萬元' },
        oldBlock: { kind: 'paragraph', depth: 0, text: '預算：新臺幣 1,200 萬元' },
        segments: [
          { op: 'equal', text: '預算：新臺幣 1,' },
          { op: 'delete', text: '2' },
          { op: 'insert', text: '5' },
          { op: 'equal', text: '00 萬元' },
        ],
      },
    ]);
  });

  it('a bullet list item added, with the list structure kept', () => {
    const d = edit((c) => {
      c.sections.content.zh.content[2] = ul(li('訂定資料品質標準'), li('建立資料需求回應機制'), li('定期公布資料品質評核結果'));
    });
    expect(redline(d.changes[0])).toEqual([
      { op: 'equal', block: { kind: 'heading', level: 2, depth: 0, text: '推動策略' } },
      { op: 'equal', block: { kind: 'paragraph', depth: 0, text: '本承諾事項將分三個面向推動：' } },
      { op: 'equal', block: { kind: 'listItem', listType: 'bulletList', depth: 1, text: '訂定資料品質標準' } },
      { op: 'equal', block: { kind: 'listItem', listType: 'bulletList', depth: 1, text: '建立資料需求回應機制' } },
      { op: 'insert', block: { kind: 'listItem', listType: 'bulletList', depth: 1, text: '定期公布資料品質評核結果' } },
      { op: 'equal', block: { kind: 'paragraph', depth: 0, text: '預計於 2022 年前完成法規修正。' } },
    ]);
  });

  it('a nested list item and a list turned ordered', () => {
    const d = edit((c) => {
      c.sections.content.zh.content[2] = ol(li('訂定資料品質標準', ul(li('參考 ISO 8000'))), li('建立資料需求回應機制'));
    });
    expect(redline(d.changes[0]).slice(2, 5)).toEqual([
      {
        op: 'change',
        block: { kind: 'listItem', listType: 'orderedList', depth: 1, text: '訂定資料品質標準' },
        oldBlock: { kind: 'listItem', listType: 'bulletList', depth: 1, text: '訂定資料品質標準' },
        segments: [{ op: 'equal', text: '訂定資料品質標準' }],
        formatChanged: true,
      },
      { op: 'insert', block: { kind: 'listItem', listType: 'bulletList', depth: 2, text: '參考 ISO 8000' } },
      {
        op: 'change',
        block: { kind: 'listItem', listType: 'orderedList', depth: 1, text: '建立資料需求回應機制' },
        oldBlock: { kind: 'listItem', listType: 'bulletList', depth: 1, text: '建立資料需求回應機制' },
        segments: [{ op: 'equal', text: '建立資料需求回應機制' }],
        formatChanged: true,
      },
    ]);
  });

  it('bold removed is a block change without text change', () => {
    const d = edit((c) => {
      c.sections.content.zh.content[3] = p('預計於 2022 年前完成法規修正。');
    });
    expect(redline(d.changes[0]).slice(4)).toEqual([
      {
        op: 'change',
        block: { kind: 'paragraph', depth: 0, text: '預計於 2022 年前完成法規修正。' },
        oldBlock: { kind: 'paragraph', depth: 0, text: '預計於 2022 年前完成法規修正。' },
        segments: [{ op: 'equal', text: '預計於 2022 年前完成法規修正。' }],
        formatChanged: true,
      },
    ]);
  });

  it('a paragraph made a heading, and a heading level changed', () => {
    const d = edit((c) => {
      c.sections.content.en.content[0] = h(3, 'Strategy');
      c.sections.content.en.content[1] = h(2, 'This commitment has three strands:');
    });
    expect(redline(d.changes[0]).slice(0, 2)).toEqual([
      {
        op: 'change',
        block: { kind: 'heading', level: 3, depth: 0, text: 'Strategy' },
        oldBlock: { kind: 'heading', level: 2, depth: 0, text: 'Strategy' },
        segments: [{ op: 'equal', text: 'Strategy' }],
        formatChanged: true,
      },
      {
        op: 'change',
        block: { kind: 'heading', level: 2, depth: 0, text: 'This commitment has three strands:' },
        oldBlock: { kind: 'paragraph', depth: 0, text: 'This commitment has three strands:' },
        segments: [{ op: 'equal', text: 'This commitment has three strands:' }],
        formatChanged: true,
      },
    ]);
  });

  it('text typed into a bold run keeps the change unformatted', () => {
    const d = edit((c) => {
      c.sections.content.zh.content[3] = p('預計於 ', text('2023 年', true), '前完成法規修正。');
    });
    const [block] = redline(d.changes[0]).slice(4);
    expect(block).toEqual({
      op: 'change',
      block: { kind: 'paragraph', depth: 0, text: '預計於 2023 年前完成法規修正。' },
      oldBlock: { kind: 'paragraph', depth: 0, text: '預計於 2022 年前完成法規修正。' },
      segments: [
        { op: 'equal', text: '預計於 202' },
        { op: 'delete', text: '2' },
        { op: 'insert', text: '3' },
        { op: 'equal', text: ' 年前完成法規修正。' },
      ],
    });
  });
});

describe('summary, empty diff and the plan', () => {
  it('diff(A, A) is empty', () => {
    const d = diffCommitment(baseCommitment(), baseCommitment());
    expect(d).toEqual({ commitmentId: 'c-1-1', changes: [], internal: {} });
    expect(isEmptyDiff(d)).toBe(true);
  });

  it('counts changes per kind and lists the top-level fields touched', () => {
    const d = edit((c) => {
      c.title.en = 'Promote open government data and access to information';
      c.ogpValues.innovation = true;
      c.milestones[0]!.indicator.zh = '完成 30 個資料集盤點';
      c.milestones.pop();
      c.sections.relevance.en.content.push(p('Civic participation: co-decide priorities.'));
    });
    expect(summarizeDiff(d)).toEqual({
      total: 5,
      byKind: { value: 0, leadAgency: 0, coAgencies: 0, ogp: 1, text: 2, rich: 1, milestoneAdded: 0, milestoneRemoved: 1, milestoneMoved: 0, budgetAdded: 0, budgetRemoved: 0, budgetMoved: 0 },
      fields: ['title', 'ogpValues', 'sections', 'milestones'],
      milestoneIds: ['m4', 'm1'],
    });
  });

  it('diffPlan pairs commitments by id', () => {
    const a = baseCommitment();
    const b = { ...baseCommitment(), id: 'c-1-2', number: '1.2' };
    const b2 = { ...b, status: 'completed' as const };
    const c = { ...baseCommitment(), id: 'c-2-1', number: '2.1' };
    const plan = diffPlan([a, b], [b2, c]);
    expect(plan.removed.map((x) => x.id)).toEqual(['c-1-1']);
    expect(plan.added.map((x) => x.id)).toEqual(['c-2-1']);
    expect(plan.unchanged).toEqual([]);
    expect(plan.changed).toEqual([
      { commitmentId: 'c-1-2', changes: [{ kind: 'value', path: 'status', field: 'status', old: 'in_progress', new: 'completed' }], internal: {} },
    ]);
    expect(diffPlan([a], [baseCommitment()]).unchanged).toEqual(['c-1-1']);
  });

  it('refuses to apply a diff to a version it was not taken from', () => {
    const before = baseCommitment();
    const after = baseCommitment();
    after.milestones[1]!.indicator.zh = '辦理 5 場工作坊';
    after.sections.problem.zh.content.pop();
    const d = diffCommitment(before, after);
    const other = baseCommitment();
    other.milestones[1]!.indicator.zh = '辦理 4 場工作坊';
    expect(() => applyCommitmentDiff(other, d)).toThrow(DiffApplyError);
    const shorter = baseCommitment();
    shorter.sections.problem.zh.content.shift();
    expect(() => applyCommitmentDiff(shorter, d)).toThrow(/sections\.problem\.zh/);
  });

  it('applies a diff that went through JSON', () => {
    const before = baseCommitment();
    const after = baseCommitment();
    after.sections.content.zh.content[2] = ul(li('訂定資料品質標準'), li('新增項目'));
    after.milestones.reverse();
    const wire = JSON.parse(JSON.stringify(diffCommitment(before, after))) as CommitmentDiff;
    expect(applyCommitmentDiff(before, wire)).toEqual(after);
    expect(before).toEqual(baseCommitment());
  });
});
