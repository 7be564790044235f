/**
 * Routes `/c/:id/contributions` and `/plans/:id/contributions` (`?cycle=<id>|live` for one
 * review period): who wrote what, agencies vs civil society and person by person, counted by
 * the server from its own update log.
 */
import { useId } from 'react';
import type { PlanJSON } from '../../shared/schema/index.js';
import { api } from '../api/endpoints.js';
import { useApi } from '../api/useApi.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Loading } from '../ui/States.js';
import { InlineError } from '../versions/InlineError.js';
import { historyApi } from '../versions/api.js';
import { CommitmentFrame, PlanFrame, type CommitmentData } from '../versions/HistoryFrame.js';
import { useSearchParam } from '../versions/refs.js';
import type { Contributions, CycleView } from '../../shared/protocol/versions.js';
import { AffiliationTable, CommitmentTable, PersonTable, type CommitmentRow } from './ContributionTables.js';
import { commitmentRange, periods, sumContributions, type Period, type Totals } from './ranges.js';
import { SuggestionFiguresTable } from '../suggestions/SuggestionFiguresTable.js';
import './contributions.css';

function PeriodPicker({ cycles, value, onChange }: { cycles: CycleView[]; value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const label = (p: Period) =>
    !p.until ? t('periodSince', { after: p.after!.label }) : p.after ? t('periodBetween', { after: p.after.label, until: p.until.label }) : t('periodUntil', { until: p.until.label });
  return (
    <div className="filter contrib-period">
      <label htmlFor={id}>{t('contribPeriod')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('periodAll')}</option>
        {periods(cycles).map((p) => <option key={p.key} value={p.key}>{label(p)}</option>)}
      </select>
    </div>
  );
}

function Figures({ totals, note }: { totals: Totals; note?: string }) {
  return (
    <>
      {note && <p className="hint">{note}</p>}
      <AffiliationTable byAffiliation={totals.byAffiliation} />
      <PersonTable people={totals.byPerson} />
    </>
  );
}

export function CommitmentContributionsPage({ commitmentId }: { commitmentId: string }) {
  const { t } = useI18n();
  return (
    <CommitmentFrame commitmentId={commitmentId} tab="contributions" title={t('contribTitle')}>
      {(data) => <CommitmentFigures data={data} />}
    </CommitmentFrame>
  );
}

function CommitmentFigures({ data }: { data: CommitmentData }) {
  const { t } = useI18n();
  const id = data.commitment.id;
  const [period, setPeriod] = useSearchParam('cycle');
  const [cycles] = useApi(`cycles:${data.summary.planId}`, (s) => historyApi.cycles(data.summary.planId, s));
  const [versions] = useApi(`versions:${id}`, (s) => historyApi.versions(id, s));
  const ready = cycles.state === 'ready' && versions.state === 'ready';
  const p = ready && period ? periods(cycles.data.cycles).find((x) => x.key === period) : undefined;
  const range = p && versions.state === 'ready' ? commitmentRange(p, versions.data.versions) : {};
  const [figures, reload] = useApi(`contrib:${id}:${ready}:${JSON.stringify(range)}`, (s) => (ready ? historyApi.contributions(id, range, s) : Promise.resolve(null)));
  return (
    <section className="contributions" aria-label={t('contribTitle')}>
      <p className="hint">{t('contribIntro')}</p>
      {cycles.state === 'ready' && <PeriodPicker cycles={cycles.data.cycles} value={period ?? ''} onChange={(v) => setPeriod(v || null)} />}
      {figures.state === 'error' && <InlineError message={figures.error.message} onRetry={reload} />}
      {figures.state === 'ready' && figures.data ? <Figures totals={figures.data} /> : figures.state !== 'error' && <Loading />}
      {(!period || p) && <SuggestionFiguresTable scope={{ commitment: id }} period={{ after: p?.after?.snapshotAt ?? undefined, until: p?.until?.snapshotAt ?? undefined }} />}
    </section>
  );
}

export function PlanContributionsPage({ planId }: { planId: string }) {
  const { t } = useI18n();
  return (
    <PlanFrame planId={planId} tab="contributions" title={t('contribPlanTitle')}>
      {(plan) => <PlanFigures plan={plan} />}
    </PlanFrame>
  );
}

/** A plan over one review period: each commitment's own range, summed here. */
async function planPeriod(ids: string[], p: Period, signal: AbortSignal): Promise<Array<{ id: string } & Contributions>> {
  const seqs = async (c: CycleView | null) => (c ? new Map((await historyApi.cycleSnapshots(c.id, signal)).snapshots.map((s) => [s.docName, s.seq])) : null);
  const [after, until] = await Promise.all([seqs(p.after), seqs(p.until)]);
  return Promise.all(
    ids.map(async (id) => ({ ...(await historyApi.contributions(id, { fromSeq: after?.get(id) ?? 0, toSeq: until ? (until.get(id) ?? 0) : undefined }, signal)), id })),
  );
}

function PlanFigures({ plan }: { plan: PlanJSON }) {
  const { t } = useI18n();
  const [period, setPeriod] = useSearchParam('cycle');
  const [cycles] = useApi(`cycles:${plan.id}`, (s) => historyApi.cycles(plan.id, s));
  const [summaries] = useApi(`plan:${plan.id}`, (s) => api.plan(plan.id, s));
  const ids = plan.domains.flatMap((d) => d.commitmentIds);
  const p = cycles.state === 'ready' && period ? periods(cycles.data.cycles).find((x) => x.key === period) : undefined;
  const waiting = Boolean(period) && cycles.state !== 'ready';
  const [figures, reload] = useApi(`plancontrib:${plan.id}:${p?.key ?? ''}:${waiting}`, async (s) => {
    if (waiting) return null;
    if (!p) return (await historyApi.planContributions(plan.id, s)).commitments;
    return planPeriod(ids, p, s);
  });
  const list = figures.state === 'ready' ? figures.data : null;
  const byId = new Map((summaries.state === 'ready' ? summaries.data.commitments : []).map((c) => [c.id, c]));
  const rows: CommitmentRow[] = (list ?? []).map((c) => ({ id: c.id, number: byId.get(c.id)?.number ?? '', title: byId.get(c.id)?.title ?? { zh: c.id, en: c.id }, byAffiliation: c.byAffiliation }));
  const query = period ? `?cycle=${encodeURIComponent(period)}` : '';
  return (
    <section className="contributions" aria-label={t('contribPlanTitle')}>
      <p className="hint">{t('contribIntro')}</p>
      {cycles.state === 'ready' && <PeriodPicker cycles={cycles.data.cycles} value={period ?? ''} onChange={(v) => setPeriod(v || null)} />}
      {figures.state === 'error' && <InlineError message={figures.error.message} onRetry={reload} />}
      {list ? (
        <>
          <Figures totals={sumContributions(list)} />
          <CommitmentTable rows={rows} query={query} />
          <SuggestionFiguresTable scope={{ plan: plan.id }} period={{ after: p?.after?.snapshotAt ?? undefined, until: p?.until?.snapshotAt ?? undefined }} />
        </>
      ) : (
        figures.state !== 'error' && <Loading />
      )}
    </section>
  );
}
