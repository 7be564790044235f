/**
 * Route `/agencies`: the agency directory, kept by coordinators. Every lead and co-implementing
 * agency is picked from it (typing a name never mints an agency), so a ministry's people have
 * rights on exactly the commitments of their agency. A renamed ministry keeps its id, so its
 * commitments, rights and history follow the new name; a merger is a move of each commitment to
 * the agency that takes over (recorded with its note on the commitment).
 */
import { useId, useState, type FormEvent } from 'react';
import type { Agency } from '../../shared/schema/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useIdentity } from '../identity/IdentityProvider.js';
import { ErrorState, Loading } from '../ui/States.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import { rightsApi } from './api.js';
import { rightsErrorKey } from './rightsError.js';
import { useAgencies } from './useAgencies.js';
import { ApiError } from '../api/http.js';
import './rights.css';

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function AgencyDirectoryPage() {
  const { t } = useI18n();
  const { identity } = useIdentity();
  // The server's rule for the directory (move_agency): coordinators only.
  const keeper = identity?.role === 'coordinator';
  const [agencies, reload] = useAgencies();
  const [status, setStatus] = useState('');
  useDocumentTitle(`${t('agencyDirectoryTitle')} · ${t('appName')}`);

  return (
    <div className="page agency-directory">
      <div className="page-head">
        <h1 className="page-title">{t('agencyDirectoryTitle')}</h1>
        <p className="muted">{t(keeper ? 'agencyDirectoryIntro' : 'agencyDirectoryReadOnly')}</p>
      </div>
      <p role="status" className="hint">{status}</p>
      {agencies.state === 'loading' && <Loading />}
      {agencies.state === 'error' && <ErrorState title={t(rightsErrorKey(agencies.error))} onRetry={reload} />}
      {agencies.state === 'ready' && (
        <>
          <table className="directory-table">
            <caption className="visually-hidden">{t('agencyDirectoryTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agencyZh')}</th>
                <th scope="col">{t('agencyEn')}</th>
                <th scope="col">{t('agencyId')}</th>
                {keeper && <th scope="col">{t('colActions')}</th>}
              </tr>
            </thead>
            <tbody>
              {agencies.data.agencies.map((a) => (
                <AgencyRow key={a.id} agency={a} keeper={keeper} onSaved={(name) => { setStatus(t('agencyRenamed', { name })); reload(); }} />
              ))}
            </tbody>
          </table>
          {keeper && <AddAgency known={agencies.data.agencies} onAdded={(name) => { setStatus(t('agencyAdded', { name })); reload(); }} />}
        </>
      )}
    </div>
  );
}

function AgencyRow({ agency, keeper, onSaved }: { agency: Agency; keeper: boolean; onSaved: (name: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [zh, setZh] = useState(agency.zh);
  const [en, setEn] = useState(agency.en);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!zh.trim()) return setError(t('agencyZhRequired'));
    setBusy(true);
    setError('');
    try {
      const { agency: saved } = await rightsApi.renameAgency(agency.id, zh.trim(), en.trim());
      setEditing(false);
      onSaved(saved.zh);
    } catch (err) {
      setError(t(rightsErrorKey(err)));
    } finally {
      setBusy(false);
    }
  };
  if (!editing) {
    return (
      <tr>
        <td>{agency.zh}</td>
        <td lang="en">{agency.en}</td>
        <td><code>{agency.id}</code></td>
        {keeper && (
          <td>
            <button type="button" className="button small" aria-label={t('agencyRenameFor', { name: agency.zh })} onClick={() => setEditing(true)}>{t('agencyRename')}</button>
          </td>
        )}
      </tr>
    );
  }
  return (
    <tr>
      <td colSpan={4}>
        <form className="directory-form" onSubmit={(e) => void save(e)} aria-label={t('agencyRenameFor', { name: agency.zh })}>
          <label htmlFor={`${id}-zh`}>{t('agencyZh')}</label>
          <input id={`${id}-zh`} value={zh} maxLength={200} onChange={(e) => setZh(e.target.value)} autoFocus />
          <label htmlFor={`${id}-en`}>{t('agencyEn')}</label>
          <input id={`${id}-en`} lang="en" value={en} maxLength={200} onChange={(e) => setEn(e.target.value)} />
          <button type="submit" className="button small primary" disabled={busy}>{t('agencySave')}</button>
          <button type="button" className="button small" onClick={() => { setEditing(false); setZh(agency.zh); setEn(agency.en); setError(''); }}>{t('cancel')}</button>
          {error && <p className="field-error" role="alert">{error}</p>}
        </form>
      </td>
    </tr>
  );
}

function AddAgency({ known, onAdded }: { known: Agency[]; onAdded: (name: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState({ id: '', zh: '', en: '' });
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const agency = { id: draft.id.trim(), zh: draft.zh.trim(), en: draft.en.trim() };
    if (!agency.zh) return setError(t('agencyZhRequired'));
    if (!ID_PATTERN.test(agency.id)) return setError(t('agencyIdInvalid'));
    if (known.some((a) => a.id === agency.id)) return setError(t('agencyIdTaken', { id: agency.id }));
    setBusy(true);
    setError('');
    try {
      await rightsApi.addAgency(agency);
      setDraft({ id: '', zh: '', en: '' });
      onAdded(agency.zh);
    } catch (err) {
      // 409: someone added the same code since the list was loaded.
      setError(err instanceof ApiError && err.status === 409 ? t('agencyIdTaken', { id: agency.id }) : t(rightsErrorKey(err)));
    } finally {
      setBusy(false);
    }
  };
  const field = (name: 'zh' | 'en' | 'id', label: string, hint?: string) => (
    <p className="form-field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input id={`${id}-${name}`} lang={name === 'zh' ? undefined : 'en'} value={draft[name]} maxLength={name === 'id' ? 63 : 200} aria-describedby={hint ? `${id}-${name}-hint` : undefined} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} />
      {hint && <span id={`${id}-${name}-hint`} className="hint">{hint}</span>}
    </p>
  );
  return (
    <form className="directory-add" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('agencyAddTitle')}</h2>
      {field('zh', t('agencyZh'))}
      {field('en', t('agencyEn'))}
      {field('id', t('agencyId'), t('agencyIdHint'))}
      {error && <p className="field-error" role="alert">{error}</p>}
      <button type="submit" className="button primary" disabled={busy}>{t('agencyAdd')}</button>
    </form>
  );
}
