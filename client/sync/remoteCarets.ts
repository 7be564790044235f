/**
 * Other people's awareness states as the editor may read them: a caret that is not a pair of
 * relative positions in this document is removed before y-tiptap sees it (it would throw
 * and take the editor down), and an entry that is not JSON is left out. The server strips
 * such carets too; this side holds against other tabs and older servers.
 */
import { hasBadCursor, readAwarenessEntries, writeAwarenessEntries } from '../../shared/protocol/awarenessState.js';

const utf8 = new TextDecoder();

/** The update with bad carets nulled, or null when nothing in it can be applied. */
export function cleanCarets(update: Uint8Array, isRoot: (name: string) => boolean): Uint8Array | null {
  let entries;
  try {
    entries = readAwarenessEntries(update);
  } catch {
    return null;
  }
  const kept: Array<{ clientId: number; clock: number; json: string }> = [];
  for (const { clientId, clock, json: bytes } of entries) {
    const json = utf8.decode(bytes);
    let state: unknown;
    try {
      state = JSON.parse(json);
    } catch {
      continue;
    }
    if (state !== null && typeof state === 'object' && !Array.isArray(state) && hasBadCursor(state as Record<string, unknown>, isRoot)) {
      kept.push({ clientId, clock, json: JSON.stringify({ ...state, cursor: null }) });
    } else kept.push({ clientId, clock, json });
  }
  return kept.length ? writeAwarenessEntries(kept) : null;
}
