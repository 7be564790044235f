/** "Comment" under a section editor: opens a new thread on the text selected in it (read-only editors too). */
import type { Editor } from '@tiptap/react';
import { useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import { useCommentsController } from './CommentsContext.js';
import { anchorOfRange, domSelectionRange } from './editorAnchors.js';

export function CommentButton({ editor, field, name }: { editor: Editor | null; field: string; name: string }) {
  const { t } = useI18n();
  const controller = useCommentsController();
  const [hint, setHint] = useState(false);
  if (!controller || !editor) return null;

  const start = () => {
    const { from, to } = editor.state.selection;
    const range = domSelectionRange(editor.view) ?? (to > from ? { from, to, text: editor.state.doc.textBetween(from, to, '\n') } : null);
    const anchor = range && anchorOfRange(editor.state, range.from, range.to);
    if (!range || !anchor || !range.text.trim()) {
      setHint(true);
      return;
    }
    setHint(false);
    controller.startDraft({ field, anchor, quote: range.text });
  };

  return (
    <div className="rt-comment-bar">
      <button
        type="button"
        className="button small comment-add"
        aria-label={t('commentAddLabel', { field: name })}
        // Keep the text selection: it is what the comment is about.
        onMouseDown={(e) => e.preventDefault()}
        onClick={start}
      >
        {t('commentAdd')}
      </button>
      <span role="status" className="hint">{hint ? t('commentSelectFirst', { field: name }) : ''}</span>
    </div>
  );
}
