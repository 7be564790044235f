/** Suggestions on commitments and their decisions: the one door of the feature. */
export { Suggestions, type SuggestionDeps, type SuggestionEvent } from './service.js';
export { type SuggestionStore } from './store.js';
export { suggestionsCsv } from './decisionsCsv.js';
export { suggestionFigures } from './figures.js';
export { suggestionStoreFor } from './open.js';
export { decisionRows } from './decisionRows.js';
