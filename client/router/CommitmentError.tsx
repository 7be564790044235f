/** What a commitment URL shows when the commitment does not exist or cannot be loaded. */
import { useI18n } from '../i18n/I18nProvider.js';
import { Link } from './Link.js';
import { ErrorState } from '../ui/States.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';

export function CommitmentError({ id, notFound, message, onRetry }: { id: string; notFound: boolean; message: string; onRetry?: () => void }) {
  const { t } = useI18n();
  useDocumentTitle(`${notFound ? t('notFoundTitle') : t('errorTitle')} · ${t('appName')}`);
  return (
    <div className="page">
      <ErrorState title={notFound ? t('notFoundTitle') : t('errorTitle')} onRetry={notFound ? undefined : onRetry}>
        <p>{notFound ? t('notFoundBody', { id }) : t('errorGeneric', { message })}</p>
        <p>
          <Link href="/">{t('backToPlan')}</Link>
        </p>
      </ErrorState>
    </div>
  );
}
