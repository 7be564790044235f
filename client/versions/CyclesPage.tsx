/** Route `/plans/:id/cycles`: the plan's review meetings as a timeline; the coordinator creates them and takes their snapshots. */
import { useApi } from '../api/useApi.js';
import { formatDate } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useIdentity } from '../identity/IdentityProvider.js';
import { Link } from '../router/Link.js';
import { planHistoryPath } from '../router/routes.js';
import { Loading } from '../ui/States.js';
import { InlineError } from './InlineError.js';
import { historyApi } from './api.js';
import { formatDateTime } from './changeInfo.js';
import { ConfirmButton } from './ConfirmButton.js';
import { NewCycleForm } from './NewCycleForm.js';
import { cycleLabel, cycleNotes } from './cycleText.js';
import { LinkedText } from './LinkedText.js';
import { PlanFrame } from './HistoryFrame.js';
import type { PlanJSON } from '../../shared/schema/index.js';

export function CyclesPage({ planId }: { planId: string }) {
  const { t } = useI18n();
  return (
    <PlanFrame planId={planId} tab="cycles" title={t('cyclesTitle')}>
      {(plan) => <Cycles plan={plan} />}
    </PlanFrame>
  );
}

function Cycles({ plan }: { plan: PlanJSON }) {
  const { t, lang } = useI18n();
  const { identity } = useIdentity();
  // Mirrors the server: only a coordinator creates cycles and takes snapshots (server/auth/permissions.ts canDo).
  const coordinator = identity?.role === 'coordinator';
  const [cycles, reload] = useApi(`cycles:${plan.id}`, (s) => historyApi.cycles(plan.id, s));
  const compare = (from: string, to: string) => planHistoryPath(plan.id, 'compare', `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);

  return (
    <>
      {coordinator ? <NewCycleForm planId={plan.id} onCreated={reload} /> : <p className="hint">{t('cyclesCoordinatorOnly')}</p>}
      <section aria-labelledby="cycles-heading">
        <h2 id="cycles-heading" className="section-heading">{t('cyclesTimeline')}</h2>
        {cycles.state === 'loading' && <Loading />}
        {cycles.state === 'error' && (
          <InlineError message={cycles.error.message} onRetry={reload} />
        )}
        {cycles.state === 'ready' && cycles.data.cycles.length === 0 && <p className="empty-note">{t('cyclesNone')}</p>}
        {cycles.state === 'ready' && (
          <ol className="timeline">
            {[...cycles.data.cycles].reverse().map((c, i, list) => {
              const older = list.slice(i + 1).find((o) => o.snapshotAt);
              const label = cycleLabel(c, lang);
              const notes = cycleNotes(c, lang);
              return (
                <li key={c.id} className={`timeline-item ${c.snapshotAt ? 'timeline-meeting' : 'timeline-planned'}`} data-cycle={c.id}>
                  <h3 className="timeline-title">
                    {label} · <time dateTime={c.meetingDate}>{formatDate(c.meetingDate, lang)}</time>
                  </h3>
                  {notes && <p className="small cycle-notes"><LinkedText text={notes} /></p>}
                  <p className="muted small">
                    {c.snapshotAt ? t('cycleSnapshotTaken', { time: formatDateTime(c.snapshotAt, lang) }) : t('cycleNoSnapshot')} · {t('cycleCreatedBy', { name: c.createdBy.name })}
                  </p>
                  <ul className="timeline-actions">
                    {c.snapshotAt && <li><Link href={compare(c.ref, 'live')}>{t('cycleCompareLive')}</Link></li>}
                    {c.snapshotAt && older && <li><Link href={compare(older.ref, c.ref)}>{t('cycleComparePrevious', { label: cycleLabel(older, lang) })}</Link></li>}
                    {c.snapshotAt && <li><Link href={planHistoryPath(plan.id, 'contributions', `?cycle=${encodeURIComponent(c.id)}`)}>{t('versionContributions')}</Link></li>}
                    {!c.snapshotAt && coordinator && (
                      <li>
                        <ConfirmButton
                          action="take-snapshot"
                          primary
                          title={t('cycleSnapshotConfirmTitle')}
                          body={t('cycleSnapshotConfirmBody', { label })}
                          confirmLabel={t('cycleTakeSnapshot')}
                          onConfirm={async () => {
                            await historyApi.takeSnapshot(c.id);
                            reload();
                          }}
                        >
                          {t('cycleTakeSnapshot')}
                          <span className="visually-hidden">{t('cycleSnapshotOf', { label })}</span>
                        </ConfirmButton>
                      </li>
                    )}
                  </ul>
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </>
  );
}
