/** Routes to the page for the current URL, once the person is signed in. */
import { I18nProvider, useI18n } from './i18n/I18nProvider.js';
import { IdentityProvider, useIdentity } from './identity/IdentityProvider.js';
import { SignInPage } from './identity/SignInPage.js';
import { AppShell } from './AppShell.js';
import { CommitmentPage } from './commitment/CommitmentPage.js';
import { NotFoundPage } from './router/NotFoundPage.js';
import { PlanPage } from './overview/PlanPage.js';
import { HistoryPage } from './HistoryPages.js';
import { usePathname } from './router/navigation.js';
import { isPublicRoute, matchRoute, type Route } from './router/routes.js';
import { ModerationPage } from './comments/ModerationPage.js';
import { TimelinePage } from './timeline/TimelinePage.js';
import { PublicCommitmentPage } from './publicsite/PublicCommitmentPage.js';
import { PublicPlanPage } from './publicsite/PublicPlanPage.js';
import { ErrorState, Loading } from './ui/States.js';
import { PageErrorBoundary } from './ui/PageErrorBoundary.js';
import { AuditPage } from './audit/AuditPage.js';
import { AgencyDirectoryPage } from './rights/AgencyDirectoryPage.js';
import { ResetPasswordPage } from './identity/ResetPasswordPage.js';
import { AccountPage } from './identity/AccountPage.js';

function CurrentPage() {
  const route = matchRoute(usePathname());
  switch (route.name) {
    case 'plan':
      return <PlanPage planId={route.planId} />;
    case 'commitment':
      // Keyed so that moving between commitments opens a fresh document session.
      return <CommitmentPage key={route.commitmentId} commitmentId={route.commitmentId} />;
    case 'commitmentHistory':
    case 'planHistory':
      // Keyed per page, so its version pickers and filters start afresh.
      return <HistoryPage key={`${route.name}:${route.name === 'planHistory' ? route.planId : route.commitmentId}:${route.page}`} route={route} />;
    case 'planTimeline':
      return <TimelinePage key={route.planId} planId={route.planId} />;
    case 'moderation':
      return <ModerationPage key={route.planId} planId={route.planId} />;
    case 'audit':
      return <AuditPage />;
    case 'agencies':
      return <AgencyDirectoryPage />;
    case 'account':
      return <AccountPage />;
    default:
      return <NotFoundPage />;
  }
}

/** The public site: published versions only, for anyone, signed in or not. */
function PublicPage({ route }: { route: Route }) {
  if (route.name === 'resetPassword') return <ResetPasswordPage token={route.token} />;
  if (route.name === 'publicCommitment') return <PublicCommitmentPage key={route.commitmentId} commitmentId={route.commitmentId} />;
  return <PublicPlanPage key={route.name === 'publicPlan' ? (route.planId ?? '') : ''} planId={route.name === 'publicPlan' ? route.planId : null} />;
}

/** Everything else needs an account (the API answers 401 otherwise), so sign-in comes first. */
function Gate() {
  const { current, recheck } = useIdentity();
  const { t } = useI18n();
  const pathname = usePathname();
  const route = matchRoute(pathname);
  if (isPublicRoute(route)) return <PageErrorBoundary key={pathname}><PublicPage route={route} /></PageErrorBoundary>;
  switch (current.state) {
    case 'checking':
      return <div className="page"><Loading /></div>;
    case 'unreachable':
      return (
        <div className="page">
          <ErrorState title={t('serverUnreachableTitle')} onRetry={recheck}>
            <p>{t('errorGeneric', { message: current.message })}</p>
          </ErrorState>
        </div>
      );
    case 'signed-out':
      return <SignInPage expired={current.expired} />;
    default:
      return <PageErrorBoundary key={pathname}><CurrentPage /></PageErrorBoundary>;
  }
}

export function App() {
  return (
    <I18nProvider>
      <IdentityProvider>
        <AppShell>
          <Gate />
        </AppShell>
      </IdentityProvider>
    </I18nProvider>
  );
}
