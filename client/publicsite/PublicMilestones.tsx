/** The published milestones and indicators of a commitment, with their statuses. */
import { FIELD_LABELS, MILESTONE_STATUS_LABELS, type Lang, type MilestoneJSON } from '../../shared/schema/index.js';
import { formatDate } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { normaliseUrl } from '../editor/LinkForm.js';
import { MilestoneFlag } from '../timeline/MilestoneFlag.js';
import { LANG_TAG, pick } from './content.js';

function Cell({ text, lang, outdated }: { text: { zh: string; en: string }; lang: Lang; outdated: boolean }) {
  const { t } = useI18n();
  const shown = pick(text, lang);
  return (
    <td lang={LANG_TAG[shown.lang]}>
      {shown.text}
      {lang === 'en' && outdated && <span className="badge badge-warn">{t('publicEnOutdated')}</span>}
    </td>
  );
}

export function PublicMilestones({ milestones, outdated }: { milestones: MilestoneJSON[]; outdated: string[] }) {
  const { t, lang } = useI18n();
  const label = (k: string) => FIELD_LABELS[k]?.[lang] ?? k;
  if (milestones.length === 0) return <p className="muted">{t('noMilestones')}</p>;
  return (
    <div className="public-table-wrap">
      <table className="public-milestones">
        <caption className="visually-hidden">{label('milestones')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colNumber')}</th>
            <th scope="col">{label('period')}</th>
            <th scope="col">{label('text')}</th>
            <th scope="col">{label('indicator')}</th>
            <th scope="col">{label('due')}</th>
            <th scope="col">{label('status')}</th>
            <th scope="col">{label('evidence')}</th>
          </tr>
        </thead>
        <tbody>
          {milestones.map((m, i) => {
            const evidence = m.evidence ? normaliseUrl(m.evidence) : null;
            return (
              <tr key={m.id} id={`milestone-${m.id}`}>
                <td className="pm-keep">{i + 1}</td>
                <td>{m.period}</td>
                <Cell text={m.text} lang={lang} outdated={outdated.includes(`milestone.${m.id}.text`)} />
                <Cell text={m.indicator} lang={lang} outdated={outdated.includes(`milestone.${m.id}.indicator`)} />
                <td>{m.due ? formatDate(m.due, lang) : ''} <MilestoneFlag milestone={m} /></td>
                <td><span className={`badge ms-status-${m.status}`}>{MILESTONE_STATUS_LABELS[m.status]?.[lang] ?? m.status}</span></td>
                <td>{evidence && <a href={evidence} rel="nofollow noopener noreferrer">{t('publicEvidence')}</a>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
