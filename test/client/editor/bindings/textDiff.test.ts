/** The Y.Text field binding's diff: minimal, cursor-aware, surrogate-safe, and position mapping. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyEdit, diffText, mapPosition, type TextDelta } from '../../../../client/editor/bindings/textDiff.js';

describe('diffText', () => {
  const cases: Array<[string, string, number | undefined, { index: number; remove: number; insert: string }]> = [
    ['', '', undefined, { index: 0, remove: 0, insert: '' }],
    ['', '資料開放', undefined, { index: 0, remove: 0, insert: '資料開放' }],
    ['資料開放', '政府資料開放', undefined, { index: 0, remove: 0, insert: '政府' }],
    ['政府資料開放', '政府開放', undefined, { index: 2, remove: 2, insert: '' }],
    ['辦理 3 場', '辦理 5 場', undefined, { index: 3, remove: 1, insert: '5' }],
    ['abc', 'xyz', undefined, { index: 0, remove: 3, insert: 'xyz' }],
    // Repeated text: without a cursor the insert goes last; the cursor picks the real spot.
    ['aa', 'aaa', undefined, { index: 2, remove: 0, insert: 'a' }],
    ['aa', 'aaa', 1, { index: 0, remove: 0, insert: 'a' }],
    ['aaa', 'aa', 0, { index: 0, remove: 1, insert: '' }],
    ['會議會議', '會議會議會議', 2, { index: 0, remove: 0, insert: '會議' }],
  ];
  it.each(cases)('%j → %j (cursor %s)', (before, after, cursor, expected) => {
    const edit = diffText(before, after, cursor);
    expect(edit).toEqual(expected);
    expect(applyEdit(before, edit)).toBe(after);
  });

  it('never splits a surrogate pair (CJK Extension B)', () => {
    // 𠮷 and 𠮾 share their high surrogate.
    const edit = diffText('𠮷野家', '𠮾野家');
    expect(edit).toEqual({ index: 0, remove: 2, insert: '𠮾' });
    const tail = diffText('野𠮷', '野𠮾');
    expect(tail).toEqual({ index: 1, remove: 2, insert: '𠮾' });
  });

  it('always reproduces the target string (random pairs)', () => {
    let state = 42;
    const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const alphabet = ['a', 'b', '資', '料', '𠮷', ' '];
    const word = () => Array.from({ length: Math.floor(random() * 8) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let i = 0; i < 500; i++) {
      const [before, after] = [word(), word()];
      const cursor = random() < 0.5 ? Math.floor(random() * (after.length + 1)) : undefined;
      const edit = diffText(before, after, cursor);
      expect(applyEdit(before, edit)).toBe(after);
      // Minimal: what is kept around the edit is as long as it can be for some split.
      expect(edit.remove + edit.insert.length).toBeLessThanOrEqual(before.length + after.length);
    }
  });
});

describe('mapPosition', () => {
  const deltaOf = (edit: (t: Y.Text) => void, initial = 'abcdef'): TextDelta => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, initial);
    let delta: TextDelta = [];
    text.observe((e) => (delta = e.delta as TextDelta));
    edit(text);
    return delta;
  };

  it('shifts a caret after a remote insert before it, not after one after it', () => {
    const delta = deltaOf((t) => t.insert(1, 'XY'));
    expect(mapPosition(4, delta)).toBe(6);
    expect(mapPosition(0, delta)).toBe(0);
  });

  it('keeps a caret before text typed exactly at it, unless asked to follow', () => {
    const delta = deltaOf((t) => t.insert(3, 'XY'));
    expect(mapPosition(3, delta, 'before')).toBe(3);
    expect(mapPosition(3, delta, 'after')).toBe(5);
  });

  it('pulls a caret back over a remote delete, and into its start when inside it', () => {
    const delta = deltaOf((t) => t.delete(1, 3));
    expect(mapPosition(5, delta)).toBe(2);
    expect(mapPosition(2, delta)).toBe(1);
  });
});
