/** Writing the first comment of a new thread on the text just selected. */
import { useState } from 'react';
import { charCount } from '../../shared/protocol/public.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { CommentsController, Draft } from './CommentsController.js';
import { fieldName } from './fieldName.js';
import { mentionsIn } from './mentions.js';
import { MentionTextarea } from './MentionTextarea.js';
import { COMMENT_TEXT_MAX } from './threads.js';

export function DraftForm({ draft, controller, ready }: { draft: Draft; controller: CommentsController; ready: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [text, setText] = useState('');
  const tooLong = charCount(text) > COMMENT_TEXT_MAX;
  const send = () => {
    if (!text.trim() || tooLong || !ready) return;
    controller.submitDraft(text, mentionsIn(text, controller.people));
  };
  return (
    <form className="thread thread-draft" onSubmit={(e) => (e.preventDefault(), send())} aria-labelledby="comment-draft-heading">
      <h3 id="comment-draft-heading" className="thread-head">{t('commentNew')} · {fieldName(draft.field, i18n)}</h3>
      <blockquote className="thread-quote">{draft.quote}</blockquote>
      <MentionTextarea label={t('commentText')} value={text} onChange={setText} people={controller.people} autoFocus onSubmit={send} />
      {tooLong && <p className="field-error" role="alert">{t('commentTooLong', { max: COMMENT_TEXT_MAX, count: charCount(text) })}</p>}
      <div className="thread-actions">
        <button type="submit" className="button small primary" disabled={!text.trim() || tooLong || !ready}>{t('commentSubmit')}</button>
        <button type="button" className="button small" onClick={() => controller.cancelDraft()}>{t('cancel')}</button>
      </div>
    </form>
  );
}
