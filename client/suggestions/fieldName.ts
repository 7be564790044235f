/** A suggestion's field address (`section:problem`, `milestone:<row>:text`) in words, as the table names it. */
import type { I18n } from '../i18n/I18nProvider.js';

export function suggestionFieldName(field: string, lang: string, { field: label, t }: Pick<I18n, 'field' | 't'>, milestoneNumber?: (rowId: string) => number): string {
  const parts = field.split(':');
  const suffix = lang === 'zh' ? t('langTagZh') : lang === 'en' ? t('langTagEn') : '';
  let name: string;
  if (parts[0] === 'section') name = label(parts[1] ?? '');
  else if (parts[0] === 'milestone') {
    const n = milestoneNumber?.(parts[1] ?? '') ?? 0;
    name = `${label('milestones')}${n > 0 ? ` ${n}` : ''}・${label(parts[2] ?? 'text')}`;
  } else name = label(parts[0] ?? '');
  return `${name}${suffix}`;
}
