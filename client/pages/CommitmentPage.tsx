/** Route `/c/:commitmentId`: checks the commitment exists, asks who you are, opens the editor. */
import { api } from '../api/endpoints.js';
import { useApi } from '../api/useApi.js';
import { CommitmentWorkspace } from '../commitment/CommitmentWorkspace.js';
import { useIdentity } from '../identity/IdentityProvider.js';
import { isOffline, NotOnDevice } from '../offline/NotOnDevice.js';
import { Loading } from '../ui/States.js';
import { CommitmentError } from './CommitmentError.js';

export function CommitmentPage({ commitmentId }: { commitmentId: string }) {
  // Pages render only when signed in (see App's Gate).
  const { identity } = useIdentity();
  const [result, reload] = useApi(`commitment:${commitmentId}`, (signal) => api.commitment(commitmentId, signal));
  const planId = result.state === 'ready' ? result.data.summary.planId : null;
  const [plan] = useApi(`plan:${planId}`, (signal) => (planId ? api.plan(planId, signal) : Promise.resolve(null)));

  if (result.state === 'loading') return <div className="page"><Loading /></div>;
  // Never read on this device and no network: say so, and load once the network is back.
  if (result.state === 'error' && result.error.code === 'network' && isOffline()) return <div className="page"><NotOnDevice onOnline={reload} /></div>;
  if (result.state === 'error') return <CommitmentError id={commitmentId} notFound={result.error.isNotFound} message={result.error.message} onRetry={reload} />;

  const { summary } = result.data;
  const planData = plan.state === 'ready' ? plan.data : null;
  const domain = planData?.plan.domains.find((d) => d.id === summary.domainId) ?? null;
  return (
    <CommitmentWorkspace
      commitmentId={commitmentId}
      identity={identity!}
      summary={summary}
      planTitle={planData?.plan.title ?? null}
      domainName={domain?.name ?? null}
    />
  );
}
