/** Approved public comments of a commitment, each with the working group's answer under it. */
import type { MilestoneJSON } from '../../shared/schema/index.js';
import type { PublicCommentView } from '../../shared/protocol/public.js';
import { formatDate } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import '../comments/publicComments.css';

export function PublicComments({ comments, milestones }: { comments: PublicCommentView[]; milestones: MilestoneJSON[] }) {
  const { t, lang } = useI18n();
  if (comments.length === 0) return <p className="muted">{t('publicNoComments')}</p>;
  return (
    <ol className="public-comments">
      {comments.map((c) => {
        const n = c.milestoneId ? milestones.findIndex((m) => m.id === c.milestoneId) + 1 : 0;
        return (
          <li key={c.id} className="public-comment" data-comment={c.id}>
            <p className="comment-meta">
              <span className="comment-author">{c.name}</span>
              <time className="muted small" dateTime={c.createdAt}>{formatDate(c.createdAt, lang)}</time>
              {n > 0 && <span className="badge">{t('publicOnMilestone', { n })}</span>}
            </p>
            <p className="public-comment-text">{c.text}</p>
            {c.response && (
              <div className="public-response">
                <p className="public-response-title">
                  {t('publicResponse')} · <span className="muted small">{c.response.by.name}, {formatDate(c.response.at, lang)}</span>
                </p>
                <p className="public-comment-text">{c.response.text}</p>
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
