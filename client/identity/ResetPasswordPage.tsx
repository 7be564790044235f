/** Route `/reset-password/:token`: the page a password-reset mail links to; needs no sign-in. */
import { useId, useState, type FormEvent } from 'react';
import { api } from '../api/endpoints.js';
import { ApiError } from '../api/http.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Link } from '../router/Link.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';

const MIN_LENGTH = 10;

export function ResetPasswordPage({ token }: { token: string }) {
  const { t } = useI18n();
  const id = useId();
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(`${t('resetTitle')} · ${t('appName')}`);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password.length < MIN_LENGTH) return setError(t('resetTooShort'));
    setBusy(true);
    setError('');
    try {
      await api.resetPassword(token, password);
      setDone(true);
    } catch (e) {
      const err = e as ApiError;
      setError(err.status === 410 ? t('resetInvalid') : err.status === 0 ? t('signInUnreachable') : err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page sign-in-page">
      <form className="sign-in" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`} className="page-title">{t('resetTitle')}</h1>
        {done ? (
          <p className="notice" role="status">{t('resetDone')}</p>
        ) : (
          <>
            <p className="muted">{t('resetIntro')}</p>
            <div className="form-row">
              <label htmlFor={`${id}-password`}>{t('resetNewPassword')}</label>
              <input id={`${id}-password`} type="password" autoComplete="new-password" minLength={MIN_LENGTH} value={password} onChange={(e) => setPassword(e.target.value)} aria-describedby={error ? `${id}-error` : undefined} />
            </div>
            {error && <p id={`${id}-error`} className="field-error" role="alert">{error}</p>}
            <button type="submit" className="button primary sign-in-submit" disabled={busy}>{t('resetSubmit')}</button>
          </>
        )}
        <p><Link href="/">{t('resetBackToSignIn')}</Link></p>
      </form>
    </div>
  );
}
