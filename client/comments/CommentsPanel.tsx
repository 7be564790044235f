/** The side panel of a commitment: its open comment threads in reading order, a new one being written, the resolved ones on request. */
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import { useComments } from './CommentsContext.js';
import { DraftForm } from './DraftForm.js';
import { ThreadCard } from './ThreadCard.js';
import './comments.css';

export function CommentsPanel() {
  const { t } = useI18n();
  const { controller, snapshot, status } = useComments();
  const [showResolved, setShowResolved] = useState(false);
  const threads = snapshot.threads ?? [];
  const open = threads.filter((th) => !th.resolved);
  const resolved = threads.filter((th) => th.resolved);

  // A mark clicked in the text brings its thread into view.
  useEffect(() => {
    if (snapshot.activeId) document.getElementById(`thread-${snapshot.activeId}`)?.scrollIntoView({ block: 'nearest' });
  }, [snapshot.activeId]);

  return (
    <aside className="comments-panel" aria-labelledby="comments-heading">
      <h2 id="comments-heading" className="comments-title">
        {t('commentsHeading')} <span className="badge">{t('commentsOpenCount', { count: open.length })}</span>
      </h2>
      {status.state === 'offline' && <p className="notice small">{t('commentsOffline')}</p>}
      {status.state === 'refused' && <p className="notice notice-error small" role="alert">{t('commentsRefused', { reason: status.reason ?? '' })}</p>}
      {snapshot.draft && <DraftForm key={`${snapshot.draft.field}:${snapshot.draft.quote}`} draft={snapshot.draft} controller={controller} ready={snapshot.threads !== null} />}
      {snapshot.threads === null && status.state !== 'refused' ? (
        <p className="muted small" role="status">{t('commentsLoading')}</p>
      ) : open.length === 0 && !snapshot.draft ? (
        <p className="muted small">{t('commentsEmpty')}</p>
      ) : null}
      <div className="thread-list">
        {open.map((th) => (
          <ThreadCard key={th.id} thread={th} active={th.id === snapshot.activeId} controller={controller} />
        ))}
      </div>
      {resolved.length > 0 && (
        <>
          <button type="button" className="link-button" aria-expanded={showResolved} onClick={() => setShowResolved((v) => !v)}>
            {showResolved ? t('commentsHideResolved') : t('commentsShowResolved', { count: resolved.length })}
          </button>
          {showResolved && (
            <div className="thread-list">
              {resolved.map((th) => (
                <ThreadCard key={th.id} thread={th} active={th.id === snapshot.activeId} controller={controller} />
              ))}
            </div>
          )}
        </>
      )}
    </aside>
  );
}
