/** The calls of the rights dialogs: the agency directory, moving the lead agency, co-implementing agencies, the history. */
import type { AgenciesResponse, RightsView } from '../../shared/protocol/rights.js';
import type { Agency } from '../../shared/schema/index.js';
import { deleteJson, getJson, postJson, putJson } from '../api/http.js';

const seg = encodeURIComponent;

/** One entry of a commitment's history (`GET /api/commitments/:id/history`). */
export interface HistoryEvent {
  type: string;
  data: Record<string, unknown>;
  author: { userId: string; name: string; affiliation: string };
  at: number;
}

type Changed = { rights: RightsView };

export const rightsApi = {
  agencies: (signal?: AbortSignal) => getJson<AgenciesResponse>('/api/agencies', signal),
  addAgency: (agency: Agency) => postJson<{ agency: Agency }>('/api/agencies', agency),
  renameAgency: (id: string, zh: string, en: string) => putJson<{ agency: Agency }>(`/api/agencies/${seg(id)}`, { zh, en }),
  history: (id: string, signal?: AbortSignal) => getJson<{ events: HistoryEvent[] }>(`/api/commitments/${seg(id)}/history`, signal),
  moveLead: (id: string, agencyId: string, note: string) => putJson<Changed>(`/api/commitments/${seg(id)}/lead-agency`, { agencyId, note }),
  addCoAgency: (id: string, agencyId: string) => postJson<Changed>(`/api/commitments/${seg(id)}/co-agencies`, { agencyId }),
  removeCoAgency: (id: string, agencyId: string) => deleteJson<Changed>(`/api/commitments/${seg(id)}/co-agencies/${seg(agencyId)}`),
};
