/** Routes to the page for the current URL inside the app's providers. */
import { I18nProvider } from './i18n/I18nProvider.js';
import { IdentityProvider } from './identity/IdentityProvider.js';
import { AppShell } from './AppShell.js';
import { CommitmentPage } from './pages/CommitmentPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { PlanPage } from './pages/PlanPage.js';
import { usePathname } from './router/navigation.js';
import { matchRoute } from './router/routes.js';

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

export function App() {
  return (
    <I18nProvider>
      <IdentityProvider>
        <AppShell>
          <CurrentPage />
        </AppShell>
      </IdentityProvider>
    </I18nProvider>
  );
}
