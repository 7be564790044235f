/** The <input>/<textarea> ↔ Y.Text binding in a DOM: typing, remote edits, IME, own-only undo. */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindYText } from '../../../../client/editor/bindings/useYText.js';

function setup(initial = '') {
  const local = new Y.Doc();
  const remote = new Y.Doc();
  remote.getText('t').insert(0, initial);
  Y.applyUpdate(local, Y.encodeStateAsUpdate(remote));
  // Deliver each doc's updates to the other, as a provider would.
  local.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(remote, u, 'net'));
  remote.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(local, u, 'net'));
  const el = document.createElement('input');
  document.body.append(el);
  el.focus();
  const unbind = bindYText(el, local.getText('t'));
  return { el, text: local.getText('t'), remoteText: remote.getText('t'), unbind };
}

/** What the browser does when someone types: new value, caret after the typed text, input event. */
function type(el: HTMLInputElement, value: string, caret: number, composing = false) {
  el.value = value;
  el.setSelectionRange(caret, caret);
  el.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: composing }));
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('bindYText', () => {
  it('shows the current text and sends typing as a minimal edit', () => {
    const { el, remoteText } = setup('資料開放');
    expect(el.value).toBe('資料開放');
    type(el, '政府資料開放', 2);
    expect(remoteText.toString()).toBe('政府資料開放');
  });

  it('keeps the caret in place when someone else types before it', () => {
    const { el, remoteText } = setup('辦理場次');
    el.setSelectionRange(2, 2);
    remoteText.insert(0, '每年');
    expect(el.value).toBe('每年辦理場次');
    expect([el.selectionStart, el.selectionEnd]).toEqual([4, 4]);
    remoteText.insert(6, '3 場');
    expect([el.selectionStart, el.selectionEnd]).toEqual([4, 4]);
  });

  it('merges concurrent typing in the same field instead of overwriting', () => {
    const { el, text, remoteText } = setup('abc');
    type(el, 'abcX', 4);
    remoteText.insert(0, 'Y');
    expect(text.toString()).toBe('YabcX');
    expect(el.value).toBe('YabcX');
  });

  it('holds an IME composition until it ends, then merges it with remote edits made meanwhile', () => {
    const { el, text, remoteText } = setup('計畫');
    el.dispatchEvent(new CompositionEvent('compositionstart'));
    type(el, '計畫ㄗ', 3, true);
    expect(text.toString()).toBe('計畫');
    remoteText.insert(0, '本');
    // The field is left alone so the IME is not disturbed.
    expect(el.value).toBe('計畫ㄗ');
    type(el, '計畫資', 3, true);
    el.dispatchEvent(new CompositionEvent('compositionend'));
    expect(text.toString()).toBe('本計畫資');
    expect(remoteText.toString()).toBe('本計畫資');
    expect(el.value).toBe('本計畫資');
    expect(el.selectionStart).toBe(4);
  });

  it('undoes only this person\'s typing (Ctrl+Z, Ctrl+Shift+Z)', () => {
    const { el, text, remoteText } = setup('');
    type(el, '我的', 2);
    remoteText.insert(2, '他的');
    expect(el.value).toBe('我的他的');
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, cancelable: true }));
    expect(text.toString()).toBe('他的');
    expect(el.value).toBe('他的');
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, shiftKey: true, bubbles: true, cancelable: true }));
    expect(text.toString()).toBe('我的他的');
  });

  it('calls onLocalChange inside local edits only, and stops after unbinding', () => {
    const doc = new Y.Doc();
    const t = doc.getText('t');
    const el = document.createElement('textarea');
    document.body.append(el);
    let calls = 0;
    let inTransaction = false;
    const unbind = bindYText(el, t, () => {
      calls++;
      inTransaction = (doc as unknown as { _transaction: unknown })._transaction !== null;
    });
    el.value = 'x';
    el.dispatchEvent(new InputEvent('input'));
    t.insert(0, 'remote');
    expect(calls).toBe(1);
    expect(inTransaction).toBe(true);
    unbind();
    t.insert(0, 'later');
    expect(el.value).toBe('remotex');
  });
});
