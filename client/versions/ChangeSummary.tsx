/** "5 changes: agency 2, civil society 3 — by 王科長, 林委員", and a note when authors are approximate. */
import { useI18n } from '../i18n/I18nProvider.js';
import { affiliationLabel } from './changeInfo.js';
import type { AuthorCounts } from '../../shared/protocol/versions.js';

export function ChangeSummary({ total, counts, approximate, shown }: { total: number; counts: AuthorCounts; approximate: boolean; shown: number }) {
  const { t } = useI18n();
  const affiliations = Object.entries(counts.byAffiliation).map(([kind, n]) => `${affiliationLabel(kind, t)} ${n}`);
  return (
    <div className="change-summary">
      <p role="status">
        {total === 0 ? t('compareNoChanges') : t('compareCount', { count: total })}
        {total > 0 && affiliations.length > 0 && <> · {affiliations.join(t('listSeparator'))}</>}
        {shown !== total && <> · {t('compareShown', { count: shown })}</>}
      </p>
      {counts.byAuthor.length > 0 && (
        <p className="muted small">{t('compareAuthors', { names: counts.byAuthor.map((a) => t('compareAuthorCount', { name: a.name, count: a.changes })).join(t('listSeparator')) })}</p>
      )}
      {approximate && <p className="notice small">{t('compareApproximate')}</p>}
    </div>
  );
}
