/** The frame around every page: skip link, header with language and identity, footer. */
import type { ReactNode } from 'react';
import { useI18n } from './i18n/I18nProvider.js';
import { useIdentity } from './identity/IdentityProvider.js';
import { initials } from './identity/identity.js';
import { Link } from './router/Link.js';
import { LanguageSwitch } from './ui/LanguageSwitch.js';

export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { identity, edit } = useIdentity();
  return (
    <>
      <a className="skip-link" href="#main">{t('skipToContent')}</a>
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
            {identity && (
              <button type="button" className="button identity-button" onClick={edit} title={t('whoChange')}>
                <span className="avatar avatar-small" style={{ backgroundColor: identity.color }} aria-hidden="true">
                  {initials(identity.name)}
                </span>
                <span>{t('youAre', { name: identity.name })}</span>
                <span className="visually-hidden">{`（${t('whoChange')}）`}</span>
              </button>
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
