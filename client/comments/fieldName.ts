/** The visible name of a comment's field: `section.problem.zh` → 公共問題（中文）. */
import type { I18n } from '../i18n/I18nProvider.js';

export function fieldName(field: string, { field: label, t }: Pick<I18n, 'field' | 't'>): string {
  const [, key, lang] = field.split('.');
  return `${label(key ?? '')}${t(lang === 'en' ? 'langTagEn' : 'langTagZh')}`;
}
