/**
 * Where the import opens: a button on the plan page (the coordinator's: new commitments into a
 * chosen domain, and updates by number) and on a commitment page (its writers: this
 * commitment from a file), each unfolding the upload panel.
 */
import { useId, useState, type ReactNode } from 'react';
import { api } from '../api/endpoints.js';
import { useApi } from '../api/useApi.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useIdentity } from '../identity/IdentityProvider.js';
import { ImportPanel } from './ImportPanel.js';
import '../versions/versions.css';
import './import.css';

function Door({ label, children }: { label: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="import-door">
      <button type="button" className={`button small${open ? ' is-open' : ''}`} aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)} data-action="open-import">
        {label}
      </button>
      <div id={panelId} hidden={!open}>{open && children}</div>
    </div>
  );
}

function usePlanDomains(planId: string) {
  const [plan] = useApi(`plan:${planId}`, (s) => api.plan(planId, s));
  return plan.state === 'ready' ? plan.data.plan.domains : [];
}

/** On the plan page; only coordinators create commitments, so only they see it. */
export function PlanImport({ planId }: { planId: string }) {
  const { t } = useI18n();
  const { identity } = useIdentity();
  if (identity?.role !== 'coordinator') return null;
  return (
    <div className="page subnav-page">
      <Door label={t('importOpenPlan')}>
        <PlanImportPanel planId={planId} />
      </Door>
    </div>
  );
}

function PlanImportPanel({ planId }: { planId: string }) {
  const { t } = useI18n();
  const domains = usePlanDomains(planId);
  return <ImportPanel target={{ planId }} heading={t('importHeadingPlan')} intro={t('importIntroPlan')} domains={domains} chooseDomain />;
}

/** On a commitment page, for those who may write it (the caller knows the access). */
export function CommitmentImport({ planId, commitmentId }: { planId: string; commitmentId: string }) {
  const { t } = useI18n();
  return (
    <Door label={t('importOpenCommitment')}>
      <CommitmentImportPanel planId={planId} commitmentId={commitmentId} />
    </Door>
  );
}

function CommitmentImportPanel({ planId, commitmentId }: { planId: string; commitmentId: string }) {
  const { t } = useI18n();
  const domains = usePlanDomains(planId);
  return <ImportPanel target={{ planId, commitmentId }} heading={t('importHeadingCommitment')} intro={t('importIntroCommitment')} domains={domains} />;
}
