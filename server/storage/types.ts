/**
 * The old path of the storage contract, kept only for the importers that have not moved to
 * the door (server/storage/index.ts) yet; it adds nothing. Import from the door.
 */
export type * from './index.js';
