/** A button that asks in a modal dialog before doing something that cannot be taken back (restore, snapshot). */
import { useId, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api/http.js';
import { useI18n } from '../i18n/I18nProvider.js';

interface Props {
  /** The button's content; `name` completes its accessible name when several look alike. */
  children: ReactNode;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  action?: string;
  primary?: boolean;
}

export function ConfirmButton({ children, title, body, confirmLabel, onConfirm, action, primary }: Props) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      dialog.current?.close();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className={`button small${primary ? ' primary' : ''}`} data-action={action} onClick={() => dialog.current?.showModal()}>
        {children}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={() => setError(null)}>
        <form method="dialog" onSubmit={(e) => (e.preventDefault(), void confirm())}>
          <h2 id={titleId}>{title}</h2>
          <p>{body}</p>
          {error && <p role="alert" className="field-error">{t('errorGeneric', { message: error })}</p>}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => dialog.current?.close()}>{t('cancel')}</button>
            <button type="submit" className="button primary" disabled={busy}>{confirmLabel}</button>
          </div>
        </form>
      </dialog>
    </>
  );
}
