/** A small indicator of whether edits are reaching the server: connecting, connected, offline, refused. */
import { useI18n } from '../i18n/I18nProvider.js';
import { closeReasonKey } from './closeReasons.js';
import type { SyncStatus } from './status.js';

export function ConnectionStatus({ status }: { status: SyncStatus }) {
  const { t } = useI18n();
  const text =
    status.state === 'connected' ? t('connConnected')
    : status.state === 'offline' ? t('connOffline')
    : status.state === 'refused' ? t('connClosed', { reason: t(closeReasonKey(status.reason)) })
    : t('connConnecting');
  return (
    // Not a live region: the header's sync indicator announces changes once for the whole app.
    <p className={`conn conn-${status.state}`} data-state={status.state}>
      <span className="visually-hidden">{t('connectionLabel')}: </span>
      <span className="conn-dot" aria-hidden="true" />
      <span>{text}</span>
    </p>
  );
}
