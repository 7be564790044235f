/**
 * Message types on the sync WebSocket. 0 and 1 are y-protocols' sync and awareness, as the
 * stock y-websocket provider speaks them; Gongbi adds its own numbers above them, which
 * stock clients never send and safely ignore (y-websocket skips unknown types). The encoders
 * of Gongbi's own messages, and the codes its refusals start with, are here so client and
 * server cannot drift apart.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MSG = {
  /** y-protocols sync: step 1 (state vector), step 2 (missing updates), update. */
  sync: 0,
  /** y-protocols awareness update. */
  awareness: 1,
  /**
   * y-protocols' auth message, server → client: `[2, 0 (permission denied), varString reason]`.
   * Sent when a write or an awareness state is refused; stock clients log it as a warning.
   */
  auth: 2,
  /** y-websocket's query-awareness message. */
  queryAwareness: 3,
  /**
   * Acknowledgement request, client → server: `[MSG.ack, varUint requestId]`. The server
   * answers `[MSG.ack, varUint requestId]` once every update it received on this socket
   * before the request is durably stored. Asking is optional, so stock clients are unaffected.
   */
  ack: 100,
} as const;

export type MessageType = (typeof MSG)[keyof typeof MSG];

/** The "permission denied" subtype of y-protocols' auth message (the only one Gongbi sends). */
export const AUTH_PERMISSION_DENIED = 0;

/** `[MSG.ack, varUint requestId]`: the client's request and the server's answer are the same bytes. */
export function encodeAck(id: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.ack);
  encoding.writeVarUint(e, id);
  return encoding.toUint8Array(e);
}

/** The request id of an acknowledgement, read after its message type. */
export const readAckId = (decoder: decoding.Decoder): number => decoding.readVarUint(decoder);

/**
 * Codes a refusal's reason starts with (`code: words for people`), sent in a permission-denied
 * auth message. A translator's or a plan part's scope may refuse with codes of its own.
 */
export const REFUSAL = {
  /** A reader's change: nothing of it was saved. */
  readOnly: 'read_only',
  /** The change broke the document's schema, or could not be applied. */
  updateRefused: 'update_refused',
  /** The document reached the server's size limit. */
  documentTooLarge: 'document_too_large',
  /** Part of the change was made under another person's Yjs client id. */
  foreignClient: 'foreign_client',
  /** An awareness state was refused (no lost work: clients need not show it). */
  awarenessRefused: 'awareness_refused',
} as const;
