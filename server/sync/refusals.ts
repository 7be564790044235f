/**
 * How a room says no, the same way from every job that checks what a client sent: counted
 * for the metrics, logged at debug, and the sender told in words or closed. One place, so a
 * refusal is never counted twice or told without closing when it must.
 */
import type { Connection } from './connection.js';
import type { RoomDocument } from './document.js';
import { deniedMessage } from './messages.js';

/** Counts and logs a refused update. */
export function countRefusal(doc: RoomDocument, reason: string): void {
  doc.observer.refused(reason);
  doc.options.logger.debug('refused update', { doc: doc.name, reason });
}

/**
 * Refuses a change: the person is told in words, and acknowledgements on this socket stop
 * (an acknowledgement after a refusal would say the refused change was saved).
 */
export function refuseChange(doc: RoomDocument, conn: Connection, code: string, message: string): void {
  countRefusal(doc, code);
  conn.writesRefused = true;
  conn.send(deniedMessage(code, message));
}

/** A message that cannot be read closes only its sender's socket. */
export function refuseMalformed(doc: RoomDocument, conn: Connection, err: unknown, detail?: string): void {
  doc.options.logger.debug('refused message', { doc: doc.name, reason: String((err as Error)?.message ?? err) });
  doc.observer.refused('malformed');
  conn.close('badMessage', detail);
}

/** The refusal of a reader's change, in words. */
export const READ_ONLY_MESSAGE = 'You may read and comment on this document but not edit it; your change was not saved.';
