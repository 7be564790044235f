/** The frame of the history pages: loads the commitment or plan, shows breadcrumb, title and tabs, then the page body. */
import type { ReactNode } from 'react';
import type { CommitmentSummary } from '../../shared/protocol/api.js';
import type { CommitmentJSON, PlanJSON } from '../../shared/schema/index.js';
import { api } from '../api/endpoints.js';
import { useApi } from '../api/useApi.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useIdentity } from '../identity/IdentityProvider.js';
import { commitmentAccess, type DocAccess } from '../identity/access.js';
import { CommitmentError } from '../router/CommitmentError.js';
import { Link } from '../router/Link.js';
import { commitmentPath, planPath } from '../router/routes.js';
import { ErrorState, Loading } from '../ui/States.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import { CommitmentNav, PlanNav, type CommitmentTab, type PlanTab } from './HistoryNav.js';
import { apiErrorText } from '../api/errorText.js';

export interface CommitmentData {
  commitment: CommitmentJSON;
  summary: CommitmentSummary;
  plan: PlanJSON | null;
  access: DocAccess;
}

export function CommitmentFrame({ commitmentId, tab, title, children }: { commitmentId: string; tab: CommitmentTab; title: string; children: (data: CommitmentData) => ReactNode }) {
  const { t, lang } = useI18n();
  const { identity } = useIdentity();
  const [result, reload] = useApi(`commitment:${commitmentId}`, (s) => api.commitment(commitmentId, s));
  const planId = result.state === 'ready' ? result.data.summary.planId : null;
  const [plan] = useApi(`plan:${planId}`, (s) => (planId ? api.plan(planId, s) : Promise.resolve(null)));
  const summary = result.state === 'ready' ? result.data.summary : null;
  useDocumentTitle(summary ? `${title} · ${summary.number} · ${t('appName')}` : null);

  if (result.state === 'loading') return <div className="page"><Loading /></div>;
  if (result.state === 'error') return <CommitmentError id={commitmentId} notFound={result.error.isNotFound} message={result.error.message} onRetry={reload} />;
  const { commitment } = result.data;
  const planData = plan.state === 'ready' && plan.data ? plan.data.plan : null;
  const access = commitmentAccess(identity!.user, commitment);
  return (
    <div className="page page-wide history-page">
      <div className="page-head">
        <nav aria-label={t('breadcrumbLabel')} className="breadcrumb">
          <ol>
            <li><Link href={planPath(summary!.planId)}>{planData ? planData.title[lang] || planData.title.zh : t('backToPlan')}</Link></li>
            <li><Link href={commitmentPath(commitmentId)}>{summary!.number} {commitment.title[lang] || commitment.title.zh}</Link></li>
            <li aria-current="page">{title}</li>
          </ol>
        </nav>
        <h1 className="page-title">
          <span className="commitment-number">{summary!.number}</span> {title}
        </h1>
      </div>
      <CommitmentNav commitmentId={commitmentId} planId={summary!.planId} current={tab} />
      {children({ commitment, summary: summary!, plan: planData, access })}
    </div>
  );
}

export function PlanFrame({ planId, tab, title, children }: { planId: string; tab: PlanTab; title: string; children: (plan: PlanJSON) => ReactNode }) {
  const { t, lang } = useI18n();
  const [result, reload] = useApi(`plan:${planId}`, (s) => api.plan(planId, s));
  const plan = result.state === 'ready' ? result.data.plan : null;
  useDocumentTitle(plan ? `${title} · ${plan.title[lang] || plan.title.zh} · ${t('appName')}` : null);
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
  return (
    <div className="page history-page">
      <PlanNav planId={planId} current={tab} />
      <div className="page-head">
        <p className="eyebrow"><Link href={planPath(planId)}>{plan!.title[lang] || plan!.title.zh}</Link></p>
        <h1 className="page-title">{title}</h1>
      </div>
      {children(plan!)}
    </div>
  );
}
