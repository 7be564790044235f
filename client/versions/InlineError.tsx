/** A failed load inside a page (the page keeps its own heading): the server's message and a retry button. */
import { useI18n } from '../i18n/I18nProvider.js';

export function InlineError({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="notice notice-error" role="alert">
      <span>{t('errorGeneric', { message })}</span>
      {onRetry && <button type="button" className="button small" onClick={onRetry}>{t('retry')}</button>}
    </div>
  );
}
