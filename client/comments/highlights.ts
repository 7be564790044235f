/**
 * Marks the ranges of a section's open comment threads in its editor (inline decorations, so
 * the document itself is untouched) and opens a thread when its marked text is clicked.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { CommentsController } from './CommentsController.js';
import { rangeOfAnchor } from './editorAnchors.js';

/** The highlight extension of one editor (`field` is `section.<key>.<lang>`). */
export function commentHighlights(controller: CommentsController, field: string) {
  const key = new PluginKey(`commentHighlights:${field}`);
  return Extension.create({
    name: 'commentHighlights',
    addProseMirrorPlugins() {
      return [
        new Plugin({
          key,
          view(view) {
            // Threads change in another document: ask the view to redraw its decorations.
            const unsubscribe = controller.subscribe(() => {
              if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(key, true).setMeta('addToHistory', false));
            });
            return { destroy: unsubscribe };
          },
          props: {
            decorations(state) {
              const marks: Decoration[] = [];
              for (const t of controller.anchorsFor(field)) {
                const range = rangeOfAnchor(state, t.anchor);
                if (!range) continue;
                marks.push(Decoration.inline(range.from, range.to, { class: t.active ? 'comment-mark is-active' : 'comment-mark', 'data-thread': t.id }));
              }
              return marks.length ? DecorationSet.create(state.doc, marks) : null;
            },
            handleClick(_view, _pos, event) {
              const mark = (event.target as HTMLElement | null)?.closest?.('[data-thread]');
              if (mark) controller.activate(mark.getAttribute('data-thread'));
              return false;
            },
          },
        }),
      ];
    },
  });
}
