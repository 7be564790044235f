/** The comparison's controls: which two versions, inline or side by side, and filters by field and by person. */
import { useId } from 'react';
import type { ChangeAuthor } from '../../shared/diff/index.js';
import { formatDate } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { SegmentedControl } from '../ui/SegmentedControl.js';
import { affiliationLabel, type ChangeFilter } from './changeInfo.js';
import type { DiffMode } from './ChangeView.js';
import { refLabel, type RefOption } from './refs.js';

interface Props {
  options: RefOption[];
  from: string;
  to: string;
  onRefs: (from: string, to: string) => void;
  mode: DiffMode;
  onMode: (mode: DiffMode) => void;
  fields: string[];
  people: ChangeAuthor[];
  filter: ChangeFilter;
  onFilter: (filter: ChangeFilter) => void;
}

export function CompareControls({ options, from, to, onRefs, mode, onMode, fields, people, filter, onFilter }: Props) {
  const { t, field, lang } = useI18n();
  const id = useId();
  const date = (iso: string) => formatDate(iso, lang);
  const picker = (which: 'from' | 'to', value: string) => (
    <div className="filter">
      <label htmlFor={`${id}-${which}`}>{t(which === 'from' ? 'compareFrom' : 'compareTo')}</label>
      <select id={`${id}-${which}`} value={value} onChange={(e) => (which === 'from' ? onRefs(e.target.value, to) : onRefs(from, e.target.value))}>
        {options.map((o) => <option key={o.ref} value={o.ref}>{refLabel(o, t, date)}</option>)}
      </select>
    </div>
  );
  return (
    <div className="compare-controls" role="group" aria-label={t('compareControlsLabel')}>
      <div className="compare-refs">
        {picker('from', from)}
        <button type="button" className="button small compare-swap" onClick={() => onRefs(to, from)}>{t('compareSwap')}</button>
        {picker('to', to)}
      </div>
      <div className="compare-view">
        <SegmentedControl<DiffMode>
          legend={t('compareMode')}
          value={mode}
          onChange={onMode}
          options={[
            { value: 'inline', label: t('compareInline') },
            { value: 'side', label: t('compareSide') },
          ]}
        />
        <div className="filter">
          <label htmlFor={`${id}-field`}>{t('compareFilterField')}</label>
          <select id={`${id}-field`} value={filter.field} onChange={(e) => onFilter({ ...filter, field: e.target.value })}>
            <option value="">{t('filterAll')}</option>
            {fields.map((f) => <option key={f} value={f}>{field(f)}</option>)}
          </select>
        </div>
        <div className="filter">
          <label htmlFor={`${id}-person`}>{t('compareFilterPerson')}</label>
          <select id={`${id}-person`} value={filter.person} onChange={(e) => onFilter({ ...filter, person: e.target.value })}>
            <option value="">{t('filterAll')}</option>
            {people.map((p) => <option key={p.userId} value={p.userId}>{t('personWithAffiliation', { name: p.name, affiliation: affiliationLabel(p.affiliation, t) })}</option>)}
          </select>
        </div>
      </div>
    </div>
  );
}
