/** Tells the person what they may edit here, and when the server refused a change of theirs. */
import type { DocAccess } from '../identity/access.js';
import { useI18n } from '../i18n/I18nProvider.js';

export function AccessNotice({ access, refusal, onDismiss }: { access: DocAccess; refusal: string | null; onDismiss: () => void }) {
  const { t } = useI18n();
  return (
    <>
      {access !== 'write' && (
        <p className={`notice notice-${access}`}>{t(access === 'read' ? 'accessRead' : 'accessTranslate')}</p>
      )}
      {refusal && (
        <div className="notice notice-error" role="alert">
          <span>{t('changeRefused', { reason: refusal })}</span>
          <button type="button" className="button small" onClick={onDismiss}>{t('dismiss')}</button>
        </div>
      )}
    </>
  );
}
