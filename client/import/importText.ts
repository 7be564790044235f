/**
 * The import's codes as sentences in the reader's language: refused requests (by error code),
 * warnings (by warning code, with the names they carry) and why a commitment may not be
 * imported. The server's English `message` and `reason` are never shown.
 */
import type { ImportRefusal, ImportWarning } from '../../shared/protocol/import.js';
import { IMPORT_ERROR_CODES } from '../../shared/protocol/import.js';
import { ApiError } from '../api/http.js';
import { apiErrorText } from '../api/errorText.js';
import type { I18n } from '../i18n/I18nProvider.js';
import type { MessageKey } from '../i18n/zh.js';

const WARNINGS = ['unknown_lead_agency', 'unknown_co_agency', 'too_many_commitments', 'unplaced', 'unknown_column', 'too_many_milestones', 'before_first', 'lead_not_changed', 'agency_not_changed'] as const;

export function importErrorText(t: I18n['t'], err: unknown): string {
  if (err instanceof ApiError && (IMPORT_ERROR_CODES as readonly string[]).includes(err.code)) return t(`importError_${err.code}` as MessageKey);
  // An oversized body is refused by the API's own limit, before the import sees it.
  if (err instanceof ApiError && err.status === 413) return t('importError_too_large');
  if (err instanceof ApiError && err.status === 415) return t('importError_unsupported_import_format');
  if (err instanceof ApiError && err.status >= 400 && err.status < 500 && ![403, 404, 429].includes(err.status)) return t('importErrorOther');
  return apiErrorText(t, err);
}

export function warningText(t: I18n['t'], w: ImportWarning): string {
  const params = w.params ?? {};
  if (w.code === 'unplaced' && !params.label) return t('importWarning_unplaced_nolabel');
  if ((WARNINGS as readonly string[]).includes(w.code)) return t(`importWarning_${w.code}` as MessageKey, params);
  return t('importWarningOther');
}

export function refusalText(t: I18n['t'], code: ImportRefusal | null, params: Record<string, string> = {}): string {
  return t(`importRefusal_${code ?? 'not_writer'}` as MessageKey, params);
}
