/** Route `/c/:id/compare?from=&to=`: what changed in one commitment between two versions, and who changed it. */
import { MoveNotes } from '../rights/MoveNotes.js';
import { useMemo, useState } from 'react';
import type { MilestoneJSON } from '../../shared/schema/index.js';
import { useApi } from '../api/useApi.js';
import { formatDate } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { canEdit } from '../identity/access.js';
import { Link } from '../router/Link.js';
import { planHistoryPath } from '../router/routes.js';
import { Loading } from '../ui/States.js';
import { InlineError } from './InlineError.js';
import { historyApi } from './api.js';
import { authorsIn, fieldsIn, langOfChange, matches, NO_FILTER } from './changeInfo.js';
import { ChangeSummary } from './ChangeSummary.js';
import { ChangeView, type DiffMode } from './ChangeView.js';
import { CompareControls } from './CompareControls.js';
import { CommitmentFrame, type CommitmentData } from './HistoryFrame.js';
import { RestoreButton } from './RestoreButton.js';
import { commitmentRefOptions, defaultFrom, refLabel, useSearchParam } from './refs.js';
import type { SnapshotView } from '../../shared/protocol/versions.js';

export function CommitmentComparePage({ commitmentId }: { commitmentId: string }) {
  const { t } = useI18n();
  return (
    <CommitmentFrame commitmentId={commitmentId} tab="compare" title={t('compareTitle')}>
      {(data) => <Compare data={data} />}
    </CommitmentFrame>
  );
}

/** Milestone and budget rows of the newer version, so a changed cell can be named by its row. */
function useRows(data: CommitmentData, to: string, versions: SnapshotView[]): Array<Array<{ id: string }>> {
  const snapshotId = to.startsWith('snapshot:') ? to.slice(9) : versions.find((v) => `cycle:${v.cycleId}` === to)?.id;
  const [frozen] = useApi(`snapshot:${to === 'live' ? '' : snapshotId}`, (s) => (to !== 'live' && snapshotId ? historyApi.snapshot(snapshotId, s) : Promise.resolve(null)));
  const c = to === 'live' ? data.commitment : frozen.state === 'ready' && frozen.data ? frozen.data.rendering : null;
  return c ? [c.milestones, c.budget ?? []] : [];
}

function Compare({ data }: { data: CommitmentData }) {
  const { t, lang } = useI18n();
  const id = data.commitment.id;
  const [versions] = useApi(`versions:${id}`, (s) => historyApi.versions(id, s));
  const [cycles] = useApi(`cycles:${data.summary.planId}`, (s) => historyApi.cycles(data.summary.planId, s));
  const list = versions.state === 'ready' ? versions.data.versions : [];
  const options = useMemo(() => commitmentRefOptions(list, cycles.state === 'ready' ? cycles.data.cycles : []), [list, cycles]);
  const [fromParam, setFrom] = useSearchParam('from');
  const [toParam, setTo] = useSearchParam('to');
  const [mode, setMode] = useState<DiffMode>('inline');
  const [filter, setFilter] = useState(NO_FILTER);
  const from = fromParam ?? defaultFrom(options);
  const to = toParam ?? 'live';
  const [diff, reload] = useApi(`diff:${id}:${from}:${to}`, (s) => (from ? historyApi.commitmentDiff(id, from, to, s) : Promise.resolve(null)));
  const rows = useRows(data, to, list);
  const [restored, setRestored] = useState<string | null>(null);

  if (versions.state === 'loading' || cycles.state === 'loading') return <Loading />;
  if (!from) {
    return (
      <div className="empty-note">
        <p>{t('compareNoVersions')}</p>
        <p><Link href={planHistoryPath(data.summary.planId, 'cycles')}>{t('tabCycles')}</Link></p>
      </div>
    );
  }
  const label = (ref: string) => {
    const o = options.find((x) => x.ref === ref);
    return o ? refLabel(o, t, (iso) => formatDate(iso, lang)) : ref;
  };
  const changes = diff.state === 'ready' && diff.data ? diff.data.diff.changes : [];
  const shown = changes.filter((c) => matches(c, filter));
  const rowOf = (mid: string) => {
    for (const table of rows) {
      const i = table.findIndex((m) => m.id === mid);
      if (i >= 0) return i + 1;
    }
    return null;
  };
  return (
    <section className="compare" aria-labelledby="compare-changes">
      <CompareControls
        options={options}
        from={from}
        to={to}
        onRefs={(f, tt) => (setFrom(f), setTo(tt), setRestored(null))}
        mode={mode}
        onMode={setMode}
        fields={fieldsIn(changes)}
        people={authorsIn(changes)}
        filter={filter}
        onFilter={setFilter}
      />
      <h2 id="compare-changes" className="section-heading">{t('compareChangesHeading', { from: label(from), to: label(to) })}</h2>
      {restored && <p className="notice" role="status">{t('restoreDone', { field: restored })}</p>}
      {diff.state === 'loading' && <Loading />}
      {diff.state === 'error' && (
        <InlineError message={diff.error.message} onRetry={reload} />
      )}
      {diff.state === 'ready' && diff.data && (
        <>
          <ChangeSummary total={changes.length} counts={diff.data.summary} approximate={diff.data.approximate} shown={shown.length} />
          <ol className="changes">
            {shown.map((c) => {
              const cLang = langOfChange(c);
              // Restoring rewrites the live text, so it is offered only when comparing with it.
              const action =
                c.kind === 'rich' && to === 'live' && canEdit(data.access, cLang ?? undefined) ? (
                  <RestoreButton commitmentId={id} from={from} fromLabel={label(from)} section={c.section} lang={c.lang} onRestored={(name) => (setRestored(name), reload())} />
                ) : c.kind === 'leadAgency' ? (
                  <MoveNotes commitmentId={id} to={c.new.id} />
                ) : undefined;
              return <ChangeView key={c.path} change={c} mode={mode} beforeLabel={label(from)} afterLabel={label(to)} rowOf={rowOf} domains={data.plan?.domains ?? []} action={action} />;
            })}
          </ol>
        </>
      )}
    </section>
  );
}

