// @vitest-environment jsdom
/**
 * Comment anchors through a real TipTap editor bound to Yjs (jsdom): an anchor made from an
 * editor range marks the same text after a remote peer's edits, a range at the very start of
 * the section is marked too (y-tiptap's drag-and-drop guard would drop it), and the highlight
 * extension draws the marks. Rules: EA1–EA3.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { anchorOfRange, rangeOfAnchor } from '../../client/comments/editorAnchors.js';
import { resolveAnchor } from '../../client/comments/anchors.js';
import { CommentsController } from '../../client/comments/CommentsController.js';
import { commentHighlights } from '../../client/comments/highlights.js';
import { sectionFragment } from '../../shared/schema/index.js';
import { schemaExtensions } from '../../shared/schema/extensions.js';

const editors: Editor[] = [];
afterEach(() => {
  for (const e of editors.splice(0)) e.destroy();
});

function seeded(paragraphs: string[]): Y.Doc {
  const doc = new Y.Doc();
  const fragment = sectionFragment(doc, 'problem', 'zh');
  for (const text of paragraphs) {
    const p = new Y.XmlElement('paragraph');
    fragment.insert(fragment.length, [p]);
    const t = new Y.XmlText();
    p.insert(0, [t]);
    t.insert(0, text);
  }
  return doc;
}

function editorOn(doc: Y.Doc, extra: ReturnType<typeof commentHighlights>[] = []): Editor {
  const element = document.createElement('div');
  document.body.appendChild(element);
  const editor = new Editor({ element, extensions: [...schemaExtensions(), Collaboration.configure({ fragment: sectionFragment(doc, 'problem', 'zh') }), ...extra] });
  editors.push(editor);
  return editor;
}

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};
const covered = (editor: Editor, range: { from: number; to: number } | null) => (range ? editor.state.doc.textBetween(range.from, range.to, '\n') : null);

describe('anchors through the editor', () => {
  it('[EA1] a range from the very start of the section is anchored and marked', () => {
    const doc = seeded(['各機關資料分散在不同系統。']);
    const editor = editorOn(doc);
    const anchor = anchorOfRange(editor.state, 1, 4)!;
    expect(resolveAnchor(doc, sectionFragment(doc, 'problem', 'zh'), anchor)).toMatchObject({ state: 'attached', text: '各機關' });
    expect(covered(editor, rangeOfAnchor(editor.state, anchor))).toBe('各機關');
  });

  it('[EA2] after a remote peer types before and inside the range, and adds a paragraph, the mark covers the same text plus what was typed inside', () => {
    const doc = seeded(['第一段：各機關資料分散在不同系統。', '第二段。']);
    const remote = new Y.Doc();
    sync(doc, remote);
    const editor = editorOn(doc);
    const start = editor.state.doc.textContent.indexOf('資料分散') + 1;
    const anchor = anchorOfRange(editor.state, start, start + 4)!;
    const p = (sectionFragment(remote, 'problem', 'zh').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    p.insert(0, '前言，');
    p.insert(p.toString().indexOf('分散'), '嚴重');
    const np = new Y.XmlElement('paragraph');
    sectionFragment(remote, 'problem', 'zh').insert(0, [np]);
    sync(doc, remote);
    expect(covered(editor, rangeOfAnchor(editor.state, anchor))).toBe('資料嚴重分散');
    // Across paragraphs, and gone when its text is deleted.
    const across = anchorOfRange(editor.state, editor.state.doc.textContent.indexOf('系統') + 3, editor.state.doc.content.size - 2)!;
    expect(resolveAnchor(doc, sectionFragment(doc, 'problem', 'zh'), across).text).toBe('系統。\n第二段');
    p.delete(p.toString().indexOf('資料'), 6);
    sync(doc, remote);
    expect(rangeOfAnchor(editor.state, anchor)).toBeNull();
  });

  it('[EA3] the highlight extension marks open threads of its field and follows new threads live', () => {
    const doc = seeded(['公開申請案件的准駁統計。']);
    const comments = new Y.Doc();
    const controller = new CommentsController(doc, { id: 'u-1', name: '林', affiliation: 'civil_society' });
    controller.attach(comments);
    const editor = editorOn(doc, [commentHighlights(controller, 'section.problem.zh')]);
    expect(editor.view.dom.querySelectorAll('.comment-mark')).toHaveLength(0);
    controller.startDraft({ field: 'section.problem.zh', anchor: anchorOfRange(editor.state, 3, 7)!, quote: '申請案件' });
    const id = controller.submitDraft('請補充', [])!;
    const marks = editor.view.dom.querySelectorAll('.comment-mark');
    expect([...marks].map((m) => m.textContent)).toEqual(['申請案件']);
    expect(marks[0]!.getAttribute('data-thread')).toBe(id);
    expect(marks[0]!.classList.contains('is-active')).toBe(true);
    controller.setResolved(id, true);
    expect(editor.view.dom.querySelectorAll('.comment-mark')).toHaveLength(0);
  });
});
