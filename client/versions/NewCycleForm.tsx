/** The coordinator's form for a new review meeting, optionally taking its snapshot at once (the usual case: at the meeting). */
import { useId, useState, type FormEvent } from 'react';
import { taipeiDay } from '../../shared/dates/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { historyApi } from './api.js';
import { cycleLabel } from './cycleText.js';
import { apiErrorText } from '../api/errorText.js';

export function NewCycleForm({ planId, onCreated }: { planId: string; onCreated: () => void }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [label, setLabel] = useState('');
  const [meetingDate, setMeetingDate] = useState(() => taipeiDay(Date.now()));
  const [notes, setNotes] = useState('');
  const [labelEn, setLabelEn] = useState('');
  const [notesEn, setNotesEn] = useState('');
  const [snapshotNow, setSnapshotNow] = useState(true);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!label.trim()) {
      setMessage({ ok: false, text: t('cycleLabelMissing') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const { cycle } = await historyApi.createCycle(planId, { label: label.trim(), meetingDate, notes, labelEn: labelEn.trim(), notesEn });
      if (snapshotNow) await historyApi.takeSnapshot(cycle.id);
      setMessage({ ok: true, text: t(snapshotNow ? 'cycleCreatedWithSnapshot' : 'cycleCreated', { label: cycleLabel(cycle, lang) }) });
      setLabel('');
      setNotes('');
      setLabelEn('');
      setNotesEn('');
      onCreated();
    } catch (err) {
      setMessage({ ok: false, text: apiErrorText(t, err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="cycle-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="section-heading">{t('cycleNewHeading')}</h2>
      <div className="cycle-form__fields">
        <div className="filter">
          <label htmlFor={`${id}-label`}>{t('cycleLabel')}</label>
          <input id={`${id}-label`} type="text" value={label} placeholder={t('cycleLabelPlaceholder')} onChange={(e) => setLabel(e.target.value)} maxLength={200} />
        </div>
        <div className="filter">
          <label htmlFor={`${id}-date`}>{t('cycleMeetingDate')}</label>
          <input id={`${id}-date`} type="date" value={meetingDate} required onChange={(e) => setMeetingDate(e.target.value)} />
        </div>
        <div className="filter cycle-form__notes">
          <label htmlFor={`${id}-notes`}>{t('cycleNotes')}</label>
          <textarea id={`${id}-notes`} value={notes} onChange={(e) => setNotes(e.target.value)} rows={2} maxLength={20000} />
        </div>
        <div className="filter">
          <label htmlFor={`${id}-label-en`}>{t('cycleLabelEn')}</label>
          <input id={`${id}-label-en`} type="text" lang="en" value={labelEn} placeholder={t('cycleLabelEnPlaceholder')} onChange={(e) => setLabelEn(e.target.value)} maxLength={200} />
        </div>
        <div className="filter cycle-form__notes">
          <label htmlFor={`${id}-notes-en`}>{t('cycleNotesEn')}</label>
          <textarea id={`${id}-notes-en`} lang="en" value={notesEn} onChange={(e) => setNotesEn(e.target.value)} rows={2} maxLength={20000} />
        </div>
      </div>
      <label className="checkbox-row">
        <input type="checkbox" checked={snapshotNow} onChange={(e) => setSnapshotNow(e.target.checked)} />
        <span>{t('cycleSnapshotNow')}</span>
      </label>
      <p className="hint">{t('cycleSnapshotHint')}</p>
      <button type="submit" className="button primary" disabled={busy} data-action="create-cycle">{t('cycleCreate')}</button>
      <div role="status" className="cycle-form__status">
        {message?.ok && <p className="notice">{message.text}</p>}
      </div>
      {message && !message.ok && <p role="alert" className="field-error">{message.text}</p>}
    </form>
  );
}
