/**
 * Suggestion figures for the contribution page: how many each affiliation kind and each
 * person proposed in a period (a review cycle: after the previous cycle's snapshot, up to its
 * own) and how many of those were accepted or declined — the "was it taken seriously" count.
 */
import type { SuggestionFigures, SuggestionTally, SuggestionView } from '../../shared/protocol/suggestions.js';

const empty = (): SuggestionTally => ({ made: 0, accepted: 0, declined: 0 });

export function suggestionFigures(list: SuggestionView[], period: { after?: string; until?: string } = {}): SuggestionFigures {
  const after = period.after ? Date.parse(period.after) : -Infinity;
  const until = period.until ? Date.parse(period.until) : Infinity;
  const byAffiliation: Record<string, SuggestionTally> = {};
  const people = new Map<string, SuggestionFigures['byPerson'][number]>();
  for (const s of list) {
    const at = Date.parse(s.createdAt);
    if (!(at > after && at <= until)) continue;
    const kind = (byAffiliation[s.author.affiliationKind] ??= empty());
    const person = people.get(s.author.userId) ?? { ...s.author, ...empty() };
    people.set(s.author.userId, person);
    for (const t of [kind, person]) {
      t.made++;
      if (s.status === 'accepted') t.accepted++;
      if (s.status === 'declined') t.declined++;
    }
  }
  return { byAffiliation, byPerson: [...people.values()].sort((a, b) => b.made - a.made || a.name.localeCompare(b.name)) };
}
