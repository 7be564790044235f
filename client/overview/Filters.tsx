/** The plan overview's search and filter controls. */
import { useId } from 'react';
import { COMMITMENT_STATUSES, COMMITMENT_STATUS_LABELS, type Agency, type DomainJSON } from '../../shared/schema/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { hasFilters, NO_FILTERS, type OverviewFilters } from './filterCommitments.js';

interface Props {
  filters: OverviewFilters;
  onChange: (filters: OverviewFilters) => void;
  domains: DomainJSON[];
  agencies: Agency[];
}

export function Filters({ filters, onChange, domains, agencies }: Props) {
  const { t, field, lang } = useI18n();
  const id = useId();
  const set = (patch: Partial<OverviewFilters>) => onChange({ ...filters, ...patch });
  return (
    <form className="filters" role="search" aria-label={t('filtersLabel')} onSubmit={(e) => e.preventDefault()}>
      <div className="filter filter-search">
        <label htmlFor={`${id}-q`}>{t('searchLabel')}</label>
        <input id={`${id}-q`} type="search" value={filters.query} placeholder={t('searchPlaceholder')} onChange={(e) => set({ query: e.target.value })} />
      </div>
      <div className="filter">
        <label htmlFor={`${id}-domain`}>{field('domain')}</label>
        <select id={`${id}-domain`} value={filters.domainId} onChange={(e) => set({ domainId: e.target.value })}>
          <option value="">{t('filterAll')}</option>
          {domains.map((d) => (
            <option key={d.id} value={d.id}>{d.name[lang] || d.name.zh}</option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor={`${id}-agency`}>{field('leadAgency')}</label>
        <select id={`${id}-agency`} value={filters.agencyId} onChange={(e) => set({ agencyId: e.target.value })}>
          <option value="">{t('filterAll')}</option>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>{a[lang] || a.zh}</option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor={`${id}-status`}>{field('status')}</label>
        <select id={`${id}-status`} value={filters.status} onChange={(e) => set({ status: e.target.value })}>
          <option value="">{t('filterAll')}</option>
          {COMMITMENT_STATUSES.map((s) => (
            <option key={s} value={s}>{COMMITMENT_STATUS_LABELS[s][lang]}</option>
          ))}
        </select>
      </div>
      {hasFilters(filters) && (
        <button type="button" className="button small filter-clear" onClick={() => onChange(NO_FILTERS)}>
          {t('clearFilters')}
        </button>
      )}
    </form>
  );
}
