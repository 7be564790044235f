/**
 * Suggestions written while offline wait on this device (localStorage, per commitment) and are
 * sent when the connection is back, in the order they were written; nothing is lost on reload.
 */
import type { NewSuggestionBody } from '../../shared/protocol/suggestions.js';

const key = (commitmentId: string) => `gongbi:pending-suggestions:${commitmentId}`;

export function pendingSuggestions(commitmentId: string): NewSuggestionBody[] {
  try {
    const raw = localStorage.getItem(key(commitmentId));
    return raw ? (JSON.parse(raw) as NewSuggestionBody[]) : [];
  } catch {
    return [];
  }
}

export function keepPending(commitmentId: string, list: NewSuggestionBody[]): void {
  if (list.length === 0) localStorage.removeItem(key(commitmentId));
  else localStorage.setItem(key(commitmentId), JSON.stringify(list));
}
