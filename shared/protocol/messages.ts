/**
 * Message types on the sync WebSocket. 0 and 1 are y-protocols' sync and awareness, as the
 * stock y-websocket provider speaks them; Gongbi adds its own numbers above them, which
 * stock clients never send and safely ignore (y-websocket skips unknown types).
 */
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
