/**
 * Encoders for the messages the server sends. Each is built once and sent as the same bytes
 * to every receiver.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { AUTH_PERMISSION_DENIED, MSG } from '../../shared/protocol/messages.js';

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

function syncMessage(subtype: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.sync);
  encoding.writeVarUint(e, subtype);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export const step1Message = (doc: Y.Doc) => syncMessage(SYNC_STEP1, Y.encodeStateVector(doc));
export const step2Message = (update: Uint8Array) => syncMessage(SYNC_STEP2, update);
export const updateMessage = (update: Uint8Array) => syncMessage(SYNC_UPDATE, update);

export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.awareness);
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(e);
}

/** y-protocols' "permission denied"; the reason starts with a stable code (`read_only: …`, see REFUSAL). */
export function deniedMessage(code: string, message: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.auth);
  encoding.writeVarUint(e, AUTH_PERMISSION_DENIED);
  encoding.writeVarString(e, `${code}: ${message}`);
  return encoding.toUint8Array(e);
}
