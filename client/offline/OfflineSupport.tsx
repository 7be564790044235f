/** App-wide offline wiring, rendered once by the shell: user namespace, service worker, leave warning, delivery of waiting changes, and the word that changes left offline are kept. */
import { useEffect, useSyncExternalStore } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import { setOfflineNamespace } from './localStore.js';
import { registerServiceWorker } from './registerServiceWorker.js';
import { sessions } from './sessions.js';
import { checkStore, storeReset } from './storeIdentity.js';
import { StoreResetDialog } from './StoreResetDialog.js';

const RETRY_WAITING_MS = 60_000;
const RETRY_SOON_MS = 2_000;
const RETRY_SOON_TRIES = 5;

export function OfflineSupport({ userId }: { userId: string | null }) {
  const { t } = useI18n();
  // During render, not in an effect: the pages' documents open in their effects, which run first.
  setOfflineNamespace(userId);

  useEffect(() => registerServiceWorker(), []);

  useEffect(() => {
    if (!userId) return;
    // Waiting changes go out only once the server's store is known to be theirs.
    let again: ReturnType<typeof setTimeout> | null = null;
    const deliver = (tries = 0) => {
      if (again) clearTimeout(again);
      again = null;
      sessions.dismissKept();
      sessions.refresh();
      void checkStore(userId).then((check) => {
        if (check === 'same') void sessions.flushWaiting();
        // The `online` event can come before requests get through: ask again soon, not in a minute.
        else if (check === 'unknown' && navigator.onLine && tries < RETRY_SOON_TRIES) again = setTimeout(() => deliver(tries + 1), RETRY_SOON_MS);
      });
    };
    const onOnline = () => deliver();
    const unsubscribeReset = storeReset.subscribe(sessions.refresh);
    deliver();
    // Changes left behind while the browser stayed online (the server was down) get no `online` event.
    const retry = setInterval(() => {
      if (sessions.getState().elsewhere > 0) void sessions.flushWaiting();
    }, RETRY_WAITING_MS);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', sessions.refresh);
    // Other tabs write their waiting counts to localStorage.
    window.addEventListener('storage', sessions.refresh);
    return () => {
      clearInterval(retry);
      unsubscribeReset();
      if (again) clearTimeout(again);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', sessions.refresh);
      window.removeEventListener('storage', sessions.refresh);
    };
  }, [userId]);

  useEffect(() => {
    // Offline, changes wait safely in IndexedDB; online, leaving now would cut them off mid-way.
    const warn = (event: BeforeUnloadEvent) => {
      // After a store reset nothing is on its way: the reset dialog speaks for the held-back copies.
      if (storeReset.get() || !sessions.hasUnsentWhileOnline()) return;
      event.preventDefault();
      event.returnValue = t('syncLeaveWarning');
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [t]);

  return (
    <>
      <KeptNotice />
      <StoreResetDialog />
    </>
  );
}

/**
 * Said after leaving a page with unsent changes offline (not asked before: nothing is lost,
 * the changes wait in this browser). The live region is always there, so the words are announced.
 */
function KeptNotice() {
  const { t } = useI18n();
  const kept = useSyncExternalStore(sessions.subscribe, sessions.getKept);
  return (
    <div className="kept-region" role="status">
      {kept && (
        <div className="notice kept-notice">
          <span>{t('keptOnDevice')}</span>
          <button type="button" className="button small" onClick={sessions.dismissKept}>{t('dismiss')}</button>
        </div>
      )}
    </div>
  );
}
