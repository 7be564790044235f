/** Cross-link calls. client/api has no DELETE helper; this one answers with the same ApiError. */
import type { ErrorBody } from '../../shared/protocol/api.js';
import type { LinksResponse } from '../../shared/protocol/public.js';
import { ApiError, getJson, postJson } from '../api/http.js';

const seg = encodeURIComponent;

async function deleteJson<T>(path: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'DELETE', headers: { accept: 'application/json' }, credentials: 'same-origin' });
  } catch (cause) {
    throw new ApiError(0, 'network', (cause as Error).message || 'network error');
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (json as ErrorBody | null)?.error;
    throw new ApiError(res.status, error?.code ?? `http_${res.status}`, error?.message ?? res.statusText);
  }
  return json as T;
}

export const linksApi = {
  list: (id: string, signal?: AbortSignal) => getJson<LinksResponse>(`/api/commitments/${seg(id)}/links`, signal),
  add: (id: string, to: string, note: string) => postJson<LinksResponse>(`/api/commitments/${seg(id)}/links`, { to, note }),
  remove: (id: string, to: string) => deleteJson<LinksResponse>(`/api/commitments/${seg(id)}/links/${seg(to)}`),
};
