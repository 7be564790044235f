/** Co-implementing agencies: a list with remove buttons and a small add form behind a button. */
import { useState, type FormEvent } from 'react';
import { getMeta, newId, setMeta } from '../../shared/schema/index.js';
import { useCoAgencies } from '../editor/bindings/commitmentHooks.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { PlusIcon } from '../ui/icons.js';
import { useCommitment } from './CommitmentContext.js';
import { FieldPresence } from './FieldPresence.js';
import { fieldLabelId, inputId } from './labelIds.js';

export function CoAgencies() {
  const { doc, access } = useCommitment();
  const writable = access === 'write';
  const { t, field, lang } = useI18n();
  const agencies = useCoAgencies(doc);
  const [adding, setAdding] = useState(false);
  const [zhName, setZh] = useState('');
  const [enName, setEn] = useState('');

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!zhName.trim()) return;
    // Re-read at write time: the list may have changed since this render.
    const current = getMeta(doc, 'coAgencies');
    setMeta(doc, 'coAgencies', [...current, { id: newId('ag-'), zh: zhName.trim(), en: enName.trim() }]);
    setZh('');
    setEn('');
    setAdding(false);
  };
  const remove = (id: string) => setMeta(doc, 'coAgencies', getMeta(doc, 'coAgencies').filter((a) => a.id !== id));

  return (
    <div className="crow">
      <div className="clabel">
        <span id={fieldLabelId('coAgencies')}>{field('coAgencies')}</span>
        <FieldPresence field="coAgencies" />
      </div>
      <div className="cvalue" data-field="coAgencies">
        <div className="chips-row">
          <ul className="chips" aria-labelledby={fieldLabelId('coAgencies')}>
            {agencies.length === 0 && <li className="muted">{t('none')}</li>}
            {agencies.map((a) => {
              const name = a[lang] || a.zh;
              return (
                <li key={a.id} className="chip">
                  <span>{name}</span>
                  {writable && <button type="button" className="chip-remove" aria-label={t('removeCoAgency', { name })} title={t('removeCoAgency', { name })} onClick={() => remove(a.id)}>
                    <span aria-hidden="true">×</span>
                  </button>}
                </li>
              );
            })}
          </ul>
          {writable && !adding && (
            <button type="button" className="button small" onClick={() => setAdding(true)}>
              <PlusIcon /> {t('addCoAgency')}
            </button>
          )}
        </div>
        {adding && (
          <form className="inline-form" onSubmit={add} aria-label={t('addCoAgency')} onKeyDown={(e) => e.key === 'Escape' && setAdding(false)}>
            <span className="inline-field">
              <label htmlFor={inputId('coAgency.zh')}>{t('coAgencyNameZh')}</label>
              <input id={inputId('coAgency.zh')} lang="zh-Hant-TW" value={zhName} autoFocus onChange={(e) => setZh(e.target.value)} />
            </span>
            <span className="inline-field">
              <label htmlFor={inputId('coAgency.en')}>{t('coAgencyNameEn')}</label>
              <input id={inputId('coAgency.en')} lang="en" value={enName} onChange={(e) => setEn(e.target.value)} />
            </span>
            <button type="submit" className="button small primary" disabled={!zhName.trim()}>{t('add')}</button>
            <button type="button" className="button small" onClick={() => setAdding(false)}>{t('cancel')}</button>
          </form>
        )}
      </div>
    </div>
  );
}
