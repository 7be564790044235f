/**
 * A failed request as a sentence in the reader's language. The server's own message is English
 * (for logs and API users); what people see is chosen from the dictionaries by the answer's
 * kind: no network, not allowed, not found, too many tries, server trouble. Only an answer of
 * no known kind shows the server's words, inside the generic sentence.
 */
import type { I18n } from '../i18n/I18nProvider.js';
import { ApiError } from './http.js';

export function apiErrorText(t: I18n['t'], err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('errorNetwork');
    if (err.status === 403) return t('errorForbidden');
    if (err.status === 404) return t('errorNotFound');
    if (err.status === 429) return t('errorRateLimited');
    if (err.status >= 500) return t('errorServer');
    return t('errorGeneric', { message: err.message });
  }
  return t('errorGeneric', { message: err instanceof Error ? err.message : String(err) });
}
