/** The contribution page's suggestion figures: made, accepted and declined, by affiliation kind and by person. */
import { useI18n } from '../i18n/I18nProvider.js';
import { useApi } from '../api/useApi.js';
import { affiliationLabel } from '../versions/changeInfo.js';
import { suggestionFiguresApi } from './api.js';

interface Props {
  scope: { plan?: string; commitment?: string };
  period: { after?: string; until?: string };
}

export function SuggestionFiguresTable({ scope, period }: Props) {
  const { t } = useI18n();
  const [figures] = useApi(`suggestion-figures:${JSON.stringify([scope, period])}`, (signal) => suggestionFiguresApi(scope, period, signal));
  if (figures.state !== 'ready') return null;
  const { byAffiliation, byPerson } = figures.data;
  const kinds = Object.keys(byAffiliation).sort();
  return (
    <section className="contrib-suggestions" aria-label={t('contribSuggestions')}>
      <h3>{t('contribSuggestions')}</h3>
      {kinds.length === 0 ? (
        <p className="hint">{t('contribNoSuggestions')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('contribWho')}</th>
              <th scope="col" className="num">{t('contribSuggestionsMade')}</th>
              <th scope="col" className="num">{t('suggestStatus_accepted')}</th>
              <th scope="col" className="num">{t('suggestStatus_declined')}</th>
            </tr>
          </thead>
          <tbody>
            {kinds.map((k) => (
              <tr key={k}>
                <th scope="row">{affiliationLabel(k, t)}</th>
                <td className="num">{byAffiliation[k]!.made}</td>
                <td className="num">{byAffiliation[k]!.accepted}</td>
                <td className="num">{byAffiliation[k]!.declined}</td>
              </tr>
            ))}
            {byPerson.map((p) => (
              <tr key={p.userId}>
                <th scope="row">{p.name}（{p.affiliation}）</th>
                <td className="num">{p.made}</td>
                <td className="num">{p.accepted}</td>
                <td className="num">{p.declined}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
