/** What a document this device has never opened shows offline: it is not here yet, and opens by itself once online. */
import { useEffect } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import { Link } from '../router/Link.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';

/** `onOnline` runs when the network is back (the page loads what it could not). */
export function NotOnDevice({ onOnline }: { onOnline?: () => void }) {
  const { t } = useI18n();
  useDocumentTitle(`${t('notOnDeviceTitle')} · ${t('appName')}`);
  useEffect(() => {
    if (!onOnline) return;
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [onOnline]);
  return (
    <div className="state state-offline" role="status" data-state="not-on-device">
      <h1 className="state-title">{t('notOnDeviceTitle')}</h1>
      <p>{t('notOnDeviceBody')}</p>
      <p>
        <Link href="/">{t('backToPlan')}</Link>
      </p>
    </div>
  );
}

export const isOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;
