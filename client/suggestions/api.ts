/** The suggestion endpoints (server/http/suggestions.ts), one function each. */
import type { NewSuggestionBody, SuggestionList, SuggestionView } from '../../shared/protocol/suggestions.js';
import { getJson, postJson } from '../api/http.js';

const seg = encodeURIComponent;

export const suggestionApi = {
  list: (commitmentId: string, signal?: AbortSignal) => getJson<SuggestionList>(`/api/commitments/${seg(commitmentId)}/suggestions`, signal),
  create: (commitmentId: string, body: NewSuggestionBody) => postJson<SuggestionView>(`/api/commitments/${seg(commitmentId)}/suggestions`, body),
  accept: (id: string) => postJson<SuggestionView>(`/api/suggestions/${seg(id)}/accept`, {}),
  decline: (id: string, reason: string) => postJson<SuggestionView>(`/api/suggestions/${seg(id)}/decline`, { reason }),
};
