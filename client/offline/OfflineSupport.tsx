/** App-wide offline wiring, rendered once by the shell: user namespace, service worker, leave warning, delivery of waiting changes. */
import { useEffect } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import { setOfflineNamespace } from './localStore.js';
import { registerServiceWorker } from './registerServiceWorker.js';
import { sessions } from './sessions.js';
import { checkStore, storeReset } from './storeIdentity.js';
import { StoreResetDialog } from './StoreResetDialog.js';

const RETRY_WAITING_MS = 60_000;

export function OfflineSupport({ userId }: { userId: string | null }) {
  const { t } = useI18n();
  // During render, not in an effect: the pages' documents open in their effects, which run first.
  setOfflineNamespace(userId);

  useEffect(() => registerServiceWorker(), []);

  useEffect(() => {
    if (!userId) return;
    // Waiting changes go out only once the server's store is known to be theirs.
    const deliver = () => {
      sessions.refresh();
      void checkStore(userId).then((check) => {
        if (check === 'same') void sessions.flushWaiting();
      });
    };
    const unsubscribeReset = storeReset.subscribe(sessions.refresh);
    deliver();
    // Changes left behind while the browser stayed online (the server was down) get no `online` event.
    const retry = setInterval(() => {
      if (sessions.getState().elsewhere > 0) void sessions.flushWaiting();
    }, RETRY_WAITING_MS);
    window.addEventListener('online', deliver);
    window.addEventListener('offline', sessions.refresh);
    // Other tabs write their waiting counts to localStorage.
    window.addEventListener('storage', sessions.refresh);
    return () => {
      clearInterval(retry);
      unsubscribeReset();
      window.removeEventListener('online', deliver);
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

  return <StoreResetDialog />;
}
