/** The public site's calls: no session needed. */
import type { PublicCommentAccepted, PublicCommentBody, PublicCommitmentResponse, PublicPlanResponse, PublicPlansResponse } from '../../shared/protocol/public.js';
import { getJson, postJson } from '../api/http.js';

const seg = encodeURIComponent;

export const publicApi = {
  plans: (signal?: AbortSignal) => getJson<PublicPlansResponse>('/api/public/plans', signal),
  plan: (planId: string, signal?: AbortSignal) => getJson<PublicPlanResponse>(`/api/public/plans/${seg(planId)}`, signal),
  commitment: (id: string, signal?: AbortSignal) => getJson<PublicCommitmentResponse>(`/api/public/commitments/${seg(id)}`, signal),
  comment: (id: string, body: PublicCommentBody) => postJson<PublicCommentAccepted>(`/api/public/commitments/${seg(id)}/comments`, body),
};
