/** The sync state, visible and spoken (aria-live): the page's documents in the header, or one document where a page places it. */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import type { DocSession } from '../sync/DocSession.js';
import { useSyncSnapshot } from './useDocSession.js';
import { LiveAnnouncer } from './liveAnnouncer.js';
import { sessions } from './sessions.js';
import { describeSync, syncViewOf, type SyncView } from '../sync/syncView.js';
import './offline.css';

/** The current time, re-read every second while `ticking` (the reconnection countdown). */
function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return ticking ? now : Date.now();
}

/** What the live region says, and when it said it (its countdown does not tick). */
function useAnnouncement(view: SyncView): { view: SyncView; at: number } | null {
  const [spoken, setSpoken] = useState<{ view: SyncView; at: number } | null>(null);
  const [announcer] = useState(() => new LiveAnnouncer((v) => setSpoken({ view: v, at: Date.now() })));
  useEffect(() => announcer.update(view), [announcer, view]);
  useEffect(() => () => announcer.dispose(), [announcer]);
  return spoken;
}

interface BadgeProps {
  view: SyncView;
  /** Waiting changes of documents this badge is not about. */
  elsewhere?: number;
  /** Announce changes to assistive technology (one badge per page should). */
  live?: boolean;
}

export function SyncBadge({ view, elsewhere = 0, live = false }: BadgeProps) {
  const { t } = useI18n();
  const now = useNow(view.kind === 'reconnecting' && view.retryAt !== null);
  const spoken = useAnnouncement(view);
  // No role or label of its own: the sentence says what it is, and a label would only repeat it.
  return (
    <div className={`sync sync-${view.kind}`} data-state={view.kind} data-pending={view.pending}>
      <span className="sync-dot" aria-hidden="true" />
      {/* With a live region, assistive technology reads that one: the same sentence once. */}
      <span className="sync-text" aria-hidden={live || undefined}>{describeSync(view, t, now)}</span>
      {elsewhere > 0 && <span className="sync-elsewhere">{t('syncElsewhere')}</span>}
      {live && (
        <span className="visually-hidden sync-live" aria-live="polite" aria-atomic="true">
          {spoken ? describeSync(spoken.view, t, spoken.at) : ''}
        </span>
      )}
    </div>
  );
}

/** The header's indicator: the documents the page shows, or the whole app on other pages. */
export function AppSyncIndicator() {
  const state = useSyncExternalStore(sessions.subscribe, sessions.getState);
  return <SyncBadge view={state.view} elsewhere={state.documents.length > 0 ? state.elsewhere : 0} live />;
}

/** One document's indicator, for a page that wants it beside the document (not announced: the header's is). */
export function DocSyncIndicator({ session }: { session: DocSession }) {
  const snapshot = useSyncSnapshot(session);
  const view = useMemo(() => syncViewOf(snapshot), [snapshot]);
  return <SyncBadge view={view} />;
}
