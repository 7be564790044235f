/** Route `/` and `/plans/:planId`: picks the plan, then shows its overview. */
import { api } from '../api/endpoints.js';
import { useApi } from '../api/useApi.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { PlanOverview } from './PlanOverview.js';
import { PlanOverviewNav } from '../versions/HistoryNav.js';
import { PlanLinks } from '../timeline/PlanLinks.js';
import { ErrorState, Loading } from '../ui/States.js';
import { apiErrorText } from '../api/errorText.js';
import { PlanImport } from '../import/index.js';

/** The demo plan, preferred on `/` when the server holds several. */
const DEFAULT_PLAN = 'plan-nap1';

export function PlanPage({ planId }: { planId: string | null }) {
  if (planId) return <><PlanOverviewNav planId={planId} /><PlanLinks planId={planId} /><PlanImport planId={planId} /><PlanOverview planId={planId} /></>;
  return <DefaultPlan />;
}

function DefaultPlan() {
  const { t } = useI18n();
  const [plans, reload] = useApi('plans', (signal) => api.plans(signal));
  if (plans.state === 'loading') return <div className="page"><Loading /></div>;
  if (plans.state === 'error') {
    return (
      <div className="page">
        <ErrorState title={t('errorTitle')} onRetry={reload}>
          <p>{apiErrorText(t, plans.error)}</p>
        </ErrorState>
      </div>
    );
  }
  const list = plans.data.plans;
  const chosen = list.find((p) => p.id === DEFAULT_PLAN) ?? list[0];
  if (!chosen) return <div className="page"><p>{t('noResults')}</p></div>;
  return <><PlanOverviewNav planId={chosen.id} /><PlanLinks planId={chosen.id} /><PlanImport planId={chosen.id} /><PlanOverview planId={chosen.id} otherPlans={list.filter((p) => p.id !== chosen.id)} /></>;
}
