/** The plan overview: its domains and their commitments, with search and filters. */
import { useMemo, useState } from 'react';
import type { PlanSummary } from '../../shared/protocol/api.js';
import { api } from '../api/endpoints.js';
import { useApi } from '../api/useApi.js';
import { formatDate } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Link } from '../router/Link.js';
import { planPath } from '../router/routes.js';
import { ErrorState, Loading } from '../ui/States.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import { suggestionApi } from '../suggestions/api.js';
import { DomainSection } from './DomainSection.js';
import { Filters } from './Filters.js';
import { SearchPanel } from '../search/SearchPanel.js';
import { searchApi } from '../search/api.js';
import { commitmentPath } from '../router/routes.js';
import { agenciesOf, filterCommitments, hasFilters, NO_FILTERS } from './filterCommitments.js';
import { apiErrorText } from '../api/errorText.js';

/** Who is online and what was edited last change while the page is open. */
const REFRESH_MS = 15_000;

export function PlanOverview({ planId, otherPlans = [] }: { planId: string; otherPlans?: PlanSummary[] }) {
  const { t, lang } = useI18n();
  const [result, reload] = useApi(`plan:${planId}`, (signal) => api.plan(planId, signal), REFRESH_MS);
  const [filters, setFilters] = useState(NO_FILTERS);
  const [suggestionCounts] = useApi(`suggestion-counts:${planId}`, (signal) => suggestionApi.planCounts(planId, signal), REFRESH_MS);
  const data = result.state === 'ready' ? result.data : null;
  const rows = useMemo(() => (data ? filterCommitments(data.commitments, filters) : []), [data, filters]);
  const agencies = useMemo(() => (data ? agenciesOf(data.commitments, lang) : []), [data, lang]);
  useDocumentTitle(data ? `${data.plan.title[lang] || data.plan.title.zh} · ${t('appName')}` : t('appName'));

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
  const { plan } = result.data;
  const domains = plan.domains.filter((d) => !filters.domainId || d.id === filters.domainId);

  return (
    <div className="page overview">
      <div className="page-head">
        <p className="eyebrow">{t('plansTitle')}</p>
        <h1 className="page-title">{plan.title[lang] || plan.title.zh}</h1>
        <p className="muted">
          {t('planPeriod', { start: formatDate(plan.periodStart, lang), end: formatDate(plan.periodEnd, lang) })}
        </p>
        {otherPlans.length > 0 && (
          <ul className="plan-links">
            {otherPlans.map((p) => (
              <li key={p.id}><Link href={planPath(p.id)}>{p.title[lang] || p.title.zh}</Link></li>
            ))}
          </ul>
        )}
      </div>
      <SearchPanel run={(q, signal) => searchApi.live(q, planId, signal)} hrefOf={commitmentPath} />
      <Filters filters={filters} onChange={setFilters} domains={plan.domains} agencies={agencies} />
      <p className="result-count" role="status">{t('resultCount', { count: rows.length })}</p>
      {rows.length === 0 && hasFilters(filters) ? (
        <p className="empty-note">{t('noResults')}</p>
      ) : (
        domains.map((domain) => {
          const inDomain = domain.commitmentIds
            .map((id) => rows.find((r) => r.id === id))
            .filter((r): r is NonNullable<typeof r> => !!r);
          // Commitments the plan doc has not placed yet still show, under their domainId.
          for (const r of rows) if (r.domainId === domain.id && !inDomain.includes(r)) inDomain.push(r);
          if (hasFilters(filters) && inDomain.length === 0) return null;
          return <DomainSection key={domain.id} domain={domain} index={plan.domains.indexOf(domain)} rows={inDomain} suggestionCounts={suggestionCounts.state === 'ready' ? suggestionCounts.data.counts : {}} />;
        })
      )}
    </div>
  );
}
