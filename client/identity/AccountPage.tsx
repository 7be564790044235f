/** Route `/account`: the signed-in person changes their own password (e.g. after a one-time one). */
import { useId, useState, type FormEvent } from 'react';
import { api } from '../api/endpoints.js';
import { ApiError } from '../api/http.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Link } from '../router/Link.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';

const MIN_LENGTH = 10;

export function AccountPage() {
  const { t } = useI18n();
  const id = useId();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(`${t('accountTitle')} · ${t('appName')}`);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password.length < MIN_LENGTH) return setNote({ ok: false, text: t('resetTooShort') });
    setBusy(true);
    try {
      await api.changePassword(current, password);
      setNote({ ok: true, text: t('accountChanged') });
      setCurrent('');
      setPassword('');
    } catch (e) {
      const err = e as ApiError;
      setNote({ ok: false, text: err.status === 403 ? t('accountWrongCurrent') : err.status === 429 ? t('signInRateLimited') : err.status === 0 ? t('signInUnreachable') : err.message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page sign-in-page">
      <form className="sign-in" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <p className="eyebrow"><Link href="/">{t('backToPlan')}</Link></p>
        <h1 id={`${id}-title`} className="page-title">{t('accountTitle')}</h1>
        <p className="muted">{t('accountIntro')}</p>
        <div className="form-row">
          <label htmlFor={`${id}-current`}>{t('accountCurrent')}</label>
          <input id={`${id}-current`} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </div>
        <div className="form-row">
          <label htmlFor={`${id}-new`}>{t('resetNewPassword')}</label>
          <input id={`${id}-new`} type="password" autoComplete="new-password" minLength={MIN_LENGTH} value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        {note && <p className={note.ok ? 'notice' : 'field-error'} role={note.ok ? 'status' : 'alert'}>{note.text}</p>}
        <button type="submit" className="button primary sign-in-submit" disabled={busy}>{t('resetSubmit')}</button>
      </form>
    </div>
  );
}
