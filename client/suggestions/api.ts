/** The suggestion endpoints (server/http/suggestions.ts), one function each. */
import type { NewSuggestionBody, SuggestionFigures, SuggestionList, SuggestionView } from '../../shared/protocol/suggestions.js';
import { getJson, postJson } from '../api/http.js';

const seg = encodeURIComponent;

export const suggestionApi = {
  list: (commitmentId: string, signal?: AbortSignal) => getJson<SuggestionList>(`/api/commitments/${seg(commitmentId)}/suggestions`, signal),
  create: (commitmentId: string, body: NewSuggestionBody) => postJson<SuggestionView>(`/api/commitments/${seg(commitmentId)}/suggestions`, body),
  planCounts: (planId: string, signal?: AbortSignal) =>
    getJson<{ planId: string; counts: Record<string, Record<'open' | 'accepted' | 'declined', number>> }>(`/api/plans/${seg(planId)}/suggestion-counts`, signal),
  accept: (id: string) => postJson<SuggestionView>(`/api/suggestions/${seg(id)}/accept`, {}),
  decline: (id: string, reason: string) => postJson<SuggestionView>(`/api/suggestions/${seg(id)}/decline`, { reason }),
};

export const suggestionFiguresApi = (scope: { plan?: string; commitment?: string }, period: { after?: string; until?: string }, signal?: AbortSignal) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...scope, ...period })) if (v) q.set(k, v);
  return getJson<SuggestionFigures>(`/api/suggestion-figures?${q.toString()}`, signal);
};
