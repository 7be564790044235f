/**
 * Where suggestions and decisions are kept: an append-only pair of tables in the document
 * store's own database (migration 013), one adapter per engine behind this contract
 * (test/suggestions/store.contract.ts runs it on both).
 */
import type { SuggestionPerson } from '../../shared/protocol/suggestions.js';

export interface SuggestionRecord {
  id: string;
  commitmentId: string;
  planId: string;
  field: string;
  lang: string;
  /** JSON of the field's value when it was proposed, and of the proposed value. */
  base: string;
  proposed: string;
  author: SuggestionPerson;
  createdAt: string;
}

export interface DecisionRecord {
  suggestionId: string;
  decision: 'accepted' | 'declined';
  reason: string;
  by: SuggestionPerson;
  decidedAt: string;
}

export interface StoredSuggestion extends SuggestionRecord {
  decision: DecisionRecord | null;
}

export interface SuggestionStore {
  add(s: SuggestionRecord): Promise<void>;
  get(id: string): Promise<StoredSuggestion | null>;
  listForCommitment(commitmentId: string): Promise<StoredSuggestion[]>;
  listForPlan(planId: string): Promise<StoredSuggestion[]>;
  /** Open suggestions of one person on one commitment (the per-person limit). */
  countOpen(commitmentId: string, userId: string): Promise<number>;
  /** Records the decision unless one exists; returns the decision that stands (this one or the earlier). */
  decide(d: DecisionRecord): Promise<{ recorded: boolean; standing: DecisionRecord }>;
}
