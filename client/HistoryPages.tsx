/** The history pages of a commitment or a plan (versions, comparison, review cycles, contributions), by route. */
import { CommitmentContributionsPage, PlanContributionsPage } from './contributions/ContributionsPage.js';
import type { Route } from './router/routes.js';
import { CommitmentComparePage } from './versions/CommitmentComparePage.js';
import { CommitmentVersionsPage } from './versions/CommitmentVersionsPage.js';
import { CyclesPage } from './versions/CyclesPage.js';
import { PlanComparePage } from './versions/PlanComparePage.js';

type HistoryRoute = Extract<Route, { name: 'commitmentHistory' | 'planHistory' }>;

export function HistoryPage({ route }: { route: HistoryRoute }) {
  if (route.name === 'commitmentHistory') {
    if (route.page === 'versions') return <CommitmentVersionsPage commitmentId={route.commitmentId} />;
    if (route.page === 'compare') return <CommitmentComparePage commitmentId={route.commitmentId} />;
    return <CommitmentContributionsPage commitmentId={route.commitmentId} />;
  }
  if (route.page === 'cycles') return <CyclesPage planId={route.planId} />;
  if (route.page === 'compare') return <PlanComparePage planId={route.planId} />;
  return <PlanContributionsPage planId={route.planId} />;
}
