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
  /** y-websocket's auth message (permission denied), sent by the server only. */
  auth: 2,
  /** y-websocket's query-awareness message. */
  queryAwareness: 3,
  /**
   * Acknowledgement request, client → server: `[MSG.ack, varUint requestId]`. The server
   * answers `[MSG.ack, varUint requestId]` once every update it received on this socket
   * before the request is durably stored. Asking is optional, so stock clients are unaffected.
   */
  ack: 100,
  /** Server → client notice: `[MSG.notice, varString code, varString message]` (e.g. a refused write). */
  notice: 101,
} as const;

export type MessageType = (typeof MSG)[keyof typeof MSG];
