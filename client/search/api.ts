/** The search endpoints (server/http/search.ts): signed-in (live text) and public (published text). */
import type { SearchResponse } from '../../shared/protocol/search.js';
import { getJson } from '../api/http.js';

export const searchApi = {
  live: (q: string, planId: string | undefined, signal?: AbortSignal) =>
    getJson<SearchResponse>(`/api/search?${new URLSearchParams({ q, ...(planId ? { plan: planId } : {}) }).toString()}`, signal),
  published: (q: string, signal?: AbortSignal) => getJson<SearchResponse>(`/api/public/search?${new URLSearchParams({ q }).toString()}`, signal),
};
