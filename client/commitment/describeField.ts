/** Turns a presence field path (`section.problem.en`, `milestone.<id>.text.zh`) into words. */
import type { I18n } from '../i18n/I18nProvider.js';

export function describeField(path: string, { field, t }: Pick<I18n, 'field' | 't'>): string {
  const parts = path.split('.');
  const last = parts[parts.length - 1];
  const langSuffix = last === 'zh' ? t('langTagZh') : last === 'en' ? t('langTagEn') : '';
  const core = langSuffix ? parts.slice(0, -1) : parts;
  let name: string;
  if (core[0] === 'section') name = field(core[1] ?? '');
  else if (core[0] === 'milestone') name = `${field('milestones')}・${field(core[2] ?? 'text')}`;
  else name = field(core[0] ?? '');
  return `${name}${langSuffix}`;
}
