/** Routes `/public` and `/public/plans/:planId`: the latest published version of a plan, its commitments by domain, and its timeline. */
import { COMMITMENT_STATUS_LABELS } from '../../shared/schema/index.js';
import { useApi } from '../api/useApi.js';
import { formatDate } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Link } from '../router/Link.js';
import { publicCommitmentPath, publicPlanPath } from '../router/routes.js';
import { MilestoneProgress } from '../timeline/MilestoneProgress.js';
import { TimelineList } from '../timeline/TimelineList.js';
import { ErrorState, Loading } from '../ui/States.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import { publicApi } from './api.js';
import { SearchPanel } from '../search/SearchPanel.js';
import { searchApi } from '../search/api.js';
import { pick } from './content.js';
import { VersionBadge } from './VersionBadge.js';
import './public.css';
import { apiErrorText } from '../api/errorText.js';

/** The demo plan, preferred on `/public` when several are published. */
const DEFAULT_PLAN = 'plan-nap1';

export function PublicPlanPage({ planId }: { planId: string | null }) {
  return planId ? <PublishedPlan planId={planId} /> : <DefaultPublishedPlan />;
}

function DefaultPublishedPlan() {
  const { t } = useI18n();
  const [plans, reload] = useApi('public-plans', (signal) => publicApi.plans(signal));
  useDocumentTitle(t('publicSiteName'));
  if (plans.state === 'loading') return <div className="page"><Loading /></div>;
  if (plans.state === 'error') {
    return <div className="page"><ErrorState title={t('errorTitle')} onRetry={reload}><p>{apiErrorText(t, plans.error)}</p></ErrorState></div>;
  }
  const list = plans.data.plans;
  const chosen = list.find((p) => p.id === DEFAULT_PLAN) ?? list[0];
  if (!chosen) return <div className="page"><p className="empty-note">{t('publicNothingPublished')}</p></div>;
  return <PublishedPlan planId={chosen.id} />;
}

function PublishedPlan({ planId }: { planId: string }) {
  const { t, lang } = useI18n();
  const [result, reload] = useApi(`public-plan:${planId}`, (signal) => publicApi.plan(planId, signal));
  const title = result.state === 'ready' ? pick(result.data.plan.title, lang).text : null;
  useDocumentTitle(title ? `${title} · ${t('publicSiteName')}` : t('publicSiteName'));
  if (result.state === 'loading') return <div className="page"><Loading /></div>;
  if (result.state === 'error') {
    return (
      <div className="page">
        <ErrorState title={result.error.isNotFound ? t('publicNotPublishedTitle') : t('errorTitle')} onRetry={result.error.isNotFound ? undefined : reload}>
          <p>{result.error.isNotFound ? t('publicNothingPublished') : apiErrorText(t, result.error)}</p>
        </ErrorState>
      </div>
    );
  }
  const { plan, version, commitments, timeline } = result.data;
  const byId = new Map(commitments.map((c) => [c.id, c]));
  return (
    <div className="page public-page">
      <div className="page-head">
        <p className="eyebrow">{t('publicSiteName')}</p>
        <h1 className="page-title">{title}</h1>
        <p className="muted">{t('planPeriod', { start: formatDate(plan.periodStart, lang), end: formatDate(plan.periodEnd, lang) })}</p>
        <VersionBadge version={version} />
        <SearchPanel run={(q, signal) => searchApi.published(q, signal)} hrefOf={publicCommitmentPath} />
        <p className="muted small">{t('publicPlanIntro')}</p>
      </div>
      {plan.domains.map((d, i) => (
        <section key={d.id} className="public-section" aria-labelledby={`pub-d-${d.id}`}>
          <h2 id={`pub-d-${d.id}`}>{t('publicDomain', { n: i + 1 })} {pick(d.name, lang).text}</h2>
          <ul className="public-commitments">
            {d.commitmentIds.map((id) => byId.get(id)).filter((c) => !!c).map((c) => (
              <li key={c!.id}>
                <Link href={publicCommitmentPath(c!.id)}>
                  <span className="commitment-number">{c!.number}</span> {pick(c!.title, lang).text}
                </Link>
                <span className="muted small">{pick(c!.leadAgency, lang).text}</span>
                <span className={`badge status-${c!.status}`}>{COMMITMENT_STATUS_LABELS[c!.status]?.[lang] ?? c!.status}</span>
                <MilestoneProgress milestones={c!.milestones} />
                {c!.approvedComments > 0 && <span className="badge">{t('publicCommentCount', { count: c!.approvedComments })}</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section className="public-section" aria-labelledby="pub-timeline">
        <h2 id="pub-timeline">{t('timelineTitle')}</h2>
        <TimelineList items={timeline} commitmentHref={publicCommitmentPath} />
      </section>
      <p className="small"><Link href={publicPlanPath(planId)}>{t('publicPermalink')}</Link> · <Link href="/">{t('publicSignIn')}</Link></p>
    </div>
  );
}
