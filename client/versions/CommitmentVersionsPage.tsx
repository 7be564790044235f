/** Route `/c/:id/versions`: the commitment's timeline of review-meeting snapshots (highlighted), checkpoints and planned meetings, then its changes of agencies. */
import { useApi } from '../api/useApi.js';
import { formatDate } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Link } from '../router/Link.js';
import { commitmentHistoryPath } from '../router/routes.js';
import { Loading } from '../ui/States.js';
import { historyApi } from './api.js';
import { RightsHistory } from '../rights/RightsHistory.js';
import { formatDateTime } from './changeInfo.js';
import { InlineError } from './InlineError.js';
import { CommitmentFrame, type CommitmentData } from './HistoryFrame.js';
import type { CycleView, SnapshotView } from '../../shared/protocol/versions.js';

export function CommitmentVersionsPage({ commitmentId }: { commitmentId: string }) {
  const { t } = useI18n();
  return (
    <CommitmentFrame commitmentId={commitmentId} tab="versions" title={t('versionsTitle')}>
      {(data) => (
        <>
          <Timeline data={data} />
          <RightsHistory commitmentId={data.commitment.id} />
        </>
      )}
    </CommitmentFrame>
  );
}

type Entry =
  | { kind: 'snapshot'; at: string; v: SnapshotView; ref: string; cycle: CycleView | null }
  | { kind: 'planned'; at: string; cycle: CycleView };

function Timeline({ data }: { data: CommitmentData }) {
  const { t, lang } = useI18n();
  const id = data.commitment.id;
  const [versions] = useApi(`versions:${id}`, (s) => historyApi.versions(id, s));
  const [cycles] = useApi(`cycles:${data.summary.planId}`, (s) => historyApi.cycles(data.summary.planId, s));
  if (versions.state === 'error') return <InlineError message={versions.error.message} />;
  if (cycles.state === 'error') return <InlineError message={cycles.error.message} />;
  if (versions.state !== 'ready' || cycles.state !== 'ready') return <Loading />;

  const byId = new Map(cycles.data.cycles.map((c) => [c.id, c]));
  const snapshotted = new Set(versions.data.versions.map((v) => v.cycleId).filter(Boolean));
  const entries: Entry[] = [
    ...versions.data.versions.map((v): Entry => {
      const cycle = v.cycleId ? (byId.get(v.cycleId) ?? null) : null;
      return { kind: 'snapshot', at: v.takenAt, v, ref: cycle ? cycle.ref : v.ref, cycle };
    }),
    ...cycles.data.cycles.filter((c) => !c.snapshotAt && !snapshotted.has(c.id)).map((c): Entry => ({ kind: 'planned', at: c.meetingDate, cycle: c })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const snapshots = entries.filter((e): e is Extract<Entry, { kind: 'snapshot' }> => e.kind === 'snapshot');
  const compare = (from: string, to: string) => commitmentHistoryPath(id, 'compare', `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);

  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" className="section-heading">{t('versionsTimeline')}</h2>
      <p className="hint">{t('versionsIntro')}</p>
      <ol className="timeline">
        <li className="timeline-item timeline-live">
          <p className="timeline-title"><span className="badge badge-live">{t('versionLiveBadge')}</span> {t('versionLive')}</p>
        </li>
        {entries.map((e) => {
          if (e.kind === 'planned') {
            return (
              <li key={`p-${e.cycle.id}`} className="timeline-item timeline-planned">
                <p className="timeline-title">
                  <span className="badge">{t('versionPlanned')}</span> {e.cycle.label} · <time dateTime={e.cycle.meetingDate}>{formatDate(e.cycle.meetingDate, lang)}</time>
                </p>
                <p className="muted small">{t('versionPlannedHint')}</p>
              </li>
            );
          }
          const { v, cycle } = e;
          const older = snapshots[snapshots.indexOf(e) + 1];
          const meeting = v.kind === 'cycle';
          return (
            <li key={v.id} className={`timeline-item ${meeting ? 'timeline-meeting' : 'timeline-checkpoint'}`}>
              <p className="timeline-title">
                <span className={`badge ${meeting ? 'badge-meeting' : ''}`}>{meeting ? t('versionMeetingBadge') : t('versionCheckpointBadge')}</span>{' '}
                {meeting ? v.label : t('versionCheckpointReason', { reason: v.reason })}
                {cycle && <> · <time dateTime={cycle.meetingDate}>{formatDate(cycle.meetingDate, lang)}</time></>}
              </p>
              <p className="muted small">
                {t('versionTaken', { time: formatDateTime(v.takenAt, lang), name: v.takenBy.name })} · {t('versionHash', { hash: v.hash.slice(0, 12) })}
              </p>
              <ul className="timeline-actions">
                <li><Link href={compare(e.ref, 'live')}>{t('versionCompareLive')}</Link></li>
                {older && <li><Link href={compare(older.ref, e.ref)}>{t('versionComparePrevious')}</Link></li>}
                {meeting && cycle && <li><Link href={commitmentHistoryPath(id, 'contributions', `?cycle=${encodeURIComponent(cycle.id)}`)}>{t('versionContributions')}</Link></li>}
              </ul>
            </li>
          );
        })}
      </ol>
      {entries.length === 0 && <p className="empty-note">{t('versionsNone')}</p>}
    </section>
  );
}
