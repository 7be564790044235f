/** The API calls the client makes, one function per endpoint of shared/protocol/api.ts. */
import type { CommitmentResponse, CommitmentsResponse, PlanResponse, PlansResponse } from '../../shared/protocol/api.js';
import { getJson } from './http.js';

const seg = encodeURIComponent;

export const api = {
  plans: (signal?: AbortSignal) => getJson<PlansResponse>('/api/plans', signal),
  plan: (planId: string, signal?: AbortSignal) => getJson<PlanResponse>(`/api/plans/${seg(planId)}`, signal),
  commitments: (planId: string, signal?: AbortSignal) =>
    getJson<CommitmentsResponse>(`/api/commitments?plan=${seg(planId)}`, signal),
  commitment: (id: string, signal?: AbortSignal) => getJson<CommitmentResponse>(`/api/commitments/${seg(id)}`, signal),
};
