/** The server's store was reset or replaced; the local copies were held back. Keep their text, or discard them. */
import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import { closeLocalCopies } from './localStore.js';
import { discardLocalCopies, downloadJson, exportLocalCopies, localTitles, storeReset } from './storeIdentity.js';

export function StoreResetDialog() {
  const { t, lang } = useI18n();
  const reset = useSyncExternalStore(storeReset.subscribe, storeReset.get);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const [titles, setTitles] = useState<Map<string, { zh: string; en: string }>>(new Map());
  const [busy, setBusy] = useState(false);
  const [kept, setKept] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!reset) return;
    if (!dialog.current?.open) dialog.current?.showModal();
    let live = true;
    void localTitles(reset).then((m) => live && setTitles(m), () => undefined);
    return () => {
      live = false;
    };
  }, [reset]);

  if (!reset) return null;

  const keep = async () => {
    setBusy(true);
    setError(null);
    try {
      const data = await exportLocalCopies(reset);
      downloadJson(`gongbi-local-copies-${new Date().toISOString().slice(0, 10)}.json`, data);
      setKept(true);
    } catch (err) {
      setError(t('errorGeneric', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  const discard = async () => {
    setBusy(true);
    setError(null);
    try {
      await discardLocalCopies(reset, closeLocalCopies);
      location.reload();
    } catch {
      setError(t('storeResetBlocked'));
      setBusy(false);
    }
  };

  return (
    // Escape does not close it: the copies stay held back until the person chooses.
    <dialog ref={dialog} className="dialog store-reset" aria-labelledby={titleId} aria-describedby={bodyId} onCancel={(e) => e.preventDefault()}>
      <div className="dialog-body">
        <h2 id={titleId}>{t('storeResetTitle')}</h2>
        <p id={bodyId}>{t('storeResetBody')}</p>
        <p>{t('storeResetList')}</p>
        <ul className="store-reset-list">
          {reset.copies.map((copy) => (
            <li key={copy.name} data-doc={copy.name}>
              <span className="store-reset-name">{titles.get(copy.name)?.[lang] || titles.get(copy.name)?.zh || copy.name}</span>{' '}
              <span className={copy.pending > 0 ? 'store-reset-unsaved' : 'muted'}>
                {copy.pending > 0 ? t('storeResetUnsaved', { count: copy.pending }) : t('storeResetNoUnsaved')}
              </span>
            </li>
          ))}
        </ul>
        {kept && <p role="status">{t('storeResetKept')}</p>}
        {error && <p role="alert" className="field-error">{error}</p>}
        <div className="dialog-actions">
          <button type="button" className="button" disabled={busy} onClick={() => void keep()}>{t('storeResetKeep')}</button>
          <button type="button" className="button primary" disabled={busy} onClick={() => void discard()}>{t('storeResetDiscard')}</button>
        </div>
      </div>
    </dialog>
  );
}
