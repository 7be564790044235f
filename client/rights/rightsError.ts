/** A failed rights call as a sentence in the reader's language (codes stay in logs, never on screen). */
import { ApiError } from '../api/http.js';
import type { MessageKey } from '../i18n/zh.js';

export function rightsErrorKey(err: unknown): MessageKey {
  if (!(err instanceof ApiError)) return 'rightsFailed';
  if (err.status === 0) return 'rightsOffline';
  switch (err.code) {
    case 'forbidden':
      return 'rightsForbidden';
    case 'unknown_agency':
      return 'rightsUnknownAgency';
    case 'conflict':
      return 'rightsConflict';
    case 'bad_request':
      return 'rightsBadRequest';
    default:
      return 'rightsFailed';
  }
}
