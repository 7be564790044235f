/** The frame around every page: skip link, header with account and language, footer. */
import type { ReactNode } from 'react';
import { useI18n } from './i18n/I18nProvider.js';
import { useIdentity } from './identity/IdentityProvider.js';
import { initials } from './identity/identity.js';
import { Link } from './router/Link.js';
import { ACCOUNT_PATH, AGENCIES_PATH, AUDIT_PATH, matchRoute } from './router/routes.js';
import { usePathname } from './router/navigation.js';
import { SkipLink } from './ui/SkipLink.js';
import { LanguageSwitch } from './ui/LanguageSwitch.js';
import { OfflineSupport } from './offline/OfflineSupport.js';
import { AppSyncIndicator } from './offline/SyncIndicator.js';
import { NotificationBell } from './notifications/index.js';

export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { identity, signOut } = useIdentity();
  const onCommitment = matchRoute(usePathname()).name === 'commitment';
  return (
    <>
      <a className="skip-link" href="#main">{t('skipToContent')}</a>
      {onCommitment && <SkipLink target=".ctable" label={t('skipToFirstField')} />}
      <OfflineSupport userId={identity?.userId ?? null} />
      <header className="app-header">
        <div className="app-header__inner">
          <Link href="/" className="brand">
            <span className="brand-mark" aria-hidden="true">共</span>
            <span className="brand-text">
              <span className="brand-name">{t('appName')}</span>
              <span className="brand-tagline">{t('appTagline')}</span>
            </span>
          </Link>
          <div className="header-actions">
            {identity && <AppSyncIndicator />}
            {identity && <NotificationBell key={identity.userId} />}
            {identity?.role === 'coordinator' && <Link href={AGENCIES_PATH} className="button small">{t('agencyDirectoryLink')}</Link>}
            {identity?.role === 'coordinator' && <Link href={AUDIT_PATH} className="button small">{t('auditLink')}</Link>}
            {identity && (
              <div className="account" aria-label={t('accountMenu', { name: identity.name, role: t(`role_${identity.role}`) })} role="group">
                <span className="avatar avatar-small" style={{ backgroundColor: identity.color }} aria-hidden="true">
                  {initials(identity.name)}
                </span>
                <span className="account-text">
                  <span className="account-name">{identity.name}</span>
                  <span className="account-role">{t(`role_${identity.role}`)}</span>
                </span>
                <Link href={ACCOUNT_PATH} className="button small">{t('accountLink')}</Link>
                <button type="button" className="button small" onClick={() => void signOut()}>{t('signOut')}</button>
              </div>
            )}
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="app-footer">
        <p>{t('footer')}</p>
      </footer>
    </>
  );
}
