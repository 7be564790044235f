/**
 * Co-implementing agencies. They decide who may write the commitment, so they are server
 * state: the coordinator picks them from the agency directory (no agency is minted from
 * typed text) and the server mirrors the change into the document; everyone else reads them.
 */
import { useState, type FormEvent } from 'react';
import { useCoAgencies, useMeta } from '../editor/bindings/commitmentHooks.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useIdentity } from '../identity/IdentityProvider.js';
import { rightsApi } from '../rights/api.js';
import { rightsErrorKey } from '../rights/rightsError.js';
import { useApi, type ApiState } from '../api/useApi.js';
import type { AgenciesResponse } from '../../shared/protocol/rights.js';
import { PlusIcon } from '../ui/icons.js';
import { useCommitment } from './CommitmentContext.js';
import { FieldPresence } from './FieldPresence.js';
import { fieldLabelId, inputId } from './labelIds.js';

export function CoAgencies() {
  const { doc, commitmentId } = useCommitment();
  const coordinator = useIdentity().identity?.user.role === 'coordinator';
  const { t, field, lang } = useI18n();
  const agencies = useCoAgencies(doc);
  // Loaded with the page, so the picker still lists the directory if the connection drops later.
  const [directory] = useApi(coordinator ? 'agencies' : 'agencies:none', (s) => (coordinator ? rightsApi.agencies(s) : Promise.resolve({ agencies: [] })));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** True when the server made the change; otherwise the reason is shown as a sentence. */
  const run = async (call: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await call();
      return true;
    } catch (err) {
      setError(t(rightsErrorKey(err)));
      return false;
    } finally {
      setBusy(false);
    }
  };

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
                  {coordinator && <button type="button" className="chip-remove" disabled={busy} aria-label={t('removeCoAgency', { name })} title={t('removeCoAgency', { name })} onClick={() => void run(() => rightsApi.removeCoAgency(commitmentId, a.id))}>
                    <span aria-hidden="true">×</span>
                  </button>}
                </li>
              );
            })}
          </ul>
          {!coordinator && <span className="hint-inline">{t('coAgenciesReadOnly')}</span>}
        </div>
        {coordinator && <AgencyPicker directory={directory} present={agencies.map((a) => a.id)} busy={busy} onPick={(id) => run(() => rightsApi.addCoAgency(commitmentId, id))} />}
        {error && <p className="field-error" role="alert">{error}</p>}
      </div>
    </div>
  );
}

/** Picks an agency of the directory that is neither the lead nor already a co-implementing agency. */
function AgencyPicker(props: { directory: ApiState<AgenciesResponse>; present: string[]; busy: boolean; onPick: (id: string) => Promise<boolean> }) {
  const { directory, present, busy, onPick } = props;
  const { doc } = useCommitment();
  const { t, lang } = useI18n();
  const lead = useMeta(doc, 'leadAgency');
  const [adding, setAdding] = useState(false);
  const [chosen, setChosen] = useState('');
  const choices = directory.state === 'ready' ? directory.data.agencies.filter((a) => a.id !== lead.id && !present.includes(a.id)) : [];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || !(await onPick(chosen))) return;
    setChosen('');
    setAdding(false);
  };
  if (!adding) {
    return (
      <button type="button" className="button small" onClick={() => setAdding(true)}>
        <PlusIcon /> {t('addCoAgency')}
      </button>
    );
  }
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label={t('addCoAgency')} onKeyDown={(e) => e.key === 'Escape' && setAdding(false)}>
      <span className="inline-field">
        <label htmlFor={inputId('coAgency.pick')}>{t('coAgencyPick')}</label>
        <select id={inputId('coAgency.pick')} value={chosen} autoFocus onChange={(e) => setChosen(e.target.value)} disabled={directory.state !== 'ready'}>
          <option value="">{t('chooseAgency')}</option>
          {choices.map((a) => (
            <option key={a.id} value={a.id}>{a[lang] || a.zh}</option>
          ))}
        </select>
      </span>
      {directory.state === 'ready' && choices.length === 0 && <span className="hint-inline">{t('coAgencyNone')}</span>}
      <button type="submit" className="button small primary" disabled={!chosen || busy}>{t('add')}</button>
      <button type="button" className="button small" onClick={() => setAdding(false)}>{t('cancel')}</button>
    </form>
  );
}
