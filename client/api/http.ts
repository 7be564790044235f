/**
 * A typed fetch for the Gongbi HTTP API: JSON in, JSON out, one error type for every
 * failure. The session travels in the httpOnly cookie the server sets at sign-in.
 */
import type { ErrorBody } from '../../shared/protocol/api.js';
import { announceSignedOut } from './sessionEvents.js';

/** A failed API call: `status` 0 means the server could not be reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  get isNotFound(): boolean {
    return this.status === 404;
  }
}


/** A body sent as it is (a file), with its own content type, instead of JSON. */
interface RawBody {
  raw: Blob;
  contentType: string;
}

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response;
  const raw = body instanceof Object && 'raw' in body && (body as RawBody).raw instanceof Blob ? (body as RawBody) : null;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': raw ? raw.contentType : 'application/json' },
      body: body === undefined ? undefined : raw ? raw.raw : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if ((cause as Error).name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', (cause as Error).message || 'network error');
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (json as ErrorBody | null)?.error;
    if (response.status === 401 && !path.startsWith('/api/auth/')) announceSignedOut();
    throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? response.statusText);
  }
  return json as T;
}

export const getJson = <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal);
export const postJson = <T>(path: string, body: unknown) => request<T>('POST', path, body);
/** POSTs a file as the raw body (the import routes), JSON back. */
export const postFile = <T>(path: string, file: Blob, contentType: string, signal?: AbortSignal) => request<T>('POST', path, { raw: file, contentType } satisfies RawBody, signal);
export const putJson = <T>(path: string, body: unknown) => request<T>('PUT', path, body);
export const deleteJson = <T>(path: string) => request<T>('DELETE', path);

/** `a=1&b=x` from the parameters that have a value (empty and undefined ones are left out). */
export const queryString = (params: Record<string, string | number | undefined>) =>
  Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
