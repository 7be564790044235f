/** Route `/plans/:planId/timeline`: review meetings, snapshots and milestone due dates; coordinators publish a snapshot from here. */
import { useState } from 'react';
import type { TimelineItem, TimelineResponse } from '../../shared/protocol/public.js';
import { getJson } from '../api/http.js';
import { useApi } from '../api/useApi.js';
import { commentsApi } from '../comments/api.js';
import { formatDate } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useIdentity } from '../identity/IdentityProvider.js';
import { Link } from '../router/Link.js';
import { commitmentPath, planPath } from '../router/routes.js';
import { ErrorState, Loading } from '../ui/States.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import { TimelineList } from './TimelineList.js';
import { apiErrorText } from '../api/errorText.js';

const timeline = (planId: string, signal: AbortSignal) => getJson<TimelineResponse>(`/api/plans/${encodeURIComponent(planId)}/timeline`, signal);

export function TimelinePage({ planId }: { planId: string }) {
  const { t, lang } = useI18n();
  const { identity } = useIdentity();
  const [result, reload] = useApi(`timeline:${planId}`, (signal) => timeline(planId, signal));
  const [showMilestones, setShowMilestones] = useState(true);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useDocumentTitle(`${t('timelineTitle')} · ${t('appName')}`);
  const coordinator = identity?.role === 'coordinator';

  const publish = async (item: TimelineItem & { kind: 'snapshot' }) => {
    try {
      await commentsApi.publish(item.cycleId);
      setMessage({ ok: true, text: t('timelinePublishedNow', { label: item.label }) });
      reload();
    } catch (err) {
      setMessage({ ok: false, text: apiErrorText(t, err) });
    }
  };
  const extra = (item: TimelineItem) =>
    coordinator && item.kind === 'snapshot' && !item.published ? (
      <button type="button" className="button small" onClick={() => void publish(item)}>{t('timelinePublish')}</button>
    ) : null;

  if (result.state === 'loading') return <div className="page"><Loading /></div>;
  if (result.state === 'error') {
    return (
      <div className="page">
        <ErrorState title={t('errorTitle')} onRetry={result.error.isNotFound ? undefined : reload}>
          <p>{apiErrorText(t, result.error)}</p>
        </ErrorState>
      </div>
    );
  }
  const data = result.data;
  const items = showMilestones ? data.items : data.items.filter((i) => i.kind !== 'milestone');
  return (
    <div className="page timeline-page">
      <div className="page-head">
        <p className="eyebrow"><Link href={planPath(planId)}>{t('backToPlan')}</Link></p>
        <h1 className="page-title">{t('timelineTitle')}</h1>
        <p className="muted">{t('planPeriod', { start: formatDate(data.periodStart, lang), end: formatDate(data.periodEnd, lang) })}</p>
        <label className="tl-toggle">
          <input type="checkbox" checked={showMilestones} onChange={(e) => setShowMilestones(e.target.checked)} /> {t('timelineShowMilestones')}
        </label>
      </div>
      <p role="status" className={message?.ok === false ? 'field-error' : 'hint'}>{message?.text ?? ''}</p>
      <TimelineList items={items} commitmentHref={commitmentPath} extra={extra} />
    </div>
  );
}
