/** What a change is about (its field group, label and people), for headings and the field and person filters. */
import type { ChangeAuthor, FieldChange } from '../../shared/diff/index.js';
import type { Lang } from '../../shared/schema/index.js';
import type { I18n } from '../i18n/I18nProvider.js';

/** The field a change belongs to in the filter: a section, `milestones`, or a metadata key. */
export function fieldKeyOf(c: FieldChange): string {
  const [head, second] = c.path.split('.');
  if (head === 'sections') return second!;
  if (head === 'contact' || head === 'budget') return head;
  if (c.kind === 'value' && !c.milestoneId) return c.field === 'domainId' ? 'domain' : c.field;
  return head!;
}

/** The content language of a change, or null for language-neutral values. */
export const langOfChange = (c: FieldChange): Lang | null => (c.path.endsWith('.zh') ? 'zh' : c.path.endsWith('.en') ? 'en' : null);

/** Field keys in table order, for the filter's options. */
export const FIELD_ORDER = ['number', 'title', 'domain', 'leadAgency', 'coAgencies', 'partners', 'startDate', 'endDate', 'status', 'contact', 'ogpValues', 'problem', 'content', 'relevance', 'other', 'milestones', 'budget'];

export function fieldsIn(changes: FieldChange[]): string[] {
  const present = new Set(changes.map(fieldKeyOf));
  return [...FIELD_ORDER.filter((f) => present.has(f)), ...[...present].filter((f) => !FIELD_ORDER.includes(f))];
}

/** Everyone who made one of the changes, once each, by name. */
export function authorsIn(changes: FieldChange[]): ChangeAuthor[] {
  const seen = new Map<string, ChangeAuthor>();
  for (const c of changes) for (const a of c.authors ?? []) if (!seen.has(a.userId)) seen.set(a.userId, a);
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export interface ChangeFilter {
  field: string;
  person: string;
}
export const NO_FILTER: ChangeFilter = { field: '', person: '' };

export const matches = (c: FieldChange, f: ChangeFilter) =>
  (!f.field || fieldKeyOf(c) === f.field) && (!f.person || (c.authors ?? []).some((a) => a.userId === f.person));

/** The heading of a change: `公共問題（中文）`, `第 2 列：可量化/驗證衡量指標（英文）`. */
export function changeLabel(c: FieldChange, i18n: I18n, rowOf: (milestoneId: string) => number | null): string {
  const { t, field } = i18n;
  const lang = langOfChange(c);
  const withLang = (label: string) => (lang ? t('diffFieldLang', { field: label, lang: t(lang === 'zh' ? 'viewZh' : 'viewEn') }) : label);
  const row = (id: string) => {
    const n = rowOf(id);
    return n ? t('diffRow', { n }) : field('milestones');
  };
  const budgetRow = (id: string) => {
    const n = rowOf(id);
    return n ? t('diffBudgetRow', { n }) : field('budget');
  };
  const inRow = (id: string, key: string) => t('diffFieldInRow', { row: row(id), field: field(key) });
  const inBudgetRow = (id: string, key: string) => t('diffFieldInRow', { row: budgetRow(id), field: field(key) });
  switch (c.kind) {
    case 'rich':
      return withLang(field(c.section));
    case 'text':
      if (c.budgetRowId) return withLang(inBudgetRow(c.budgetRowId, c.field));
      return withLang(c.milestoneId ? inRow(c.milestoneId, c.field) : field(c.field));
    case 'value':
      if (c.budgetRowId) return inBudgetRow(c.budgetRowId, c.field);
      return c.milestoneId ? inRow(c.milestoneId, c.field) : field(c.field === 'domainId' ? 'domain' : c.field);
    case 'ogp':
      return field('ogpValues');
    case 'leadAgency':
    case 'coAgencies':
      return field(c.kind);
    case 'milestoneAdded':
      return t('diffMilestoneAdded', { n: c.index + 1 });
    case 'milestoneRemoved':
      return t('diffMilestoneRemoved', { n: c.index + 1 });
    case 'budgetAdded':
      return t('diffBudgetAdded', { n: c.index + 1 });
    case 'budgetRemoved':
      return t('diffBudgetRemoved', { n: c.index + 1 });
    case 'budgetMoved':
      return t('diffBudgetMoved', { from: c.old + 1, to: c.new + 1 });
    default:
      return t('diffMilestoneMoved', { from: c.old + 1, to: c.new + 1 });
  }
}

export { formatDateTime } from '../i18n/format.js';

/** The affiliation kind as the UI names it (agency, civil society, system). */
export function affiliationLabel(kind: string, t: I18n['t']): string {
  if (kind === 'agency') return t('affiliationAgency');
  if (kind === 'civil_society') return t('affiliationCivil');
  return t('affiliationSystem');
}
