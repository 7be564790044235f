/** One domain of the plan with its commitments as a table. */
import type { CommitmentSummary } from '../../shared/protocol/api.js';
import type { DomainJSON } from '../../shared/schema/index.js';
import { formatRelative, formatDate } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Link } from '../router/Link.js';
import { commitmentPath } from '../router/routes.js';
import { MilestoneProgress } from '../timeline/MilestoneProgress.js';
import { StatusBadge } from './StatusBadge.js';

/** Open suggestions per commitment id (what its working group has to answer). */
type SuggestionCounts = Record<string, { open: number }>;

export function DomainSection({ domain, index, rows, suggestionCounts = {} }: { domain: DomainJSON; index: number; rows: CommitmentSummary[]; suggestionCounts?: SuggestionCounts }) {
  const { t, field, lang } = useI18n();
  const headingId = `domain-${domain.id}`;
  return (
    <section className="domain" aria-labelledby={headingId}>
      <h2 id={headingId} className="domain-heading">
        <span className="domain-index" aria-hidden="true">{index + 1}</span>
        <span>{domain.name[lang] || domain.name.zh}</span>
        <span className="domain-count">{t('domainCount', { count: rows.length })}</span>
      </h2>
      {rows.length === 0 ? (
        <p className="muted">{t('noCommitments')}</p>
      ) : (
        <div className="table-scroll">
          <table className="overview-table">
            <thead>
              <tr>
                <th scope="col" className="col-number">{field('number')}</th>
                <th scope="col" className="col-title">{field('title')}</th>
                <th scope="col" className="col-agency">{field('leadAgency')}</th>
                <th scope="col" className="col-status">{field('status')}</th>
                <th scope="col" className="col-progress">{t('colProgress')}</th>
                <th scope="col" className="col-edited">{t('colLastEdited')}</th>
                <th scope="col" className="col-online">{t('colOnline')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => {
                const title = c.title[lang] || c.title.zh;
                return (
                  <tr key={c.id}>
                    <td className="col-number">{c.number}</td>
                    <th scope="row" className="col-title">
                      <Link href={commitmentPath(c.id)} lang={c.title[lang] ? undefined : 'zh-Hant-TW'}>{title}</Link>
                      {(suggestionCounts[c.id]?.open ?? 0) > 0 && <> <span className="badge badge-open">{t('overviewOpenSuggestions', { count: suggestionCounts[c.id]!.open })}</span></>}
                    </th>
                    <td className="col-agency">{c.leadAgency[lang] || c.leadAgency.zh}</td>
                    <td className="col-status"><StatusBadge status={c.status} /></td>
                    <td className="col-progress"><MilestoneProgress milestones={c.milestones} /></td>
                    <td className="col-edited">
                      {c.updatedAt ? <time dateTime={c.updatedAt} title={formatDate(c.updatedAt, lang)}>{formatRelative(c.updatedAt, lang)}</time> : '—'}
                    </td>
                    <td className="col-online">
                      {c.online > 0 ? (
                        <span className="online"><span className="online-dot" aria-hidden="true" />{t('onlineCount', { count: c.online })}</span>
                      ) : (
                        <span className="muted">{t('nobodyOnline')}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
