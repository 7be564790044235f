/**
 * "Restore this section's text from that version": asks first, then restores it as a new
 * edit on the live text, so nothing is lost and the replaced text stays in the history.
 */
import type { Lang, SectionKey } from '../../shared/schema/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { historyApi } from './api.js';
import { ConfirmButton } from './ConfirmButton.js';

interface Props {
  commitmentId: string;
  from: string;
  fromLabel: string;
  section: SectionKey;
  lang: Lang;
  /** Called after a successful restore with the section's name, to reload the comparison. */
  onRestored: (name: string) => void;
}

export function RestoreButton({ commitmentId, from, fromLabel, section, lang, onRestored }: Props) {
  const { t, field } = useI18n();
  const name = t('diffFieldLang', { field: field(section), lang: t(lang === 'zh' ? 'viewZh' : 'viewEn') });
  return (
    <ConfirmButton
      action="restore"
      title={t('restoreConfirmTitle')}
      body={t('restoreConfirmBody', { field: name, version: fromLabel })}
      confirmLabel={t('restoreConfirm')}
      onConfirm={async () => {
        await historyApi.restoreSection(commitmentId, { from, section, lang });
        onRestored(name);
      }}
    >
      {t('restoreButton')}
      <span className="visually-hidden">{t('restoreButtonName', { field: name, version: fromLabel })}</span>
    </ConfirmButton>
  );
}
