/** A commitment's status as a coloured badge (colour is decoration; the word carries the meaning). */
import { COMMITMENT_STATUS_LABELS, type CommitmentStatus } from '../../shared/schema/index.js';
import { useI18n } from '../i18n/I18nProvider.js';

export function StatusBadge({ status }: { status: CommitmentStatus }) {
  const { lang } = useI18n();
  return <span className={`badge status-${status}`}>{COMMITMENT_STATUS_LABELS[status]?.[lang] ?? status}</span>;
}
