/** Full-text search over commitments, live and published: the one door of the feature. */
export { Search, type SearchDeps } from './service.js';
export { SearchIndexer, DEFAULT_INDEX_DELAY_MS } from './indexer.js';
export { type SearchStore, type SearchScope, type SearchHit } from './store.js';
export { commitmentEntries, MAX_ENTRY_CHARS, type IndexedCommitment, type SearchEntry } from './entries.js';
export { searchStoreFor } from './open.js';
