/** Route `/plans/:planId/moderation`: the public's comments waiting for (and past) moderation, with the CSV record. */
import { useEffect, useState } from 'react';
import type { ModerationItem, PublicCommentStatus } from '../../shared/protocol/public.js';
import { useApi } from '../api/useApi.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Link } from '../router/Link.js';
import { planPath } from '../router/routes.js';
import { SegmentedControl } from '../ui/SegmentedControl.js';
import { ErrorState, Loading } from '../ui/States.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import { commentsApi } from './api.js';
import { ModerationCard } from './ModerationCard.js';
import './publicComments.css';
import { apiErrorText } from '../api/errorText.js';

type Filter = PublicCommentStatus | 'all';

export function ModerationPage({ planId }: { planId: string }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<Filter>('pending');
  const [result, reload] = useApi(`moderation:${planId}:${filter}`, (signal) => commentsApi.queue(planId, filter, signal));
  const [items, setItems] = useState<ModerationItem[]>([]);
  useEffect(() => {
    if (result.state === 'ready') setItems(result.data.comments);
  }, [result]);
  useDocumentTitle(`${t('moderationTitle')} · ${t('appName')}`);

  return (
    <div className="page moderation-page">
      <div className="page-head">
        <p className="eyebrow"><Link href={planPath(planId)}>{t('backToPlan')}</Link></p>
        <h1 className="page-title">{t('moderationTitle')}</h1>
        <p className="muted">{t('moderationIntro')}</p>
        <p><a className="button small" href={commentsApi.csvUrl(planId)} download>{t('moderationCsv')}</a></p>
      </div>
      <SegmentedControl<Filter>
        legend={t('moderationFilter')}
        value={filter}
        onChange={setFilter}
        options={[
          { value: 'pending', label: t('moderationPending') },
          { value: 'approved', label: t('moderationApproved') },
          { value: 'rejected', label: t('moderationRejected') },
          { value: 'all', label: t('moderationAll') },
        ]}
      />
      {result.state === 'loading' && <Loading />}
      {result.state === 'error' && (
        <ErrorState title={t('errorTitle')} onRetry={result.error.status === 403 ? undefined : reload}>
          <p>{apiErrorText(t, result.error)}</p>
        </ErrorState>
      )}
      {result.state === 'ready' && (items.length === 0 ? <p className="empty-note">{t('moderationEmpty')}</p> : (
        <div className="moderation-list">
          {items.map((item) => (
            <ModerationCard key={item.id} item={item} onChange={(next) => setItems((list) => list.map((i) => (i.id === next.id ? next : i)))} />
          ))}
        </div>
      ))}
    </div>
  );
}
