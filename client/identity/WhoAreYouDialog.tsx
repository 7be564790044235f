/** The "who are you" form: display name, affiliation and organisation, in a modal dialog. */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import { randomColor, type Affiliation, type Identity } from './identity.js';

interface Props {
  initial: Identity | null;
  onSave: (identity: Identity) => void;
  /** Absent when answering is required (first visit to an editor). */
  onCancel?: () => void;
}

export function WhoAreYouDialog({ initial, onSave, onCancel }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [name, setName] = useState(initial?.name ?? '');
  const [affiliation, setAffiliation] = useState<Affiliation>(initial?.affiliation ?? 'civil_society');
  const [organisation, setOrganisation] = useState(initial?.organisation ?? '');
  const [error, setError] = useState('');

  useEffect(() => {
    const dialog = ref.current;
    // showModal traps focus and makes the page behind inert; jsdom lacks it.
    if (dialog && !dialog.open) dialog.showModal?.();
    return () => dialog?.close?.();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError(t('whoNameRequired'));
      return;
    }
    onSave({ name: name.trim(), affiliation, organisation: organisation.trim(), color: initial?.color ?? randomColor() });
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        if (!onCancel) e.preventDefault();
        else onCancel();
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>{t('whoTitle')}</h2>
        <p className="muted">{t('whoIntro')}</p>
        <div className="form-row">
          <label htmlFor={`${id}-name`}>{t('whoName')}</label>
          <input
            id={`${id}-name`}
            value={name}
            autoFocus
            autoComplete="name"
            maxLength={60}
            aria-invalid={!!error}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          {error && (
            <p id={`${id}-error`} className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <fieldset className="form-row">
          <legend>{t('whoAffiliation')}</legend>
          {(['agency', 'civil_society'] as const).map((a) => (
            <label key={a} className="radio">
              <input type="radio" name="affiliation" value={a} checked={affiliation === a} onChange={() => setAffiliation(a)} />
              {t(a === 'agency' ? 'affiliationAgency' : 'affiliationCivil')}
            </label>
          ))}
        </fieldset>
        <div className="form-row">
          <label htmlFor={`${id}-org`}>{t('whoOrganisation')}</label>
          <input id={`${id}-org`} value={organisation} maxLength={100} onChange={(e) => setOrganisation(e.target.value)} />
        </div>
        <div className="dialog-actions">
          {onCancel && (
            <button type="button" className="button" onClick={onCancel}>
              {t('whoCancel')}
            </button>
          )}
          <button type="submit" className="button primary">
            {t('whoSave')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
