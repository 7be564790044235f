/** Any URL the app does not know. */
import { useI18n } from '../i18n/I18nProvider.js';
import { Link } from './Link.js';
import { ErrorState } from '../ui/States.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';

export function NotFoundPage() {
  const { t } = useI18n();
  useDocumentTitle(`${t('pageNotFoundTitle')} · ${t('appName')}`);
  return (
    <div className="page">
      <ErrorState title={t('pageNotFoundTitle')}>
        <p>{t('pageNotFoundBody')}</p>
        <p><Link href="/">{t('backToPlan')}</Link></p>
      </ErrorState>
    </div>
  );
}
