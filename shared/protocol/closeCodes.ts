/**
 * WebSocket close codes and reasons the sync server uses. 4xxx mirror HTTP statuses so a
 * client can tell "fix the request" from "retry later". Reasons are short (a close reason
 * is limited to 123 bytes) and meant for people.
 */
export const CLOSE = {
  /** The message could not be decoded (truncated, wrong type, bad length prefix). */
  badMessage: { code: 4400, reason: 'malformed message' },
  unauthorized: { code: 4401, reason: 'sign-in required' },
  forbidden: { code: 4403, reason: 'no access to this document' },
  /** A browser page of another origin opened the socket (`GONGBI_PUBLIC_ORIGIN`); nothing is read from it. */
  crossOrigin: { code: 4403, reason: 'cross-origin socket refused' },
  unknownDocument: { code: 4404, reason: 'unknown document' },
  tooLarge: { code: 4413, reason: 'message too large' },
  /** The document reached the server's size limit (`GONGBI_MAX_DOCUMENT_BYTES`): the change was not saved. */
  documentTooLarge: { code: 4413, reason: 'document too large' },
  /** The socket let more than 16 MiB of the server's messages pile up unread; reconnecting resyncs. */
  slowReader: { code: 4408, reason: 'not reading, please reconnect' },
  rateLimited: { code: 4429, reason: 'too many messages' },
  serverError: { code: 4500, reason: 'server error, please reconnect' },
  unavailable: { code: 4503, reason: 'storage unavailable, your edits are kept locally' },
  shuttingDown: { code: 1001, reason: 'server restarting' },
  /** Too many sockets open on this server (`GONGBI_MAX_CONNECTIONS`); the client retries with backoff. */
  overloaded: { code: 1013, reason: 'server busy, try again later' },
} as const;

export type CloseKind = keyof typeof CLOSE;
