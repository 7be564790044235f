/**
 * Binds an <input> or <textarea> to a Y.Text, character by character: local typing becomes
 * the minimal delete/insert (so concurrent typing in the same field merges), remote changes
 * update the field without moving the caret, IME composition (Zhuyin, Cangjie…) is committed
 * only when it ends, and Ctrl+Z / Ctrl+Shift+Z undo only this person's own typing.
 */
import { useEffect, useRef } from 'react';
import * as Y from 'yjs';
import { diffText, mapPosition, type TextDelta } from './textDiff.js';

type TextField = HTMLInputElement | HTMLTextAreaElement;

export interface YTextBindingOptions {
  /** Runs inside the transaction of every local edit (e.g. markTranslated for English). */
  onLocalChange?: () => void;
}

/** Returns the ref to put on the field; the field must be uncontrolled (no `value` prop). */
export function useYText<T extends TextField>(ytext: Y.Text | undefined, options: YTextBindingOptions = {}) {
  const ref = useRef<T>(null);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  useEffect(() => {
    const el = ref.current;
    if (!el || !ytext) return;
    return bindYText(el, ytext, () => optionsRef.current.onLocalChange?.());
  }, [ytext]);

  return ref;
}

/** The binding without React, so it can be used and tested on any field. Returns unbind. */
export function bindYText(el: TextField, ytext: Y.Text, onLocalChange: () => void = () => {}): () => void {
  const origin = { binding: 'y-text-field' };
  const undoManager = new Y.UndoManager(ytext, { trackedOrigins: new Set([origin]), captureTimeout: 500 });
  // What the field showed the last time it and the Y.Text agreed.
  let shadow = ytext.toString();
  let composing = false;
  // Remote changes that arrived while an IME composition could not be disturbed.
  let pending: TextDelta[] = [];
  el.value = shadow;

  const commitLocal = () => {
    const value = el.value;
    if (value === shadow && pending.length === 0) return;
    const edit = diffText(shadow, value, el.selectionEnd ?? undefined);
    let start = edit.index;
    let end = edit.index + edit.remove;
    for (const delta of pending) {
      start = mapPosition(start, delta, 'before');
      end = Math.max(start, mapPosition(end, delta, 'before'));
    }
    const hadPending = pending.length > 0;
    pending = [];
    if (end > start || edit.insert) {
      ytext.doc!.transact(() => {
        if (end > start) ytext.delete(start, end - start);
        if (edit.insert) ytext.insert(start, edit.insert);
        onLocalChange();
      }, origin);
    }
    shadow = ytext.toString();
    if (hadPending || el.value !== shadow) {
      el.value = shadow;
      const caret = start + edit.insert.length;
      if (document.activeElement === el) el.setSelectionRange(caret, caret);
    }
  };

  const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return;
    const delta = event.delta as TextDelta;
    if (composing) {
      pending.push(delta);
      return;
    }
    const focused = document.activeElement === el;
    const { selectionStart, selectionEnd, selectionDirection } = el;
    shadow = ytext.toString();
    el.value = shadow;
    if (focused && selectionStart !== null && selectionEnd !== null) {
      // After one's own undo the caret follows the restored text; remote typing at the caret goes after it.
      const assoc = transaction.origin === undoManager ? 'after' : 'before';
      el.setSelectionRange(mapPosition(selectionStart, delta, assoc), mapPosition(selectionEnd, delta, assoc), selectionDirection ?? undefined);
    }
  };

  const onInput = (event: Event) => {
    if (composing || (event as InputEvent).isComposing) return;
    commitLocal();
  };
  const onCompositionStart = () => {
    composing = true;
  };
  const onCompositionEnd = () => {
    composing = false;
    commitLocal();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || composing) return;
    const key = event.key.toLowerCase();
    const redo = (key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey);
    if (key !== 'z' && !redo) return;
    // The browser's own undo would restore text the Y.Text no longer has.
    event.preventDefault();
    if (redo) undoManager.redo();
    else undoManager.undo();
  };
  const onBlur = () => undoManager.stopCapturing();

  ytext.observe(observer);
  // The union type of `el` hides the per-event overloads of addEventListener.
  const target: HTMLElement = el;
  target.addEventListener('input', onInput);
  target.addEventListener('compositionstart', onCompositionStart);
  target.addEventListener('compositionend', onCompositionEnd);
  target.addEventListener('keydown', onKeyDown);
  target.addEventListener('blur', onBlur);
  return () => {
    ytext.unobserve(observer);
    target.removeEventListener('input', onInput);
    target.removeEventListener('compositionstart', onCompositionStart);
    target.removeEventListener('compositionend', onCompositionEnd);
    target.removeEventListener('keydown', onKeyDown);
    target.removeEventListener('blur', onBlur);
    undoManager.destroy();
  };
}
