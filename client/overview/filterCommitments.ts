/** Pure filtering of the plan overview's rows (search, domain, lead agency, status). */
import type { CommitmentSummary } from '../../shared/protocol/api.js';

export interface OverviewFilters {
  query: string;
  domainId: string;
  agencyId: string;
  status: string;
}

export const NO_FILTERS: OverviewFilters = { query: '', domainId: '', agencyId: '', status: '' };

export const hasFilters = (f: OverviewFilters) => !!(f.query.trim() || f.domainId || f.agencyId || f.status);

export function filterCommitments(rows: CommitmentSummary[], f: OverviewFilters): CommitmentSummary[] {
  const q = f.query.trim().toLowerCase();
  return rows.filter(
    (c) =>
      (!f.domainId || c.domainId === f.domainId) &&
      (!f.agencyId || c.leadAgency.id === f.agencyId) &&
      (!f.status || c.status === f.status) &&
      (!q || [c.number, c.title.zh, c.title.en, c.leadAgency.zh, c.leadAgency.en].some((s) => s.toLowerCase().includes(q))),
  );
}

/** Distinct lead agencies, sorted by their name in the UI language. */
export function agenciesOf(rows: CommitmentSummary[], lang: 'zh' | 'en') {
  const byId = new Map(rows.map((c) => [c.leadAgency.id, c.leadAgency]));
  return [...byId.values()].sort((a, b) => (a[lang] || a.zh).localeCompare(b[lang] || b.zh, lang === 'zh' ? 'zh-TW' : 'en'));
}
