/** The commitment and plan document model: the one schema client and server agree on. */
export * from './fields.js';
export * from './types.js';
export * from './commitment.js';
export * from './richText.js';
export * from './translation.js';
export * from './render.js';
export * from './plan.js';
export * from './progress.js';
