/** Routes to the page for the current URL, once the person is signed in. */
import { I18nProvider, useI18n } from './i18n/I18nProvider.js';
import { IdentityProvider, useIdentity } from './identity/IdentityProvider.js';
import { SignInPage } from './identity/SignInPage.js';
import { AppShell } from './AppShell.js';
import { CommitmentPage } from './pages/CommitmentPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { PlanPage } from './pages/PlanPage.js';
import { usePathname } from './router/navigation.js';
import { matchRoute } from './router/routes.js';
import { ErrorState, Loading } from './ui/States.js';

function CurrentPage() {
  const route = matchRoute(usePathname());
  switch (route.name) {
    case 'plan':
      return <PlanPage planId={route.planId} />;
    case 'commitment':
      // Keyed so that moving between commitments opens a fresh document session.
      return <CommitmentPage key={route.commitmentId} commitmentId={route.commitmentId} />;
    default:
      return <NotFoundPage />;
  }
}

/** Everything needs an account (the API answers 401 otherwise), so sign-in comes first. */
function Gate() {
  const { current, recheck } = useIdentity();
  const { t } = useI18n();
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
      return <CurrentPage />;
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
