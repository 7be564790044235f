/** Who made a change: name, affiliation and time of each author ("by Ms. Lin (civil society), on 2 Mar 2021"). */
import type { ChangeAuthor } from '../../shared/diff/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { affiliationLabel, formatDateTime } from './changeInfo.js';

export function Authors({ authors }: { authors: ChangeAuthor[] | undefined }) {
  const { t, lang } = useI18n();
  if (!authors?.length) return <p className="change-authors muted">{t('diffUnknownAuthor')}</p>;
  return (
    <p className="change-authors">
      <span className="change-by">{t('diffBy')}</span>
      {authors.map((a, i) => (
        <span key={`${a.userId}-${i}`} className="change-author">
          <span className="author-name">{a.name}</span>
          <span className={`affiliation affiliation-${a.affiliation}`}>{affiliationLabel(a.affiliation, t)}</span>
          <time dateTime={a.at}>{formatDateTime(a.at, lang)}</time>
        </span>
      ))}
    </p>
  );
}
