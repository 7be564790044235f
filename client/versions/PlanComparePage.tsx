/** Route `/plans/:id/compare?from=&to=`: every commitment that changed between two review meetings, with authors. */
import { useMemo, useState } from 'react';
import type { PlanJSON } from '../../shared/schema/index.js';
import { useApi } from '../api/useApi.js';
import { formatDate } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Link } from '../router/Link.js';
import { commitmentHistoryPath, planHistoryPath } from '../router/routes.js';
import { Loading } from '../ui/States.js';
import { InlineError } from './InlineError.js';
import { historyApi } from './api.js';
import { authorsIn, fieldsIn, matches, NO_FILTER } from './changeInfo.js';
import { ChangeSummary } from './ChangeSummary.js';
import { ChangeView, type DiffMode } from './ChangeView.js';
import { CompareControls } from './CompareControls.js';
import { PlanFrame } from './HistoryFrame.js';
import { defaultFrom, planRefOptions, refLabel, useSearchParam } from './refs.js';

export function PlanComparePage({ planId }: { planId: string }) {
  const { t } = useI18n();
  return (
    <PlanFrame planId={planId} tab="compare" title={t('comparePlanTitle')}>
      {(plan) => <Compare plan={plan} />}
    </PlanFrame>
  );
}

function Compare({ plan }: { plan: PlanJSON }) {
  const { t, lang } = useI18n();
  const [cycles] = useApi(`cycles:${plan.id}`, (s) => historyApi.cycles(plan.id, s));
  const options = useMemo(() => planRefOptions(cycles.state === 'ready' ? cycles.data.cycles : []), [cycles]);
  const [fromParam, setFrom] = useSearchParam('from');
  const [toParam, setTo] = useSearchParam('to');
  const [mode, setMode] = useState<DiffMode>('inline');
  const [filter, setFilter] = useState(NO_FILTER);
  const from = fromParam ?? defaultFrom(options);
  const to = toParam ?? 'live';
  const [diff, reload] = useApi(`plandiff:${plan.id}:${from}:${to}`, (s) => (from ? historyApi.planDiff(plan.id, from, to, s) : Promise.resolve(null)));

  if (cycles.state === 'loading') return <Loading />;
  if (!from) {
    return (
      <div className="empty-note">
        <p>{t('compareNoCycles')}</p>
        <p><Link href={planHistoryPath(plan.id, 'cycles')}>{t('tabCycles')}</Link></p>
      </div>
    );
  }
  const label = (ref: string) => {
    const o = options.find((x) => x.ref === ref);
    return o ? refLabel(o, t, (iso) => formatDate(iso, lang)) : ref;
  };
  const data = diff.state === 'ready' ? diff.data : null;
  const all = data ? data.commitments.flatMap((c) => c.diff.changes) : [];
  const query = `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  return (
    <section className="compare" aria-labelledby="compare-changes">
      <CompareControls
        options={options}
        from={from}
        to={to}
        onRefs={(f, tt) => (setFrom(f), setTo(tt))}
        mode={mode}
        onMode={setMode}
        fields={fieldsIn(all)}
        people={authorsIn(all)}
        filter={filter}
        onFilter={setFilter}
      />
      <h2 id="compare-changes" className="section-heading">{t('compareChangesHeading', { from: label(from), to: label(to) })}</h2>
      {diff.state === 'loading' && <Loading />}
      {diff.state === 'error' && (
        <InlineError message={diff.error.message} onRetry={reload} />
      )}
      {data && (
        <>
          <ChangeSummary total={data.totals.changes} counts={data.totals} approximate={data.approximate} shown={all.filter((c) => matches(c, filter)).length} />
          {data.commitments.map((c) => {
            const shown = c.diff.changes.filter((ch) => matches(ch, filter));
            if (shown.length === 0) return null;
            const headingId = `cmp-${c.commitmentId}`;
            return (
              <section key={c.commitmentId} className="compare-commitment" aria-labelledby={headingId}>
                <h3 id={headingId} className="compare-commitment__title">
                  <span className="commitment-number">{c.number}</span> {c.title[lang] || c.title.zh}
                </h3>
                <p className="small">
                  <Link href={commitmentHistoryPath(c.commitmentId, 'compare', query)}>{t('compareOpenCommitment', { number: c.number })}</Link>
                </p>
                <ol className="changes">
                  {shown.map((ch) => (
                    <ChangeView key={ch.path} change={ch} mode={mode} beforeLabel={label(from)} afterLabel={label(to)} rowOf={() => null} domains={plan.domains} level={4} />
                  ))}
                </ol>
              </section>
            );
          })}
          {(data.added.length > 0 || data.removed.length > 0) && (
            <div className="compare-added">
              {data.added.length > 0 && <p>{t('compareAdded', { list: data.added.map((c) => `${c.number} ${c.title[lang] || c.title.zh}`).join(t('listSeparator')) })}</p>}
              {data.removed.length > 0 && <p>{t('compareRemoved', { list: data.removed.map((c) => `${c.number} ${c.title[lang] || c.title.zh}`).join(t('listSeparator')) })}</p>}
            </div>
          )}
        </>
      )}
    </section>
  );
}
