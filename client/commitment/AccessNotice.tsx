/** Tells the person what they may edit here, and when the server refused a change of theirs. */
import type { DocAccess } from '../identity/access.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { MessageKey } from '../i18n/zh.js';

/** The refusal codes the sync server sends (`code: text`), each said in the reader's language. */
const REFUSALS: Record<string, MessageKey> = {
  read_only: 'refusal_read_only',
  translator_scope: 'refusal_translator_scope',
  server_owned: 'refusal_server_owned',
  comment_author: 'refusal_comment_author',
  comment_layout: 'refusal_update_refused',
  foreign_client: 'refusal_foreign_client',
  update_refused: 'refusal_update_refused',
  document_too_large: 'refusal_document_too_large',
};

/** The sentence for a refusal: the code before the colon picks it; the server's English text stays in the logs. */
export const refusalKey = (reason: string): MessageKey => REFUSALS[reason.split(':', 1)[0]!.trim()] ?? 'refusal_other';

export function AccessNotice({ access, refusal, onDismiss }: { access: DocAccess; refusal: string | null; onDismiss: () => void }) {
  const { t } = useI18n();
  return (
    <>
      {access !== 'write' && (
        <p className={`notice notice-${access}`}>{t(access === 'read' ? 'accessRead' : 'accessTranslate')}</p>
      )}
      {refusal && (
        <div className="notice notice-error" role="alert">
          <span>{t(refusalKey(refusal))}</span>
          <button type="button" className="button small" onClick={onDismiss}>{t('dismiss')}</button>
        </div>
      )}
    </>
  );
}
