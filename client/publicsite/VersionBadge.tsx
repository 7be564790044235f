/** Which published version a public page shows: the review meeting and when it was published. */
import type { PublishedVersion } from '../../shared/protocol/public.js';
import { formatDate } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';

export function VersionBadge({ version }: { version: PublishedVersion }) {
  const { t, lang } = useI18n();
  return (
    <p className="public-version">
      {t('publicVersion', { label: version.label, date: formatDate(version.meetingDate, lang) })}
      <span className="muted small"> · {t('publicPublishedOn', { date: formatDate(version.publishedAt, lang) })}</span>
    </p>
  );
}
