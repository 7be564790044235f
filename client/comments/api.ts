/** The comment, moderation, publishing and people calls of the signed-in app. */
import type { ModerationItem, ModerationResponse, PeopleResponse, PublicationView, PublicCommentStatus } from '../../shared/protocol/public.js';
import { getJson, postJson } from '../api/http.js';

const seg = encodeURIComponent;

export const commentsApi = {
  people: (signal?: AbortSignal) => getJson<PeopleResponse>('/api/people', signal),
  queue: (planId: string, status: PublicCommentStatus | 'all', signal?: AbortSignal) =>
    getJson<ModerationResponse>(`/api/plans/${seg(planId)}/public-comments?status=${status}`, signal),
  moderate: (id: string, decision: 'approve' | 'reject') => postJson<{ comment: ModerationItem }>(`/api/public-comments/${seg(id)}/moderate`, { decision }),
  respond: (id: string, text: string) => postJson<{ comment: ModerationItem }>(`/api/public-comments/${seg(id)}/response`, { text }),
  publish: (cycleId: string) => postJson<{ publication: PublicationView }>(`/api/cycles/${seg(cycleId)}/publish`, {}),
  csvUrl: (planId: string) => `/api/plans/${seg(planId)}/public-comments.csv`,
};
