/** Route `/c/:commitmentId`: checks the commitment exists, asks who you are, opens the editor. */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/endpoints.js';
import { useApi } from '../api/useApi.js';
import { CommitmentWorkspace } from './CommitmentWorkspace.js';
import { useIdentity } from '../identity/IdentityProvider.js';
import { isOffline, NotOnDevice } from '../offline/NotOnDevice.js';
import { Loading } from '../ui/States.js';
import { CommitmentError } from '../router/CommitmentError.js';

const ONLINE_TRIES = 5;
const ONLINE_RETRY_MS = 2_000;

export function CommitmentPage({ commitmentId }: { commitmentId: string }) {
  // Pages render only when signed in (see App's Gate).
  const { identity } = useIdentity();
  const [result, reload] = useApi(`commitment:${commitmentId}`, (signal) => api.commitment(commitmentId, signal));
  const planId = result.state === 'ready' ? result.data.summary.planId : null;
  const networkError = result.state === 'error' && result.error.code === 'network';
  // Tries since the network came back: the `online` event can come before requests get through.
  const [tries, setTries] = useState<number | null>(null);
  const onOnline = useCallback(() => {
    setTries(0);
    reload();
  }, [reload]);
  useEffect(() => {
    if (!networkError || tries === null || tries >= ONLINE_TRIES || isOffline()) return;
    const timer = setTimeout(() => {
      setTries(tries + 1);
      reload();
    }, ONLINE_RETRY_MS);
    return () => clearTimeout(timer);
  }, [networkError, tries, reload]);
  const [plan] = useApi(`plan:${planId}`, (signal) => (planId ? api.plan(planId, signal) : Promise.resolve(null)));

  if (result.state === 'loading') return <div className="page"><Loading /></div>;
  // Never read on this device and no network: say so, and load once the network is back.
  if (networkError && (isOffline() || (tries !== null && tries < ONLINE_TRIES))) return <div className="page"><NotOnDevice onOnline={onOnline} /></div>;
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
