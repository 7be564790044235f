/**
 * The pieces of versioning that need no server: grouping the log into runs by author, replaying
 * it to attribute field changes, the minimal block edit of a restore, and the canonical hash.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffCommitment } from '../../shared/diff/index.js';
import { addMilestone, commitmentDoc, milestoneText, paragraphs, renderCommitment, sectionFragment, setMeta, shortText } from '../../shared/schema/index.js';
import { demoPlan } from '../../server/seed/demoPlan.js';
import type { LoggedUpdate, UpdateAuthor } from '../../server/storage/index.js';
import { MAX_GROUPS, applySection, attribute, blockEdit, canonicalJSON, changedPaths, fillAuthors, groupUpdates, sha256Hex } from '../../server/versions/index.js';

const AGENCY: UpdateAuthor = { userId: 'u-a', name: '王科長', affiliation: 'agency' };
const CIVIL: UpdateAuthor = { userId: 'u-c', name: '林委員', affiliation: 'civil_society' };
const T0 = Date.UTC(2021, 4, 1);

/** A commitment doc plus a log recorder: every edit through `as(author, fn)` becomes one logged update. */
function recorder() {
  const json = demoPlan().commitments[3]!;
  const doc = commitmentDoc(json);
  const base = Y.encodeStateAsUpdate(doc);
  const log: LoggedUpdate[] = [];
  let author = AGENCY;
  doc.on('update', (update: Uint8Array) => log.push({ seq: log.length + 1, update, author, receivedAt: T0 + log.length * 1000 }));
  return {
    doc,
    base,
    log,
    as(who: UpdateAuthor, fn: (d: Y.Doc) => void) {
      author = who;
      doc.transact(() => fn(doc));
    },
    store: { loadUpdateRange: async (_name: string, from: number, to: number) => log.filter((u) => u.seq > from && u.seq <= to) },
  };
}

describe('attribution', () => {
  it('groups consecutive updates by author, and merges neighbours past the cap', () => {
    const u = (author: UpdateAuthor, i: number): LoggedUpdate => ({ seq: i + 1, update: new Uint8Array(), author, receivedAt: T0 + i });
    const { groups, merged } = groupUpdates([u(AGENCY, 0), u(AGENCY, 1), u(CIVIL, 2), u(AGENCY, 3)]);
    expect(merged).toBe(false);
    expect(groups.map((g) => [g.updates.length, g.authors.map((a) => a.name)])).toEqual([[2, ['王科長']], [1, ['林委員']], [1, ['王科長']]]);
    expect(groups[0]!.authors[0]!.at).toBe(new Date(T0 + 1).toISOString());
    const many = Array.from({ length: 3 * MAX_GROUPS }, (_, i) => u(i % 2 ? AGENCY : CIVIL, i));
    const capped = groupUpdates(many);
    expect(capped.merged).toBe(true);
    expect(capped.groups.length).toBeLessThanOrEqual(MAX_GROUPS);
    expect(capped.groups.reduce((n, g) => n + g.updates.length, 0)).toBe(many.length);
  });

  it('attributes each field to whoever changed it; a milestone row collects the authors of its cells', async () => {
    const r = recorder();
    const before = renderCommitment(r.doc);
    let row = '';
    r.as(AGENCY, (d) => shortText(d, 'title', 'zh').insert(0, '修正：'));
    r.as(CIVIL, (d) => (row = addMilestone(d, { period: '2022', text: { zh: '新增里程碑' } })));
    r.as(AGENCY, (d) => milestoneText(d, row, 'indicator', 'zh')!.insert(0, '辦理 2 場'));
    r.as(CIVIL, (d) => setMeta(d, 'status', 'in_review'));
    r.as(CIVIL, (d) => shortText(d, 'title', 'zh').insert(0, '再'));
    const after = renderCommitment(r.doc);
    const a = await attribute(r.store as never, 'c', { seq: 0, state: r.base }, { seq: r.log.length, rendering: after });
    expect(a.approximate).toBe(false);
    expect(a.groups).toBe(4);
    const diff = fillAuthors(diffCommitment(before, after), a);
    const names = (path: string) => diff.changes.find((c) => c.path === path)!.authors!.map((x) => x.name);
    expect(names('title.zh')).toEqual(['王科長', '林委員']);
    expect(names('status')).toEqual(['林委員']);
    expect(names(`milestones.${row}`)).toEqual(['林委員', '王科長']);
  });

  it('flags the result approximate when the log does not replay to the newer version', async () => {
    const r = recorder();
    r.as(AGENCY, (d) => shortText(d, 'title', 'zh').insert(0, 'x'));
    const wrong = { ...renderCommitment(r.doc), number: '9-9' };
    const a = await attribute(r.store as never, 'c', { seq: 0, state: r.base }, { seq: 1, rendering: wrong });
    expect(a.approximate).toBe(true);
    expect(a.notes.join()).toMatch(/did not reproduce/);
  });

  it('stays bounded on a long alternating history (prints the time)', async () => {
    const r = recorder();
    for (let i = 0; i < 2000; i++) r.as(i % 2 ? AGENCY : CIVIL, (d) => shortText(d, 'partners', 'zh').insert(0, String(i % 10)));
    const started = performance.now();
    const a = await attribute(r.store as never, 'c', { seq: 0, state: r.base }, { seq: r.log.length, rendering: renderCommitment(r.doc) });
    console.log(`[versions] attribution of 2000 alternating updates (capped at ${MAX_GROUPS} runs): ${(performance.now() - started).toFixed(0)} ms`);
    expect(a.approximate).toBe(true);
    expect(a.groups).toBeLessThanOrEqual(MAX_GROUPS);
    expect(a.byPath.get('partners.zh')!.map((x) => x.name).sort()).toEqual(['林委員', '王科長']);
  });

  it('changedPaths names fields as diffCommitment does', () => {
    const r = recorder();
    const before = renderCommitment(r.doc);
    r.as(AGENCY, (d) => {
      shortText(d, 'partners', 'en').insert(0, 'and ');
      milestoneText(d, before.milestones[1]!.id, 'text', 'zh')!.insert(0, '★');
      const frag = sectionFragment(d, 'other', 'zh');
      frag.delete(0, 1);
    });
    const after = renderCommitment(r.doc);
    expect(changedPaths(before, after).sort()).toEqual(diffCommitment(before, after).changes.map((c) => c.path).sort());
  });
});

describe('restore: the smallest block edit', () => {
  const p = (t: string) => paragraphs(t).content[0]!;
  it('keeps equal leading and trailing blocks and replaces only the middle', () => {
    expect(blockEdit([p('a'), p('b'), p('c')], [p('a'), p('c')])).toEqual({ at: 1, deleted: 1, inserted: [] });
    expect(blockEdit([p('a'), p('c')], [p('a'), p('b'), p('c')])).toEqual({ at: 1, deleted: 0, inserted: [p('b')] });
    expect(blockEdit([p('a'), p('x'), p('c')], [p('a'), p('y'), p('c')])).toEqual({ at: 1, deleted: 1, inserted: [p('y')] });
    expect(blockEdit([p('a')], [p('a')])).toBeNull();
    expect(blockEdit([p('a'), p('a')], [p('a')])).toEqual({ at: 1, deleted: 1, inserted: [] });
  });

  it('applySection leaves untouched blocks as the same Yjs items', () => {
    const doc = new Y.Doc();
    const frag = sectionFragment(doc, 'problem', 'zh');
    doc.transact(() => applySection(frag, paragraphs('甲', '乙', '丙')));
    const first = frag.get(0);
    const last = frag.get(2);
    doc.transact(() => applySection(frag, paragraphs('甲', '丁', '戊', '丙')));
    expect(frag.get(0)).toBe(first);
    expect(frag.get(3)).toBe(last);
    expect(canonicalJSON(renderCommitment(doc).sections.problem.zh)).toBe(canonicalJSON(paragraphs('甲', '丁', '戊', '丙')));
  });
});

describe('canonical hash', () => {
  it('does not depend on key order and is SHA-256 hex', () => {
    expect(canonicalJSON({ b: 1, a: [2, { d: undefined, c: '值' }] })).toBe('{"a":[2,{"c":"值"}],"b":1}');
    expect(sha256Hex(canonicalJSON({ b: 1, a: 2 }))).toBe(sha256Hex(canonicalJSON({ a: 2, b: 1 })));
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
