/**
 * Comment anchors on two peers exchanging Yjs updates, as the sync server would relay them:
 * a thread stays on its text through concurrent edits before, at and inside its range, and
 * is marked orphaned (and kept) when its text is deleted. Rules: AN1–AN8.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sectionFragment } from '../../shared/schema/index.js';
import { anchorBetween, anchorInText, resolveAnchor, type TextAnchor } from '../../client/comments/anchors.js';
import { addReply, createThread, readThreads, setResolved, threadsMap } from '../../client/comments/threads.js';

const ALICE = { id: 'u-alice', name: '林委員（民間）', affiliation: 'civil_society' };
const BOB = { id: 'u-bob', name: '王科長（法務部）', affiliation: 'agency' };
const FIELD = 'section.problem.zh';

/** One person's replicas: the commitment document and its comment document. */
interface Peer {
  doc: Y.Doc;
  comments: Y.Doc;
}

const newPeer = (): Peer => ({ doc: new Y.Doc(), comments: new Y.Doc() });
const fragmentOf = (p: Peer) => sectionFragment(p.doc, 'problem', 'zh');

/** Sends each side what the other lacks (both documents), like a reconnect. */
function exchange(a: Peer, b: Peer): void {
  for (const key of ['doc', 'comments'] as const) {
    const toB = Y.encodeStateAsUpdate(a[key], Y.encodeStateVector(b[key]));
    const toA = Y.encodeStateAsUpdate(b[key], Y.encodeStateVector(a[key]));
    Y.applyUpdate(b[key], toB);
    Y.applyUpdate(a[key], toA);
  }
}

/** Appends a paragraph and returns its text. */
function addParagraph(fragment: Y.XmlFragment, text: string, at = fragment.length): Y.XmlText {
  const p = new Y.XmlElement('paragraph');
  fragment.insert(at, [p]);
  const t = new Y.XmlText();
  p.insert(0, [t]);
  t.insert(0, text);
  return t;
}

const paragraphText = (p: Peer, i: number) => (fragmentOf(p).get(i) as Y.XmlElement).get(0) as Y.XmlText;
/** Characters only (`toString` would show formatting as tags). */
const plain = (t: Y.XmlText) => (t.toDelta() as Array<{ insert: string }>).map((op) => op.insert).join('');

/** The paragraph text containing `needle` on this peer. */
function textContaining(p: Peer, needle: string): Y.XmlText {
  for (let i = 0; i < fragmentOf(p).length; i++) {
    const t = paragraphText(p, i);
    if (t && plain(t).includes(needle)) return t;
  }
  throw new Error(`no paragraph contains ${needle}`);
}

const SEED_1 = '各機關資料分散在不同系統，形成資料孤島，民眾難以取得。';
const SEED_2 = '申請政府資訊的流程不透明。';
const RANGE = '資料孤島';

/** Alice and Bob share the seeded section; Alice opens a thread on RANGE. */
function setUp(): { alice: Peer; bob: Peer; threadId: string; anchor: TextAnchor } {
  const alice = newPeer();
  const bob = newPeer();
  addParagraph(fragmentOf(alice), SEED_1);
  addParagraph(fragmentOf(alice), SEED_2);
  exchange(alice, bob);
  const t = textContaining(alice, RANGE);
  const from = plain(t).indexOf(RANGE);
  const anchor = anchorInText(t, from, from + RANGE.length);
  const threadId = createThread(alice.comments, { field: FIELD, anchor, quote: RANGE, author: ALICE, text: '這裡要補上數據來源。', mentions: [{ id: BOB.id, name: BOB.name }] });
  exchange(alice, bob);
  return { alice, bob, threadId, anchor };
}

/** What the peer's own copy of the thread covers now. */
function covered(p: Peer, threadId: string) {
  const thread = readThreads(p.comments).find((t) => t.id === threadId)!;
  return resolveAnchor(p.doc, fragmentOf(p), thread.anchor!);
}

describe('comment anchors across peers', () => {
  it('[AN1] a thread opened on one peer covers the same text on the other', () => {
    const { alice, bob, threadId } = setUp();
    expect(covered(alice, threadId)).toMatchObject({ state: 'attached', text: RANGE });
    expect(covered(bob, threadId)).toMatchObject({ state: 'attached', text: RANGE });
    expect(readThreads(bob.comments)[0]).toMatchObject({ field: FIELD, quote: RANGE, resolved: false, author: ALICE, comments: [{ text: '這裡要補上數據來源。', mentions: [{ id: BOB.id }] }] });
  });

  it('[AN2] concurrent edits before and inside the range: it covers its text plus what was typed inside, on both peers', () => {
    const { alice, bob, threadId } = setUp();
    // Alice, offline: a new first paragraph and text before the range in its own paragraph.
    addParagraph(fragmentOf(alice), '前言：本段說明問題。', 0);
    textContaining(alice, RANGE).insert(0, '目前，');
    // Bob, at the same time: text inside the range, and more before it.
    const bt = textContaining(bob, RANGE);
    bt.insert(plain(bt).indexOf(RANGE) + 2, '嚴重的');
    bt.insert(3, '中央與地方');
    exchange(alice, bob);
    for (const p of [alice, bob]) {
      expect(covered(p, threadId)).toMatchObject({ state: 'attached', text: '資料嚴重的孤島' });
      expect(plain(textContaining(p, '孤島'))).toBe('目前，各機關中央與地方資料分散在不同系統，形成資料嚴重的孤島，民眾難以取得。');
    }
    // The range moved right by everything typed before it (offset counts the section's characters).
    expect(covered(alice, threadId).offset).toBe(covered(bob, threadId).offset);
    expect(covered(alice, threadId).offset).toBe('前言：本段說明問題。目前，各機關中央與地方資料分散在不同系統，形成'.length);
  });

  it('[AN3] text typed right at either edge stays outside the range; formatting inside it changes nothing', () => {
    const { alice, bob, threadId } = setUp();
    const at = textContaining(alice, RANGE);
    at.insert(plain(at).indexOf(RANGE), '所謂');
    const bt = textContaining(bob, RANGE);
    bt.insert(plain(bt).indexOf(RANGE) + RANGE.length, '現象');
    bt.format(plain(bt).indexOf(RANGE), 2, { bold: {} });
    exchange(alice, bob);
    expect(textContaining(alice, RANGE).toDelta().length).toBeGreaterThan(1);
    for (const p of [alice, bob]) expect(covered(p, threadId)).toMatchObject({ state: 'attached', text: RANGE });
  });

  it('[AN4] deleting part of the range shrinks it; deleting all of it orphans the thread, which is kept', () => {
    const { alice, bob, threadId } = setUp();
    const at = textContaining(alice, RANGE);
    at.delete(plain(at).indexOf(RANGE), 2);
    exchange(alice, bob);
    for (const p of [alice, bob]) expect(covered(p, threadId)).toMatchObject({ state: 'attached', text: '孤島' });
    // Bob deletes the rest while Alice types elsewhere.
    const bt = textContaining(bob, '孤島');
    bt.delete(plain(bt).indexOf('孤島'), 2);
    paragraphText(alice, 1).insert(0, '另外，');
    exchange(alice, bob);
    for (const p of [alice, bob]) {
      expect(covered(p, threadId)).toEqual({ state: 'orphaned', text: '', offset: expect.any(Number) });
      expect(readThreads(p.comments).map((t) => t.id)).toEqual([threadId]);
    }
  });

  it('[AN5] deleting the whole paragraph orphans the thread, also on a peer that loads the state afterwards', () => {
    const { alice, bob, threadId } = setUp();
    fragmentOf(bob).delete(0, 1);
    exchange(alice, bob);
    expect(covered(alice, threadId).state).toBe('orphaned');
    expect(covered(bob, threadId).state).toBe('orphaned');
    // A newcomer gets the garbage-collected state: the anchored items no longer exist at all.
    const carol = newPeer();
    exchange(alice, carol);
    expect(covered(carol, threadId).state).toBe('orphaned');
    expect(readThreads(carol.comments)).toHaveLength(1);
  });

  it('[AN6] a range across paragraphs covers both parts; losing the second paragraph keeps the first part', () => {
    const alice = newPeer();
    const bob = newPeer();
    const first = addParagraph(fragmentOf(alice), '第一段文字。');
    const second = addParagraph(fragmentOf(alice), '第二段文字。');
    const anchor = anchorBetween(first, 3, second, 2);
    exchange(alice, bob);
    expect(resolveAnchor(bob.doc, fragmentOf(bob), anchor)).toMatchObject({ state: 'attached', text: '文字。\n第二', offset: 3 });
    fragmentOf(bob).delete(1, 1);
    exchange(alice, bob);
    for (const p of [alice, bob]) expect(resolveAnchor(p.doc, fragmentOf(p), anchor)).toMatchObject({ state: 'attached', text: '文字。' });
  });

  it('[AN7] before the commitment text arrives the anchor is pending, not orphaned; undoing a deletion re-attaches it', () => {
    const { alice, threadId } = setUp();
    const late = newPeer();
    Y.applyUpdate(late.comments, Y.encodeStateAsUpdate(alice.comments));
    expect(covered(late, threadId).state).toBe('pending');
    exchange(alice, late);
    expect(covered(late, threadId)).toMatchObject({ state: 'attached', text: RANGE });

    const undo = new Y.UndoManager(fragmentOf(alice));
    const t = textContaining(alice, RANGE);
    t.delete(plain(t).indexOf(RANGE) - 2, RANGE.length + 4);
    expect(covered(alice, threadId).state).toBe('orphaned');
    undo.undo();
    expect(covered(alice, threadId)).toMatchObject({ state: 'attached', text: RANGE });
  });

  it('[AN8] replies and resolve/reopen converge; what a hostile writer puts in the document is skipped or bounded', () => {
    const { alice, bob, threadId } = setUp();
    addReply(bob.comments, threadId, { author: BOB, text: '已補上，請見第二段。', mentions: [{ id: ALICE.id, name: ALICE.name }] });
    addReply(alice.comments, threadId, { author: ALICE, text: '謝謝！', mentions: [] });
    setResolved(bob.comments, threadId, true, BOB);
    exchange(alice, bob);
    for (const p of [alice, bob]) {
      const [t] = readThreads(p.comments);
      expect(t!.resolved).toBe(true);
      expect(t!.resolvedBy).toEqual(BOB);
      expect(t!.comments.map((c) => c.text).sort()).toEqual(['這裡要補上數據來源。', '謝謝！', '已補上，請見第二段。'].sort());
    }
    expect(readThreads(alice.comments)[0]!.comments.map((c) => c.id)).toEqual(readThreads(bob.comments)[0]!.comments.map((c) => c.id));
    setResolved(alice.comments, threadId, false, ALICE);
    exchange(alice, bob);
    expect(readThreads(bob.comments)[0]!.resolved).toBe(false);

    // Junk written straight into the shared map by someone not using the app.
    threadsMap(bob.comments).set('junk', new Y.Map());
    const odd = new Y.Map<unknown>();
    threadsMap(bob.comments).set('odd', odd);
    odd.set('field', 'title<script>');
    odd.set('author', ALICE);
    odd.set('comments', new Y.Array());
    const long = new Y.Map<unknown>();
    threadsMap(bob.comments).set('long', long);
    long.set('field', FIELD);
    long.set('author', { id: 'x', name: 'x'.repeat(1000) });
    long.set('start', new Uint8Array([255, 1, 2]));
    long.set('end', 'not bytes');
    const list = new Y.Array<unknown>();
    long.set('comments', list);
    list.push([{ id: 'c', author: ALICE, text: '長'.repeat(10_000), mentions: 'all' }, 42, null]);
    exchange(alice, bob);
    const threads = readThreads(alice.comments);
    expect(threads.map((t) => t.id).sort()).toEqual(['long', threadId].sort());
    const bad = threads.find((t) => t.id === 'long')!;
    expect(bad.anchor).toBeNull();
    expect(bad.author.name).toHaveLength(100);
    expect(bad.comments).toHaveLength(1);
    expect(bad.comments[0]!.text).toHaveLength(5000);
    expect(bad.comments[0]!.mentions).toEqual([]);
  });
});
