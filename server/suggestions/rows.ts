/** Row ↔ record mapping shared by both adapters (the columns are the same in both migrations). */
import type { AffiliationKind } from '../../shared/protocol/auth.js';
import type { DecisionRecord, StoredSuggestion } from './store.js';

export interface SuggestionRow {
  id: string; commitment_id: string; plan_id: string; field: string; lang: string; base: string; proposed: string;
  user_id: string; user_name: string; affiliation: string; affiliation_kind: string; created_at: string;
  decision: string | null; reason: string | null; d_user_id: string | null; d_user_name: string | null;
  d_affiliation: string | null; d_affiliation_kind: string | null; decided_at: string | null;
}

export const SELECT_SUGGESTIONS = `SELECT s.*, d.decision, d.reason, d.user_id AS d_user_id, d.user_name AS d_user_name,
  d.affiliation AS d_affiliation, d.affiliation_kind AS d_affiliation_kind, d.decided_at
  FROM suggestions s LEFT JOIN suggestion_decisions d ON d.suggestion_id = s.id`;

export function toSuggestion(r: SuggestionRow): StoredSuggestion {
  return {
    id: r.id, commitmentId: r.commitment_id, planId: r.plan_id, field: r.field, lang: r.lang, base: r.base, proposed: r.proposed,
    author: { userId: r.user_id, name: r.user_name, affiliation: r.affiliation, affiliationKind: r.affiliation_kind as AffiliationKind },
    createdAt: r.created_at,
    decision: r.decision
      ? {
          suggestionId: r.id, decision: r.decision as DecisionRecord['decision'], reason: r.reason ?? '', decidedAt: r.decided_at ?? '',
          by: { userId: r.d_user_id ?? '', name: r.d_user_name ?? '', affiliation: r.d_affiliation ?? '', affiliationKind: (r.d_affiliation_kind ?? 'agency') as AffiliationKind },
        }
      : null,
  };
}

export const suggestionParams = (s: StoredSuggestion | Omit<StoredSuggestion, 'decision'>) => [
  s.id, s.commitmentId, s.planId, s.field, s.lang, s.base, s.proposed, s.author.userId, s.author.name, s.author.affiliation, s.author.affiliationKind, s.createdAt,
];

export const decisionParams = (d: DecisionRecord) => [d.suggestionId, d.decision, d.reason, d.by.userId, d.by.name, d.by.affiliation, d.by.affiliationKind, d.decidedAt];
