/** Marks an English text as older than its Chinese, with the translator's "mark as up to date". */
import { markTranslated, type TranslationPath } from '../../shared/schema/index.js';
import { useEnglishOutdated } from '../editor/bindings/commitmentHooks.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { canEdit } from '../identity/access.js';
import { useCommitment } from './CommitmentContext.js';

/** @param name the field's label, so each button says which English it marks. */
export function OutdatedNote({ path, name }: { path: TranslationPath; name: string }) {
  const { doc, access } = useCommitment();
  const { t } = useI18n();
  const outdated = useEnglishOutdated(doc, path);
  if (!outdated) return null;
  return (
    <span className="outdated">
      <span className="badge badge-warn" title={t('outdatedHint')}>
        {t('outdated')}
      </span>
      {canEdit(access, 'en') && <button type="button" className="link-button" aria-label={`${t('markUpToDate')}：${name}`} onClick={() => markTranslated(doc, path)}>
        {t('markUpToDate')}
      </button>}
    </span>
  );
}
