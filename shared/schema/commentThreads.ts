/**
 * How comment threads are laid out in a comment document (`cm-<slug>`): the browser writes
 * them and the sync server checks every change against the session (authors are the
 * session's, only an author or a coordinator changes a thread), so both read these names.
 */

/** The top-level map of threads, keyed by thread id. */
export const COMMENT_THREADS = 'threads';

/** The Y.Array of a thread's comments (the opening comment, then replies). */
export const THREAD_COMMENTS = 'comments';

/** Keys a thread's map holds; `author` is fixed at creation. */
export const THREAD_KEYS = ['field', 'start', 'end', 'quote', 'createdAt', 'author', 'resolved', 'resolvedBy', THREAD_COMMENTS] as const;

/** Keys that record resolution: written with the resolver's own name. */
export const RESOLUTION_KEYS: ReadonlySet<string> = new Set(['resolved', 'resolvedBy']);
