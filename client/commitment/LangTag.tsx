/** Language markers: a visible tag over each column, and the hidden names fields are labelled with. */
import type { Lang } from '../../shared/schema/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { langTagId } from './labelIds.js';

export function LangTag({ lang }: { lang: Lang }) {
  const { t } = useI18n();
  return (
    <span className={`lang-tag lang-tag-${lang}`} aria-hidden="true">
      {t(lang === 'zh' ? 'viewZh' : 'viewEn')}
    </span>
  );
}

/** Rendered once per page; `aria-labelledby` may point at hidden elements. */
export function LanguageNames() {
  const { t } = useI18n();
  return (
    <>
      <span id={langTagId('zh')} hidden>{t('langTagZh')}</span>
      <span id={langTagId('en')} hidden>{t('langTagEn')}</span>
    </>
  );
}
