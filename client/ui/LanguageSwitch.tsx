/** The UI language button: shows the other language's name, written in that language. */
import { useI18n } from '../i18n/I18nProvider.js';
import { GlobeIcon } from './icons.js';

export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  const other = lang === 'zh' ? 'en' : 'zh';
  return (
    <button type="button" className="button lang-switch" onClick={() => setLang(other)}>
      <GlobeIcon />
      <span lang={other === 'zh' ? 'zh-Hant-TW' : 'en'}>{t('switchLanguage')}</span>
      <span className="visually-hidden">{`（${t('switchLanguageLabel')}）`}</span>
    </button>
  );
}
