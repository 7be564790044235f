/**
 * Property tests of the commitment diff: random edit sequences on a realistic commitment,
 * then apply(A, diff(A, B)) must rebuild B exactly and diff(A, A) must be empty.
 * Each case is named by its seed; rerun one with `-t "seed 123"`.
 */
import { describe, expect, it } from 'vitest';
import {
  applyCommitmentDiff,
  diffCommitment,
  diffText,
  hasInternalChanges,
  isEmptyDiff,
  segmentsText,
  type CommitmentDiff,
} from '../../shared/diff/index.js';
import {
  COMMITMENT_STATUSES,
  LANGS,
  MILESTONE_STATUSES,
  OGP_VALUES,
  SECTION_KEYS,
  commitmentDoc,
  renderCommitment,
  type CommitmentJSON,
  type RichDoc,
  type RichNode,
} from '../../shared/schema/index.js';
import { seededRng, type SeededRng } from '../helpers/rng.js';
import { baseCommitment, h, li, milestone, ol, p, text, ul } from './diffFixtures.js';

const CASES = 320;
const SNIPPETS = ['資料', '開放', '民眾', '參與', '工作坊', '，', '。', '、', '3', '12', ' ', 'open ', 'data', 'OGP', '🙂', '\n', '政府資訊公開法', '（草案）'];

function randomText(rng: SeededRng, max = 4): string {
  let out = '';
  for (let n = 1 + rng.int(max); n > 0; n--) out += rng.pick(SNIPPETS);
  return out;
}

/** Inserts, deletes or replaces a range of code points (so emoji stay whole). */
function editString(rng: SeededRng, s: string): string {
  const chars = Array.from(s);
  const at = rng.int(chars.length + 1);
  const len = rng.int(Math.min(6, chars.length - at) + 1);
  const op = rng.int(3);
  if (op === 0) chars.splice(at, 0, ...Array.from(randomText(rng)));
  else if (op === 1) chars.splice(at, len);
  else chars.splice(at, len, ...Array.from(randomText(rng, 2)));
  return chars.join('');
}

/** Inline content of a text block, sometimes with a bold or italic run. */
function randomInline(rng: SeededRng, t: string): RichNode[] {
  if (!t) return [];
  const chars = Array.from(t);
  const cut = rng.int(chars.length + 1);
  const parts = [chars.slice(0, cut).join(''), chars.slice(cut).join('')].filter(Boolean);
  return parts.map((part) => {
    const roll = rng.int(4);
    if (roll === 0) return text(part, true);
    if (roll === 1) return { type: 'text', text: part, marks: [{ type: 'italic' }] };
    return text(part);
  });
}

const plain = (node: RichNode): string => (node.content ?? []).map((c) => (c.type === 'text' ? c.text ?? '' : '')).join('');

/** Every text block of a doc, with the array holding it, for in-place edits. */
function textBlocks(nodes: RichNode[], out: Array<{ parent: RichNode[]; index: number }> = []) {
  nodes.forEach((node, index) => {
    if (node.type === 'paragraph' || node.type === 'heading') out.push({ parent: nodes, index });
    else if (node.content) textBlocks(node.content, out);
  });
  return out;
}

/** Every list in a doc (including nested ones). */
function lists(nodes: RichNode[], out: RichNode[] = []): RichNode[] {
  for (const node of nodes) {
    if (node.type === 'bulletList' || node.type === 'orderedList') out.push(node);
    if (node.content) lists(node.content, out);
  }
  return out;
}

function randomBlock(rng: SeededRng): RichNode {
  const roll = rng.int(6);
  if (roll === 0) return h(1 + rng.int(3), randomText(rng));
  if (roll === 1) return ul(li(randomText(rng)), li(randomText(rng)));
  if (roll === 2) return ol(li(randomText(rng)));
  if (roll === 3) return p();
  return { type: 'paragraph', content: randomInline(rng, randomText(rng, 6)) };
}

function editRich(rng: SeededRng, d: RichDoc): void {
  const top = d.content;
  const blocks = textBlocks(top);
  const allLists = lists(top);
  switch (rng.int(10)) {
    case 0:
      top.splice(rng.int(top.length + 1), 0, randomBlock(rng));
      return;
    case 1:
      if (top.length) top.splice(rng.int(top.length), 1);
      return;
    case 2: {
      if (top.length < 2) return;
      const [node] = top.splice(rng.int(top.length), 1);
      top.splice(rng.int(top.length + 1), 0, node!);
      return;
    }
    case 3:
    case 4: {
      if (!blocks.length) return;
      const { parent, index } = rng.pick(blocks);
      const node = parent[index]!;
      const content = randomInline(rng, editString(rng, plain(node)));
      parent[index] = content.length ? { ...node, content } : { type: node.type, ...(node.attrs ? { attrs: node.attrs } : {}) };
      return;
    }
    case 5: {
      if (!blocks.length) return;
      const { parent, index } = rng.pick(blocks);
      const node = parent[index]!;
      parent[index] = node.type === 'heading' ? { ...node, type: 'paragraph', attrs: undefined } : { ...node, type: 'heading', attrs: { level: 1 + rng.int(3) } };
      if (!parent[index]!.attrs) delete parent[index]!.attrs;
      return;
    }
    case 6: {
      if (!allLists.length) {
        top.push(ul(li(randomText(rng))));
        return;
      }
      const list = rng.pick(allLists);
      list.content!.splice(rng.int(list.content!.length + 1), 0, rng.int(4) ? li(randomText(rng)) : li(randomText(rng), ul(li(randomText(rng)))));
      return;
    }
    case 7: {
      if (!allLists.length) return;
      const list = rng.pick(allLists);
      if (list.content!.length > 1) list.content!.splice(rng.int(list.content!.length), 1);
      return;
    }
    case 8: {
      // Split a top-level list in two, or merge two adjacent lists: only the grouping changes.
      const at = top.findIndex((n, i) => n.type === 'bulletList' && top[i + 1]?.type === 'bulletList');
      if (at >= 0 && rng.int(2)) {
        top.splice(at, 2, { ...top[at]!, content: [...top[at]!.content!, ...top[at + 1]!.content!] });
        return;
      }
      const i = top.findIndex((n) => n.type === 'bulletList' && n.content!.length > 1);
      if (i < 0) return;
      const cut = 1 + rng.int(top[i]!.content!.length - 1);
      top.splice(i, 1, { type: 'bulletList', content: top[i]!.content!.slice(0, cut) }, { type: 'bulletList', content: top[i]!.content!.slice(cut) });
      return;
    }
    default: {
      if (!blocks.length) return;
      const { parent, index } = rng.pick(blocks);
      const node = parent[index]!;
      parent[index] = { ...node, content: [...(node.content ?? []), { type: 'hardBreak' }, text(randomText(rng))] };
    }
  }
}

function editMilestones(rng: SeededRng, c: CommitmentJSON): void {
  const rows = c.milestones;
  switch (rng.int(5)) {
    case 0: {
      let id = `m${rng.int(1e6)}`;
      while (rows.some((r) => r.id === id)) id += 'x';
      rows.splice(rng.int(rows.length + 1), 0, milestone(id, randomText(rng), 'New milestone', randomText(rng), 'New indicator', '2023'));
      return;
    }
    case 1:
      if (rows.length) rows.splice(rng.int(rows.length), 1);
      return;
    case 2: {
      if (rows.length < 2) return;
      const [row] = rows.splice(rng.int(rows.length), 1);
      rows.splice(rng.int(rows.length + 1), 0, row!);
      return;
    }
    case 3: {
      if (!rows.length) return;
      const row = rng.pick(rows);
      const cell = rng.pick(['text', 'indicator'] as const);
      const lang = rng.pick(LANGS);
      row[cell][lang] = editString(rng, row[cell][lang]);
      return;
    }
    default: {
      if (!rows.length) return;
      const row = rng.pick(rows);
      const key = rng.pick(['period', 'due', 'status', 'evidence'] as const);
      if (key === 'status') row.status = rng.pick(MILESTONE_STATUSES);
      else row[key] = rng.int(3) ? `${2021 + rng.int(4)}` : '';
    }
  }
}

const AGENCIES = [
  { id: 'ndc', zh: '國家發展委員會', en: 'National Development Council' },
  { id: 'moda', zh: '數位發展部', en: 'Ministry of Digital Affairs' },
  { id: 'moj', zh: '法務部', en: 'Ministry of Justice' },
  { id: 'moi', zh: '內政部', en: 'Ministry of the Interior' },
];

function editMeta(rng: SeededRng, c: CommitmentJSON): void {
  switch (rng.int(9)) {
    case 0:
      c.status = rng.pick(COMMITMENT_STATUSES);
      return;
    case 1:
      c[rng.pick(['startDate', 'endDate', 'number', 'domainId'] as const)] = `${rng.int(30)}`;
      return;
    case 2:
      c.leadAgency = { ...rng.pick(AGENCIES) };
      return;
    case 3:
      c.leadAgency = { ...c.leadAgency, en: editString(rng, c.leadAgency.en) };
      return;
    case 4: {
      const agency = rng.pick(AGENCIES);
      const at = c.coAgencies.findIndex((a) => a.id === agency.id);
      if (at >= 0) c.coAgencies.splice(at, 1);
      else c.coAgencies.splice(rng.int(c.coAgencies.length + 1), 0, { ...agency });
      return;
    }
    case 5: {
      const key = rng.pick(OGP_VALUES);
      c.ogpValues[key] = !c.ogpValues[key];
      return;
    }
    case 6: {
      const key = rng.pick(['title', 'section.problem', 'milestone.m1.text', 'partners']);
      if (rng.int(2)) c.enBasis[key] = rng.int(1e8).toString(16).padStart(8, '0');
      else delete c.enBasis[key];
      return;
    }
    default: {
      const key = rng.pick(['title', 'partners'] as const);
      const lang = rng.pick(LANGS);
      c[key][lang] = editString(rng, c[key][lang]);
    }
  }
}

function randomEdit(rng: SeededRng, c: CommitmentJSON): void {
  const roll = rng.int(10);
  if (roll < 4) editRich(rng, c.sections[rng.pick(SECTION_KEYS)][rng.pick(LANGS)]);
  else if (roll < 7) editMilestones(rng, c);
  else editMeta(rng, c);
}

/** The base as the editor stores it: rendered from a real commitment Y.Doc. */
const BASE = renderCommitment(commitmentDoc(baseCommitment()));

/** Text the segments describe matches the old and new values they claim to describe. */
function checkSegments(d: CommitmentDiff, seed: number): void {
  for (const c of d.changes) {
    if (c.kind === 'text') {
      expect(segmentsText(c.segments, 'before'), `seed ${seed} ${c.path}`).toBe(c.old);
      expect(segmentsText(c.segments, 'after'), `seed ${seed} ${c.path}`).toBe(c.new);
    }
    if (c.kind === 'rich') {
      for (const b of c.blocks) {
        if (b.op !== 'change') continue;
        expect(segmentsText(b.segments!, 'before'), `seed ${seed} ${c.path}`).toBe(b.oldBlock!.text);
        expect(segmentsText(b.segments!, 'after'), `seed ${seed} ${c.path}`).toBe(b.block.text);
      }
    }
  }
}

/** What the random cases produced, so a weakened generator fails instead of passing vacuously. */
const seen = { cases: 0, features: new Set<string>() };
function record(d: CommitmentDiff): void {
  seen.cases++;
  for (const c of d.changes) {
    seen.features.add(c.kind);
    if (c.kind !== 'rich') continue;
    for (const b of c.blocks) {
      seen.features.add(`block:${b.op}`);
      if (b.moveId) seen.features.add('block:move');
      if (b.formatChanged) seen.features.add('block:format');
      if (b.op === 'equal' && b.rebuild) seen.features.add('block:regroup');
      if (b.block.kind === 'listItem') seen.features.add('block:listItem');
      if (b.block.depth > 1) seen.features.add('block:nested');
    }
  }
  if (d.internal.enBasis) seen.features.add('internal:enBasis');
  if (d.internal.leadAgency) seen.features.add('internal:leadAgency');
}

describe('apply(A, diff(A, B)) = B on random edits', () => {
  for (let seed = 1; seed <= CASES; seed++) {
    it(`seed ${seed}`, () => {
      const rng = seededRng(seed);
      const a = structuredClone(BASE);
      for (let n = 1 + rng.int(6); n > 0; n--) randomEdit(rng, a);
      const b = structuredClone(a);
      for (let n = 1 + rng.int(8); n > 0; n--) randomEdit(rng, b);
      const [aCopy, bCopy] = [structuredClone(a), structuredClone(b)];

      const d = diffCommitment(a, b);
      expect(applyCommitmentDiff(a, d), `seed ${seed}: apply(A, diff(A, B))`).toEqual(b);
      const wire = JSON.parse(JSON.stringify(d)) as CommitmentDiff;
      expect(applyCommitmentDiff(a, wire), `seed ${seed}: after JSON`).toEqual(b);
      expect(applyCommitmentDiff(b, diffCommitment(b, a)), `seed ${seed}: apply(B, diff(B, A))`).toEqual(a);
      checkSegments(d, seed);
      record(d);

      const same = diffCommitment(a, structuredClone(a));
      expect(isEmptyDiff(same) && !hasInternalChanges(same), `seed ${seed}: diff(A, A) is empty`).toBe(true);
      expect(applyCommitmentDiff(a, same), `seed ${seed}`).toEqual(a);
      expect([a, b], `seed ${seed}: inputs untouched`).toEqual([aCopy, bCopy]);
    });
  }

  it('the random edits cover every kind of change', () => {
    if (seen.cases < CASES) return; // a filtered run (-t "seed 12") sees too few cases
    expect([...seen.features].sort()).toEqual(
      [
        'block:change', 'block:delete', 'block:equal', 'block:format', 'block:insert', 'block:listItem', 'block:move',
        'block:nested', 'block:regroup', 'coAgencies', 'internal:enBasis', 'internal:leadAgency', 'leadAgency',
        'milestoneAdded', 'milestoneMoved', 'milestoneRemoved', 'ogp', 'rich', 'text', 'value',
      ].sort(),
    );
  });
});

describe('inline diff segments rebuild both texts', () => {
  for (let seed = 1; seed <= 100; seed++) {
    it(`seed ${seed}`, () => {
      const rng = seededRng(seed);
      let a = '';
      for (let n = rng.int(400); n > 0; n--) a += rng.pick(SNIPPETS);
      let b = a;
      for (let n = 1 + rng.int(10); n > 0; n--) b = editString(rng, b);
      for (const lang of LANGS) {
        const segments = diffText(a, b, lang);
        expect(segmentsText(segments, 'before'), `seed ${seed} ${lang}`).toBe(a);
        expect(segmentsText(segments, 'after'), `seed ${seed} ${lang}`).toBe(b);
        // Merged runs: never two neighbours with the same op, never an empty run.
        segments.forEach((s, i) => {
          expect(s.text, `seed ${seed}`).not.toBe('');
          expect(s.op, `seed ${seed}`).not.toBe(segments[i - 1]?.op);
        });
      }
    });
  }
});

describe('one milestone row moved is one move', () => {
  for (let seed = 1; seed <= 60; seed++) {
    it(`seed ${seed}`, () => {
      const rng = seededRng(seed);
      const a = structuredClone(BASE);
      for (let i = 0; i < rng.int(8); i++) a.milestones.push(milestone(`x${i}`, '里程碑', 'Milestone', '指標', 'Indicator', '2022'));
      const b = structuredClone(a);
      const from = rng.int(b.milestones.length);
      const [row] = b.milestones.splice(from, 1);
      let to = rng.int(b.milestones.length + 1);
      if (to === from) to = (to + 1) % (b.milestones.length + 1);
      b.milestones.splice(to, 0, row!);
      const d = diffCommitment(a, b);
      expect(d.changes.map((c) => c.kind), `seed ${seed}`).toEqual(['milestoneMoved']);
      expect(applyCommitmentDiff(a, d), `seed ${seed}`).toEqual(b);
    });
  }
});

describe('one paragraph moved is one moved block', () => {
  for (let seed = 1; seed <= 40; seed++) {
    it(`seed ${seed}`, () => {
      const rng = seededRng(seed);
      const a = structuredClone(BASE);
      const content = a.sections.problem.zh.content;
      for (let i = 0; i < 2 + rng.int(6); i++) content.push(p(`第 ${i} 段：${randomText(rng, 6)}`));
      const b = structuredClone(a);
      const moved = b.sections.problem.zh.content;
      const from = rng.int(moved.length);
      const [node] = moved.splice(from, 1);
      let to = rng.int(moved.length + 1);
      if (to === from) to = (to + 1) % (moved.length + 1);
      moved.splice(to, 0, node!);
      const d = diffCommitment(a, b);
      const [change] = d.changes;
      expect(d.changes, `seed ${seed}`).toHaveLength(1);
      const blocks = change!.kind === 'rich' ? change!.blocks : [];
      const ops = blocks.filter((x) => x.op !== 'equal');
      expect(ops.map((x) => [x.op, x.moveId]), `seed ${seed}`).toEqual([
        [ops[0]!.op, 1],
        [ops[0]!.op === 'delete' ? 'insert' : 'delete', 1],
      ]);
      expect(applyCommitmentDiff(a, d), `seed ${seed}`).toEqual(b);
    });
  }
});
