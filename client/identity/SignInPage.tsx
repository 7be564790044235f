/** The sign-in form (e-mail and password); accounts are created by invitation from a coordinator. */
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../api/http.js';
import { api } from '../api/endpoints.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import { Link } from '../router/Link.js';
import { useIdentity } from './IdentityProvider.js';

export function SignInPage({ expired }: { expired: boolean }) {
  const { t } = useI18n();
  const { signIn } = useIdentity();
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  useDocumentTitle(`${t('signInTitle')} · ${t('appName')}`);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError(t('signInMissing'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      await signIn(email.trim(), password);
    } catch (e) {
      const err = e as ApiError;
      setError(
        err.status === 401 ? t('signInWrong')
        : err.code === 'account_disabled' ? t('signInDisabled')
        : err.status === 429 ? t('signInRateLimited')
        : err.status === 0 ? t('signInUnreachable')
        : err.message,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page sign-in-page">
      <form className="sign-in" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`} className="page-title">{t('signInTitle')}</h1>
        <p className="muted">{t('signInIntro')}</p>
        {expired && <p className="notice" role="status">{t('signInExpired')}</p>}
        <div className="form-row">
          <label htmlFor={`${id}-email`}>{t('signInEmail')}</label>
          <input id={`${id}-email`} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} aria-describedby={error ? `${id}-error` : undefined} />
        </div>
        <div className="form-row">
          <label htmlFor={`${id}-password`}>{t('signInPassword')}</label>
          <input id={`${id}-password`} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-describedby={error ? `${id}-error` : undefined} />
        </div>
        {error && (
          <p id={`${id}-error`} className="field-error" role="alert">{error}</p>
        )}
        <button type="submit" className="button primary sign-in-submit" disabled={busy}>
          {busy ? t('signInBusy') : t('signInSubmit')}
        </button>
        <p className="hint">{t('signInInvitationHint')}</p>
      </form>
      <div className="sign-in">
        <ForgotPassword initialEmail={email} />
      </div>
      {/* Visitors who came for the plan itself need no account. */}
      <p className="sign-in sign-in-public">
        <Link href="/public">{t('signInPublicLink')}</Link>
      </p>
    </div>
  );
}

/** "Forgot password": asks for a reset link by e-mail (the server answers the same for any address). */
function ForgotPassword({ initialEmail }: { initialEmail: string }) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <p>
        <button type="button" className="button link" onClick={() => { setEmail(initialEmail); setOpen(true); }}>{t('signInForgot')}</button>
      </p>
    );
  }
  const send = async () => {
    if (!email.trim()) return setNote(t('signInMissing'));
    setBusy(true);
    try {
      await api.requestPasswordReset(email.trim());
      setNote(t('resetRequestSent'));
    } catch (e) {
      const err = e as ApiError;
      setNote(err.code === 'mail_unavailable' ? t('resetNoMail') : err.status === 429 ? t('signInRateLimited') : err.status === 0 ? t('signInUnreachable') : err.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="forgot-password" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('resetRequestTitle')}</h2>
      <p className="muted">{t('resetRequestIntro')}</p>
      <div className="form-row">
        <label htmlFor={`${id}-email`}>{t('signInEmail')}</label>
        <input id={`${id}-email`} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <button type="button" className="button" disabled={busy} onClick={() => void send()}>{t('resetRequestSubmit')}</button>
      {note && <p className="notice" role="status">{note}</p>}
    </section>
  );
}
