/** "Preparing… 12 s" with an indeterminate progress bar while an export is built; then the file name, or the error. */
import { useI18n } from '../i18n/I18nProvider.js';
import type { DownloadState } from './useDownload.js';

export function DownloadStatus({ status, onCancel }: { status: DownloadState; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <div className="download-status">
      {/* Always in the DOM, so screen readers announce each change of its text. */}
      <div role="status" aria-live="polite" className="download-live">
        {status.state === 'busy' && (
          <span className="download-busy">
            {/* No value: an indeterminate bar, the server does not report progress. */}
            <progress aria-label={t('exportPreparing', { what: status.what })} />
            <span>{t('exportPreparing', { what: status.what })}</span>
            <span className="download-seconds">{t('exportElapsed', { seconds: status.seconds })}</span>
          </span>
        )}
        {status.state === 'done' && <span className="download-done">{t('exportDone', { name: status.name })}</span>}
      </div>
      {status.state === 'busy' && (
        <button type="button" className="button small" onClick={onCancel}>{t('cancel')}</button>
      )}
      {status.state === 'error' && (
        <p role="alert" className="notice notice-error download-error">
          {status.status === 501 ? t('exportUnavailable', { message: status.message }) : status.status === 503 ? t('exportBusy') : t('exportFailed', { message: status.message })}
        </p>
      )}
    </div>
  );
}
