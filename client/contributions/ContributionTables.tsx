/**
 * Contribution figures as tables (the numbers are the content) with a CSS bar per row for a
 * quick read; the bar is decorative and its percentage is also written out.
 */
import type { Bilingual } from '../../shared/schema/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Link } from '../router/Link.js';
import { commitmentHistoryPath } from '../router/routes.js';
import { affiliationLabel } from '../versions/changeInfo.js';
import type { PersonTally, Tally } from '../../shared/protocol/versions.js';
import { emptyTally, percent } from './ranges.js';

/** Agency and civil society first (the comparison the meeting asked for), then anything else (the seed's "system"). */
const KINDS = ['agency', 'civil_society'];

function Bar({ value, kind, label }: { value: number; kind: string; label: string }) {
  return (
    <span className="bar-cell">
      <span className="bar" aria-hidden="true">
        <span className={`bar-fill bar-${kind}`} style={{ width: `${value}%` }} />
      </span>
      <span className="bar-value">{label}</span>
    </span>
  );
}

function Numbers({ t }: { t: Tally }) {
  return (
    <>
      <td className="num">{t.charsAdded.toLocaleString()}</td>
      <td className="num">{t.charsRemoved.toLocaleString()}</td>
      <td className="num">{t.milestonesAdded.toLocaleString()}</td>
      <td className="num">{t.updates.toLocaleString()}</td>
    </>
  );
}

function Head({ first, extra }: { first: string; extra?: string }) {
  const { t } = useI18n();
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {extra && <th scope="col">{extra}</th>}
        <th scope="col" className="num">{t('contribCharsAdded')}</th>
        <th scope="col" className="num">{t('contribCharsRemoved')}</th>
        <th scope="col" className="num">{t('contribMilestones')}</th>
        <th scope="col" className="num">{t('contribEdits')}</th>
        <th scope="col">{t('contribShare')}</th>
      </tr>
    </thead>
  );
}

/** Agency vs civil society (and the system's seed, kept apart from the share). */
export function AffiliationTable({ byAffiliation }: { byAffiliation: Record<string, Tally> }) {
  const { t } = useI18n();
  const kinds = [...KINDS, ...Object.keys(byAffiliation).filter((k) => !KINDS.includes(k)).sort()];
  const people = KINDS.reduce((n, k) => n + (byAffiliation[k]?.charsAdded ?? 0), 0);
  return (
    <div className="table-scroll">
      <table className="contrib-table" data-table="affiliation">
        <caption>{t('contribByAffiliation')}</caption>
        <Head first={t('contribAffiliation')} />
        <tbody>
          {kinds.map((kind) => {
            const tally = byAffiliation[kind] ?? emptyTally();
            const share = percent(tally.charsAdded, people);
            return (
              <tr key={kind} data-affiliation={kind}>
                <th scope="row">{affiliationLabel(kind, t)}</th>
                <Numbers t={tally} />
                <td>{KINDS.includes(kind) ? <Bar value={share} kind={kind} label={`${share}%`} /> : <span className="muted">{t('contribSystemNote')}</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function PersonTable({ people }: { people: PersonTally[] }) {
  const { t } = useI18n();
  // Shares among people; the seed's "system" author would dwarf everyone else.
  const total = people.reduce((n, p) => n + (KINDS.includes(p.affiliation) ? p.charsAdded : 0), 0);
  if (people.length === 0) return <p className="empty-note">{t('contribNone')}</p>;
  return (
    <div className="table-scroll">
      <table className="contrib-table" data-table="person">
        <caption>{t('contribByPerson')}</caption>
        <Head first={t('contribPerson')} extra={t('contribAffiliation')} />
        <tbody>
          {people.map((p) => {
            const share = percent(p.charsAdded, total);
            return (
              <tr key={p.userId}>
                <th scope="row">{p.name}</th>
                <td>{affiliationLabel(p.affiliation, t)}</td>
                <Numbers t={p} />
                <td>{KINDS.includes(p.affiliation) ? <Bar value={share} kind={p.affiliation} label={`${share}%`} /> : <span className="muted">{t('contribSystemNote')}</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export interface CommitmentRow {
  id: string;
  number: string;
  title: Bilingual;
  byAffiliation: Record<string, Tally>;
}

/** Per commitment of a plan: characters written by agencies and by civil society, side by side. */
export function CommitmentTable({ rows, query }: { rows: CommitmentRow[]; query: string }) {
  const { t, lang } = useI18n();
  return (
    <div className="table-scroll">
      <table className="contrib-table" data-table="commitment">
        <caption>{t('contribByCommitment')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('contribCommitment')}</th>
            <th scope="col" className="num">{t('contribAgencyChars')}</th>
            <th scope="col" className="num">{t('contribCivilChars')}</th>
            <th scope="col">{t('contribCivilShare')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const agency = r.byAffiliation.agency?.charsAdded ?? 0;
            const civil = r.byAffiliation.civil_society?.charsAdded ?? 0;
            const share = percent(civil, agency + civil);
            return (
              <tr key={r.id}>
                <th scope="row"><Link href={commitmentHistoryPath(r.id, 'contributions', query)}>{r.number} {r.title[lang] || r.title.zh}</Link></th>
                <td className="num">{agency.toLocaleString()}</td>
                <td className="num">{civil.toLocaleString()}</td>
                <td>{agency + civil > 0 ? <Bar value={share} kind="civil_society" label={`${share}%`} /> : <span className="muted">—</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
