/** Tabs between a commitment's (or a plan's) editor, versions, comparison and contributions, with the export panel behind a button. */
import { useId, useState } from 'react';
import { useApi } from '../api/useApi.js';
import { ExportPanel, type VersionChoice } from '../exports/ExportPanel.js';
import { formatDate } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { MessageKey } from '../i18n/zh.js';
import { Link } from '../router/Link.js';
import { commitmentHistoryPath, commitmentPath, planHistoryPath, planPath } from '../router/routes.js';
import { historyApi } from './api.js';
import { commitmentRefOptions, planRefOptions, refLabel, type RefOption } from './refs.js';
import './versions.css';
import '../exports/exports.css';

function useVersionOptions(planId: string, commitmentId?: string): { options: RefOption[]; loading: boolean } {
  const [cycles] = useApi(`cycles:${planId}`, (s) => historyApi.cycles(planId, s));
  const [versions] = useApi(`versions:${commitmentId ?? ''}`, (s) => (commitmentId ? historyApi.versions(commitmentId, s) : Promise.resolve(null)));
  const loading = cycles.state === 'loading' || versions.state === 'loading';
  const list = cycles.state === 'ready' ? cycles.data.cycles : [];
  if (!commitmentId) return { options: planRefOptions(list), loading };
  return { options: commitmentRefOptions(versions.state === 'ready' && versions.data ? versions.data.versions : [], list), loading };
}

/** The export panel, offered the plan's (or the commitment's) versions by name. */
function VersionedExportPanel({ planId, commitmentId }: { planId: string; commitmentId?: string }) {
  const { t, lang } = useI18n();
  const { options, loading } = useVersionOptions(planId, commitmentId);
  const date = (iso: string) => formatDate(iso, lang);
  const choices: VersionChoice[] = options.map((o) => ({ ref: o.ref, kind: o.kind, label: refLabel(o, t, date) }));
  return <ExportPanel planId={planId} commitmentId={commitmentId} versions={{ options: choices, loading }} />;
}

interface Tab {
  key: string;
  href: string;
  label: MessageKey;
}

function TabsWithExport({ tabs, current, label, planId, commitmentId }: { tabs: Tab[]; current: string; label: string; planId: string; commitmentId?: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="history-nav">
      <div className="history-nav__row">
        <nav aria-label={label}>
          <ul className="tabs">
            {tabs.map((tab) => (
              <li key={tab.key}>
                <Link href={tab.href} className={`tab${tab.key === current ? ' is-current' : ''}`} aria-current={tab.key === current ? 'page' : undefined}>
                  {t(tab.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" className={`button small${open ? ' is-open' : ''}`} aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)} data-action="open-export">
          {t('exportOpen')}
        </button>
      </div>
      <div id={panelId} className="history-nav__panel" hidden={!open}>
        {open && <VersionedExportPanel planId={planId} commitmentId={commitmentId} />}
      </div>
    </div>
  );
}

export type CommitmentTab = 'edit' | 'versions' | 'compare' | 'contributions';

export function CommitmentNav({ commitmentId, planId, current }: { commitmentId: string; planId: string; current: CommitmentTab }) {
  const { t } = useI18n();
  const tabs: Tab[] = [
    { key: 'edit', href: commitmentPath(commitmentId), label: 'tabEdit' },
    { key: 'versions', href: commitmentHistoryPath(commitmentId, 'versions'), label: 'tabVersions' },
    { key: 'compare', href: commitmentHistoryPath(commitmentId, 'compare'), label: 'tabCompare' },
    { key: 'contributions', href: commitmentHistoryPath(commitmentId, 'contributions'), label: 'tabContributions' },
  ];
  return <TabsWithExport tabs={tabs} current={current} label={t('commitmentNavLabel')} planId={planId} commitmentId={commitmentId} />;
}

export type PlanTab = 'overview' | 'cycles' | 'compare' | 'contributions';

export function PlanNav({ planId, current }: { planId: string; current: PlanTab }) {
  const { t } = useI18n();
  const tabs: Tab[] = [
    { key: 'overview', href: planPath(planId), label: 'tabOverview' },
    { key: 'cycles', href: planHistoryPath(planId, 'cycles'), label: 'tabCycles' },
    { key: 'compare', href: planHistoryPath(planId, 'compare'), label: 'tabCompare' },
    { key: 'contributions', href: planHistoryPath(planId, 'contributions'), label: 'tabContributions' },
  ];
  return <TabsWithExport tabs={tabs} current={current} label={t('planNavLabel')} planId={planId} />;
}

/** The plan tabs above the plan overview, aligned with its page. */
export function PlanOverviewNav({ planId }: { planId: string }) {
  return (
    <div className="page subnav-page">
      <PlanNav planId={planId} current="overview" />
    </div>
  );
}
