/**
 * The sentence for the server's close reason, in the reader's language: the server writes its
 * fixed English reason (see shared/protocol/closeCodes.ts), optionally followed by `: detail`;
 * neither is shown as such in the UI.
 */
import { CLOSE, type CloseKind } from '../../shared/protocol/closeCodes.js';
import type { MessageKey } from '../i18n/zh.js';

export function closeReasonKey(reason: string | undefined): MessageKey {
  const text = (reason ?? '').trim();
  for (const [kind, { reason: fixed }] of Object.entries(CLOSE) as Array<[CloseKind, { reason: string }]>) {
    if (text === fixed || text.startsWith(`${fixed}:`)) return `close_${kind}`;
  }
  return 'close_other';
}
