/** The commitment editor page body: opens the document session and lays out header and table. */
import { useEffect, useMemo, useRef } from 'react';
import type { CommitmentSummary } from '../../shared/protocol/api.js';
import { outdatedPaths, shortText, type Bilingual } from '../../shared/schema/index.js';
import { makeCaretRenderer } from '../editor/caret.js';
import { useDocValue, useYValue } from '../editor/bindings/useYValue.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { Identity } from '../identity/identity.js';
import { Link } from '../router/Link.js';
import { planPath } from '../router/routes.js';
import { useDocSession, useRefusal, useSessionReady, useSyncSnapshot, useSyncStatus } from '../offline/useDocSession.js';
import { NotOnDevice } from '../offline/NotOnDevice.js';
import { commitmentAccess } from '../identity/access.js';
import { useCoAgencies, useMeta } from '../editor/bindings/commitmentHooks.js';
import { AccessNotice } from './AccessNotice.js';
import { usePeers } from '../sync/usePeers.js';
import type { DocSession } from '../sync/DocSession.js';
import { ConnectionStatus } from '../sync/ConnectionStatus.js';
import { SegmentedControl } from '../ui/SegmentedControl.js';
import { Loading } from '../ui/States.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import { CommitmentContext, type CommitmentContextValue, type ViewMode } from './CommitmentContext.js';
import { CommitmentTable } from './CommitmentTable.js';
import { WithComments } from '../comments/WithComments.js';
import { CommitmentLinks } from '../links/CommitmentLinks.js';
import { CommitmentError } from '../router/CommitmentError.js';
import { PeersContext } from './PeersContext.js';
import { PresenceList } from './PresenceList.js';
import { CommitmentNav } from '../versions/HistoryNav.js';
import { usePresenceTracking } from './usePresenceTracking.js';
import { useViewMode } from './useViewMode.js';
import { SuggestionsPanel } from '../suggestions/SuggestionsPanel.js';
import { CommitmentImport } from '../import/index.js';

interface Props {
  commitmentId: string;
  identity: Identity;
  summary: CommitmentSummary;
  planTitle: Bilingual | null;
  domainName: Bilingual | null;
}

export function CommitmentWorkspace(props: Props) {
  const session = useDocSession(props.commitmentId);
  const status = useSyncStatus(session);
  const ready = useSessionReady(session);
  const sync = useSyncSnapshot(session);
  const root = useRef<HTMLDivElement>(null);
  usePresenceTracking(session?.awareness ?? null, props.identity, root);
  // Read-only before the document is in, where the role alone tells (an agency's access also
  // depends on the co-implementing agencies, which the document holds).
  const user = props.identity.user;
  const knownAccess = user.role === 'agency_editor' ? null : commitmentAccess(user, { id: props.commitmentId, leadAgency: props.summary.leadAgency, coAgencies: [] });
  useEffect(() => {
    if (session && knownAccess === 'read') session.setReadOnly(true);
  }, [session, knownAccess]);

  if (status.state === 'refused' && status.code === 4404) {
    return <CommitmentError id={props.commitmentId} notFound message={status.reason ?? ''} />;
  }
  // No copy on this device and no network to fetch one: the session opens it once online.
  if (session && !ready && sync.loaded && !sync.online) {
    return <div className="page page-wide commitment-page" ref={root}><NotOnDevice /></div>;
  }
  return (
    <div className="page page-wide commitment-page" ref={root}>
      {session && ready ? <ReadyWorkspace {...props} session={session} /> : <Header {...props} status={status} title={null} />}
      {!(session && ready) && <Loading />}
    </div>
  );
}

function ReadyWorkspace({ session, ...props }: Props & { session: DocSession }) {
  const { lang, t } = useI18n();
  const [viewMode, setViewMode] = useViewMode(props.identity.role === 'translator' ? 'both' : 'zh');
  const status = useSyncStatus(session);
  const peers = usePeers(session.awareness);
  const titleText = shortText(session.doc, 'title', lang);
  const title = useYValue(titleText, () => titleText.toString(), false, [titleText]);
  const zhTitle = useYValue(shortText(session.doc, 'title', 'zh'), () => shortText(session.doc, 'title', 'zh').toString(), false, [session]);
  const leadAgency = useMeta(session.doc, 'leadAgency');
  const coAgencies = useCoAgencies(session.doc);
  // The document's agencies are the server's mirror of the rights rows (clients cannot change
  // them), so they tell what the server will accept; a move shows here once it is mirrored.
  const access = commitmentAccess(props.identity.user, { id: props.commitmentId, leadAgency, coAgencies });
  const refusal = useRefusal(session);
  useEffect(() => session.setReadOnly(access === 'read'), [session, access]);
  const outdatedCount = useDocValue(session.doc, () => (viewMode === 'zh' ? 0 : outdatedPaths(session.doc).length), [viewMode]);
  useDocumentTitle(`${title || zhTitle || props.summary.number} · ${t('appName')}`);

  // The caret renderer reads the UI language when a caret is drawn.
  const tRef = useRef(t);
  tRef.current = t;
  const context = useMemo<CommitmentContextValue>(
    () => ({
      commitmentId: props.commitmentId,
      doc: session.doc,
      awareness: session.awareness,
      viewMode,
      access,
      renderCaret: makeCaretRenderer((a) => tRef.current(a === 'agency' ? 'affiliationAgency' : 'affiliationCivil')),
    }),
    [props.commitmentId, session, viewMode, access],
  );

  return (
    <CommitmentContext.Provider value={context}>
      <PeersContext.Provider value={peers}>
        <Header {...props} status={status} title={title || zhTitle} />
        <CommitmentNav commitmentId={props.commitmentId} planId={props.summary.planId} current="edit" />
        {access === 'write' && <CommitmentImport planId={props.summary.planId} commitmentId={props.commitmentId} />}
        <div className="workbar">
          <PresenceList />
          <div className="workbar-right">
            {outdatedCount > 0 && <span className="badge badge-warn">{t('outdatedSummary', { count: outdatedCount })}</span>}
            <SegmentedControl<ViewMode>
              legend={t('viewModeLabel')}
              value={viewMode}
              onChange={setViewMode}
              options={[
                { value: 'zh', label: t('viewZh') },
                { value: 'en', label: t('viewEn') },
                { value: 'both', label: t('viewBoth') },
              ]}
            />
          </div>
        </div>
        <AccessNotice access={access} refusal={refusal} onDismiss={session.dismissRefusal} />
        <WithComments commitmentId={props.commitmentId} identity={props.identity} doc={session.doc}>
          <CommitmentTable domainName={props.domainName} />
        </WithComments>
        <SuggestionsPanel commitmentId={props.commitmentId} doc={session.doc} access={access} />
        <CommitmentLinks commitmentId={props.commitmentId} planId={props.summary.planId} canEdit={access === 'write'} />
      </PeersContext.Provider>
    </CommitmentContext.Provider>
  );
}

function Header({ summary, planTitle, domainName, status, title }: Props & { status: ReturnType<typeof useSyncStatus>; title: string | null }) {
  const { t, lang } = useI18n();
  return (
    <div className="page-head commitment-head">
      <nav aria-label={t('breadcrumbLabel')} className="breadcrumb">
        <ol>
          <li>
            <Link href={planPath(summary.planId)}>{planTitle ? planTitle[lang] || planTitle.zh : t('backToPlan')}</Link>
          </li>
          {domainName && <li>{domainName[lang] || domainName.zh}</li>}
          <li aria-current="page">{summary.number}</li>
        </ol>
      </nav>
      <div className="title-row">
        <h1 className="page-title">
          <span className="commitment-number">{summary.number}</span>
          <span>{title ?? (summary.title[lang] || summary.title.zh)}</span>
        </h1>
        <ConnectionStatus status={status} />
      </div>
    </div>
  );
}
