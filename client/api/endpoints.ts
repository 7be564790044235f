/** The API calls the client makes, one function per endpoint of shared/protocol/. */
import type { CommitmentResponse, CommitmentsResponse, PlanResponse, PlansResponse } from '../../shared/protocol/api.js';
import type { SignInResponse, User } from '../../shared/protocol/auth.js';
import { getJson, postJson } from './http.js';

const seg = encodeURIComponent;

export const api = {
  session: (signal?: AbortSignal) => getJson<{ user: User | null }>('/api/auth/session', signal),
  signIn: (email: string, password: string) => postJson<SignInResponse>('/api/auth/sign-in', { email, password }),
  signOut: () => postJson<{ ok: true }>('/api/auth/sign-out', {}),
  requestPasswordReset: (email: string) => postJson<{ ok: true; message: string }>('/api/auth/password-reset', { email }),
  changePassword: (current: string, password: string) => postJson<{ ok: true; sessionsEnded: number }>('/api/auth/password', { current, password }),
  resetPassword: (token: string, password: string) => postJson<{ ok: true }>(`/api/auth/password-reset/${encodeURIComponent(token)}`, { password }),
  plans: (signal?: AbortSignal) => getJson<PlansResponse>('/api/plans', signal),
  plan: (planId: string, signal?: AbortSignal) => getJson<PlanResponse>(`/api/plans/${seg(planId)}`, signal),
  commitments: (planId: string, signal?: AbortSignal) =>
    getJson<CommitmentsResponse>(`/api/commitments?plan=${seg(planId)}`, signal),
  commitment: (id: string, signal?: AbortSignal) => getJson<CommitmentResponse>(`/api/commitments/${seg(id)}`, signal),
};
