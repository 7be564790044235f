/** One public comment in the moderation queue: what was said, approve/reject, the working group's answer. */
import { useState } from 'react';
import { charCount, PUBLIC_COMMENT_LIMITS, type ModerationItem } from '../../shared/protocol/public.js';
import { formatDate } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Link } from '../router/Link.js';
import { commitmentPath } from '../router/routes.js';
import { commentsApi } from './api.js';
import { apiErrorText } from '../api/errorText.js';

const STATUS_KEY = { pending: 'moderationPending', approved: 'moderationApproved', rejected: 'moderationRejected' } as const;

export function ModerationCard({ item, onChange }: { item: ModerationItem; onChange: (next: ModerationItem) => void }) {
  const { t, lang } = useI18n();
  const [response, setResponse] = useState(item.response?.text ?? '');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async (call: () => Promise<{ comment: ModerationItem }>, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      const { comment } = await call();
      onChange(comment);
      setMessage({ ok: true, text: done });
    } catch (err) {
      setMessage({ ok: false, text: apiErrorText(t, err) });
    } finally {
      setBusy(false);
    }
  };
  const tooLong = charCount(response) > PUBLIC_COMMENT_LIMITS.response;
  const title = item.commitmentTitle[lang] || item.commitmentTitle.zh;

  return (
    <article className="moderation-card" aria-labelledby={`mod-${item.id}`} data-status={item.status}>
      <header className="moderation-head">
        <h2 id={`mod-${item.id}`} className="moderation-who">{item.name}</h2>
        <span className={`badge status-${item.status}`}>{t(STATUS_KEY[item.status])}</span>
        <time className="muted small" dateTime={item.createdAt}>{formatDate(item.createdAt, lang)}</time>
      </header>
      <p className="small">
        <Link href={commitmentPath(item.commitmentId)}>{item.commitmentNumber} {title}</Link>
        {item.milestoneText && <span className="muted"> · {t('moderationMilestone', { text: item.milestoneText[lang] || item.milestoneText.zh })}</span>}
      </p>
      {item.email && <p className="small">{t('moderationEmail')}: <a href={`mailto:${item.email}`}>{item.email}</a></p>}
      <p className="public-comment-text">{item.text}</p>
      {item.canModerate ? (
        <>
          <div className="thread-actions">
            <button type="button" className="button small primary" disabled={busy || item.status === 'approved'} onClick={() => void run(() => commentsApi.moderate(item.id, 'approve'), t('moderationApprovedNow'))}>
              {t('moderationApprove')}
            </button>
            <button type="button" className="button small" disabled={busy || item.status === 'rejected'} onClick={() => void run(() => commentsApi.moderate(item.id, 'reject'), t('moderationRejectedNow'))}>
              {t('moderationReject')}
            </button>
          </div>
          <form className="moderation-response" onSubmit={(e) => (e.preventDefault(), void run(() => commentsApi.respond(item.id, response), t('moderationResponseSaved')))}>
            <label htmlFor={`resp-${item.id}`}>{t('moderationResponse')}</label>
            <textarea id={`resp-${item.id}`} rows={3} value={response} onChange={(e) => setResponse(e.target.value)} />
            {tooLong && <p className="field-error" role="alert">{t('commentTooLong', { max: PUBLIC_COMMENT_LIMITS.response, count: charCount(response) })}</p>}
            <button type="submit" className="button small" disabled={busy || !response.trim() || tooLong}>{t('moderationSaveResponse')}</button>
          </form>
        </>
      ) : (
        <>
          {item.response && <p className="public-response"><strong>{t('publicResponse')}：</strong>{item.response.text}</p>}
          <p className="hint">{t('moderationNotYours')}</p>
        </>
      )}
      <p role="status" className={message?.ok === false ? 'field-error' : 'hint'}>{message?.text ?? ''}</p>
    </article>
  );
}
