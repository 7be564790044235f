/** One comment thread in the side panel: where it is, its comments, reply, resolve/reopen. */
import { useEffect, useRef, useState } from 'react';
import { charCount } from '../../shared/protocol/public.js';
import { formatRelative } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { CommentsController, ThreadView } from './CommentsController.js';
import { CommentText } from './CommentText.js';
import { fieldName } from './fieldName.js';
import { mentionsIn } from './mentions.js';
import { MentionTextarea } from './MentionTextarea.js';
import { COMMENT_TEXT_MAX } from './threads.js';

interface Props {
  thread: ThreadView;
  active: boolean;
  controller: CommentsController;
}

/** Brings the thread's marked text into view in its editor. */
const showInText = (id: string) => document.querySelector(`[data-thread="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });

export function ThreadCard({ thread, active, controller }: Props) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [reply, setReply] = useState('');
  const card = useRef<HTMLElement>(null);
  // "Reply" disappears as the thread opens: its focus would fall to the page and typing be lost.
  const focusReply = useRef(false);
  useEffect(() => {
    if (!active || !focusReply.current) return;
    focusReply.current = false;
    card.current?.querySelector<HTMLTextAreaElement>('.thread-reply textarea')?.focus();
  }, [active]);
  const me = controller.author.id;
  const where = fieldName(thread.field, i18n);
  const mentionsMe = thread.comments.some((c) => c.mentions.some((m) => m.id === me));
  const tooLong = charCount(reply) > COMMENT_TEXT_MAX;
  const send = () => {
    if (!reply.trim() || tooLong) return;
    controller.reply(thread.id, reply, mentionsIn(reply, controller.people));
    setReply('');
  };
  const quote = thread.at.state === 'attached' ? thread.at.text : thread.quote;

  return (
    <article
      ref={card}
      id={`thread-${thread.id}`}
      className={`thread${active ? ' is-active' : ''}${thread.resolved ? ' is-resolved' : ''}`}
      aria-label={t('commentThreadLabel', { field: where, quote: quote.slice(0, 40) })}
      data-state={thread.at.state}
      onClick={() => controller.activate(thread.id)}
    >
      <header className="thread-head">
        <span className="thread-field">{where}</span>
        {thread.at.state === 'orphaned' && <span className="badge badge-orphaned" title={t('commentOrphanedHint')}>{t('commentOrphaned')}</span>}
        {thread.at.state === 'pending' && <span className="badge">{t('commentPending')}</span>}
        {mentionsMe && <span className="badge badge-mention">{t('commentMentionsYou')}</span>}
      </header>
      <blockquote className={`thread-quote${thread.at.state === 'orphaned' ? ' is-orphaned' : ''}`}>{quote}</blockquote>
      {thread.at.state === 'orphaned' && <p className="hint">{t('commentOrphanedHint')}</p>}
      <ol className="thread-comments">
        {thread.comments.map((c) => (
          <li key={c.id}>
            <p className="comment-meta">
              <span className="comment-author">{c.author.name}</span>
              <span className="muted small">{c.author.affiliation === 'agency' ? t('affiliationAgency') : t('affiliationCivil')}</span>
              <time className="muted small" dateTime={new Date(c.at).toISOString()}>{formatRelative(new Date(c.at).toISOString(), lang)}</time>
            </p>
            <CommentText text={c.text} mentions={c.mentions} meId={me} />
          </li>
        ))}
      </ol>
      {thread.resolved && thread.resolvedBy && <p className="muted small">{t('commentResolvedBy', { name: thread.resolvedBy.name })}</p>}
      <div className="thread-actions">
        {thread.at.state === 'attached' && !thread.resolved && (
          <button type="button" className="link-button" onClick={(e) => (e.stopPropagation(), controller.activate(thread.id), showInText(thread.id))}>
            {t('commentShowInText')}
          </button>
        )}
        {!active && !thread.resolved && (
          <button type="button" className="link-button" onClick={(e) => (e.stopPropagation(), (focusReply.current = true), controller.activate(thread.id))}>
            {t('commentReply')}
          </button>
        )}
        <button type="button" className="button small" onClick={(e) => (e.stopPropagation(), controller.setResolved(thread.id, !thread.resolved))}>
          {thread.resolved ? t('commentReopen') : t('commentResolve')}
        </button>
      </div>
      {active && !thread.resolved && (
        <form className="thread-reply" onSubmit={(e) => (e.preventDefault(), send())} onClick={(e) => e.stopPropagation()}>
          <MentionTextarea label={t('commentReplyLabel')} value={reply} onChange={setReply} people={controller.people} onSubmit={send} />
          {tooLong && <p className="field-error" role="alert">{t('commentTooLong', { max: COMMENT_TEXT_MAX, count: charCount(reply) })}</p>}
          <button type="submit" className="button small primary" disabled={!reply.trim() || tooLong}>{t('commentSendReply')}</button>
        </form>
      )}
    </article>
  );
}
