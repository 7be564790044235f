/**
 * The checks on a write that do not depend on the engine, written once for both adapters.
 * What must hold inside the engine's transaction (seq allocation under the document row's
 * lock, compaction never going backwards) stays in each adapter's SQL: see docs.ts there.
 */
import type { DocAppend } from './docs.js';

/** Group commit names each document once: two entries for one document would race for its seqs. */
export function assertDistinct(writes: readonly DocAppend[]): void {
  if (new Set(writes.map((w) => w.name)).size !== writes.length) throw new Error('appendMany: a document may appear once');
}
