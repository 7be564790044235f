/**
 * The commitment's history of rights: every move of its lead agency and every change of its
 * co-implementing agencies, with who, when and the note — newest first.
 */
import type { Agency } from '../../shared/schema/index.js';
import { useApi } from '../api/useApi.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Loading } from '../ui/States.js';
import { formatDateTime } from '../i18n/format.js';
import { rightsApi, type HistoryEvent } from './api.js';
import { rightsErrorKey } from './rightsError.js';

const isAgency = (v: unknown): v is Agency => typeof v === 'object' && v !== null && typeof (v as Agency).id === 'string' && typeof (v as Agency).zh === 'string';
const agencies = (v: unknown): Agency[] => (Array.isArray(v) ? v.filter(isAgency) : []);
const RIGHTS_EVENTS = new Set(['lead_agency_moved', 'co_agencies_changed', 'agency_renamed']);

export function RightsHistory({ commitmentId }: { commitmentId: string }) {
  const { t, lang } = useI18n();
  const [history] = useApi(`rights-history:${commitmentId}`, (s) => rightsApi.history(commitmentId, s));
  if (history.state === 'loading') return <Loading />;
  if (history.state === 'error') return <p className="field-error" role="alert">{t(rightsErrorKey(history.error))}</p>;
  const name = (a: Agency) => a[lang] || a.zh;
  const list = (v: unknown) => agencies(v).map(name).join(lang === 'zh' ? '、' : ', ');
  const events = history.data.events.filter((e) => RIGHTS_EVENTS.has(e.type)).sort((a, b) => b.at - a.at);
  const lines = (e: HistoryEvent): string[] => {
    if (e.type === 'agency_renamed') {
      const { from, to } = e.data;
      return [t('historyAgencyRenamed', { from: isAgency(from) ? name(from) : '—', to: isAgency(to) ? name(to) : '—' })];
    }
    if (e.type === 'lead_agency_moved') {
      const { from, to } = e.data;
      return [t('historyLeadMoved', { from: isAgency(from) ? name(from) : '—', to: isAgency(to) ? name(to) : '—' })];
    }
    const out: string[] = [];
    if (agencies(e.data.added).length) out.push(t('historyCoAdded', { names: list(e.data.added) }));
    if (agencies(e.data.removed).length) out.push(t('historyCoRemoved', { names: list(e.data.removed) }));
    return out;
  };
  return (
    <section aria-labelledby="rights-history-heading" className="rights-history">
      <h2 id="rights-history-heading" className="section-heading">{t('historyRightsHeading')}</h2>
      {events.length === 0 && <p className="empty-note">{t('historyRightsNone')}</p>}
      <ol className="timeline">
        {events.map((e, i) => (
          <li key={`${e.at}-${i}`} className="timeline-item timeline-rights">
            {lines(e).map((line) => (
              <p key={line} className="timeline-title">{line}</p>
            ))}
            {typeof e.data.note === 'string' && e.data.note && <p className="rights-note">{t('historyNote', { note: e.data.note })}</p>}
            <p className="muted small">{t('historyBy', { name: e.author.name, time: formatDateTime(new Date(e.at).toISOString(), lang) })}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
