/**
 * The coordinator moves a commitment to another lead agency (a reorganisation): an agency of
 * the directory and a note, which the history keeps. The editor shows the new lead once the
 * server has mirrored it into the document.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { Agency } from '../../shared/schema/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { rightsApi } from './api.js';
import { rightsErrorKey } from './rightsError.js';
import { useAgencies } from './useAgencies.js';

export function MoveLeadDialog({ commitmentId, lead }: { commitmentId: string; lead: Agency }) {
  const { t, lang } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const toId = useId();
  const noteId = useId();
  const [agencies] = useAgencies();
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const choices = agencies.state === 'ready' ? agencies.data.agencies.filter((a) => a.id !== lead.id) : [];
  const name = (a: Agency) => a[lang] || a.zh;
  const open = () => {
    setError(null);
    setDone(null);
    dialog.current?.showModal();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!to) return setError(t('chooseAgency'));
    if (!note.trim()) return setError(t('rightsNoteRequired'));
    setBusy(true);
    setError(null);
    try {
      const { rights } = await rightsApi.moveLead(commitmentId, to, note.trim());
      setDone(t('moveLeadDone', { name: rights.leadAgency ? name(rights.leadAgency) : to }));
      setTo('');
      setNote('');
      dialog.current?.close();
    } catch (err) {
      setError(t(rightsErrorKey(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button small" onClick={open}>{t('moveLead')}</button>
      {done && <span className="hint-inline" role="status">{done}</span>}
      <dialog ref={dialog} className="dialog move-lead" aria-labelledby={titleId}>
        <form className="dialog-body" onSubmit={(e) => void submit(e)}>
          <h2 id={titleId}>{t('moveLeadTitle')}</h2>
          <p>{t('moveLeadIntro', { name: name(lead) })}</p>
          <p className="form-field">
            <label htmlFor={toId}>{t('moveLeadTo')}</label>
            <select id={toId} value={to} onChange={(e) => setTo(e.target.value)} disabled={agencies.state !== 'ready'} required>
              <option value="">{t('chooseAgency')}</option>
              {choices.map((a) => (
                <option key={a.id} value={a.id}>{name(a)}</option>
              ))}
            </select>
          </p>
          <p className="form-field">
            <label htmlFor={noteId}>{t('moveLeadNote')}</label>
            <textarea id={noteId} value={note} maxLength={500} rows={3} onChange={(e) => setNote(e.target.value)} required />
          </p>
          {agencies.state === 'error' && <p className="field-error" role="alert">{t(rightsErrorKey(agencies.error))}</p>}
          {error && <p className="field-error" role="alert">{error}</p>}
          <div className="dialog-actions">
            <button type="submit" className="button primary" disabled={busy}>{busy ? t('moveLeadBusy') : t('moveLeadSubmit')}</button>
            <button type="button" className="button" onClick={() => dialog.current?.close()}>{t('cancel')}</button>
          </div>
        </form>
      </dialog>
    </>
  );
}
