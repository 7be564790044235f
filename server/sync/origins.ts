/**
 * Tagged origins of Y transactions in a room. The room decides from the tag whether an update
 * must be stored and relayed (client, server) or is already stored (storage) or came from
 * another process that stored it (pubsub) — which prevents echo loops and double writes.
 */
import type { UpdateAuthor } from '../storage/index.js';
import type { Connection } from './connection.js';

export type Origin =
  | { kind: 'client'; conn: Connection }
  | { kind: 'server'; author: UpdateAuthor }
  | { kind: 'storage' }
  | { kind: 'pubsub' };

export const STORAGE_ORIGIN: Origin = { kind: 'storage' };
export const PUBSUB_ORIGIN: Origin = { kind: 'pubsub' };

/** The author recorded for changes the server makes itself (seeding, migrations). */
export const SYSTEM_AUTHOR: UpdateAuthor = { userId: 'system', name: 'Gongbi', affiliation: 'system' };
