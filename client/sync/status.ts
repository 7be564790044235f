/**
 * The connection state the UI shows. A named state rather than booleans, so "connected but
 * not yet synced" cannot be mistaken for "saved".
 */

export type ConnectionState =
  /** Opening the socket or waiting for the server's first sync reply. */
  | 'connecting'
  /** Synced with the server; local edits are sent as they happen. */
  | 'connected'
  /** No connection; the provider keeps retrying with backoff and edits stay in memory. */
  | 'offline'
  /** The server closed with a 44xx code (unknown document, forbidden…): retrying will not help. */
  | 'refused';

export interface SyncStatus {
  state: ConnectionState;
  /** The server's close reason for `refused`. */
  reason?: string;
  /** Close code for `refused` (see shared/protocol/closeCodes.ts). */
  code?: number;
}
