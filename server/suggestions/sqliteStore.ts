/** Suggestions in SQLite: the decision's primary key makes "first decision wins" one INSERT. */
import type Database from 'better-sqlite3';
import { SELECT_SUGGESTIONS, decisionParams, suggestionParams, toSuggestion, type SuggestionRow } from './rows.js';
import type { DecisionRecord, StoredSuggestion, SuggestionRecord, SuggestionStore } from './store.js';

export class SqliteSuggestions implements SuggestionStore {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      add: db.prepare(`INSERT INTO suggestions (id, commitment_id, plan_id, field, lang, base, proposed, user_id, user_name, affiliation, affiliation_kind, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      get: db.prepare(`${SELECT_SUGGESTIONS} WHERE s.id = ?`),
      byCommitment: db.prepare(`${SELECT_SUGGESTIONS} WHERE s.commitment_id = ? ORDER BY s.created_at, s.id`),
      byPlan: db.prepare(`${SELECT_SUGGESTIONS} WHERE s.plan_id = ? ORDER BY s.created_at, s.id`),
      countOpen: db.prepare(`SELECT COUNT(*) AS n FROM suggestions s LEFT JOIN suggestion_decisions d ON d.suggestion_id = s.id WHERE s.commitment_id = ? AND s.user_id = ? AND d.suggestion_id IS NULL`),
      decide: db.prepare(`INSERT INTO suggestion_decisions (suggestion_id, decision, reason, user_id, user_name, affiliation, affiliation_kind, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (suggestion_id) DO NOTHING`),
    };
  }

  async add(s: SuggestionRecord): Promise<void> {
    this.stmt.add.run(...suggestionParams(s));
  }

  async get(id: string): Promise<StoredSuggestion | null> {
    const row = this.stmt.get.get(id) as SuggestionRow | undefined;
    return row ? toSuggestion(row) : null;
  }

  async listForCommitment(commitmentId: string): Promise<StoredSuggestion[]> {
    return (this.stmt.byCommitment.all(commitmentId) as SuggestionRow[]).map(toSuggestion);
  }

  async listForPlan(planId: string): Promise<StoredSuggestion[]> {
    return (this.stmt.byPlan.all(planId) as SuggestionRow[]).map(toSuggestion);
  }

  async countOpen(commitmentId: string, userId: string): Promise<number> {
    return (this.stmt.countOpen.get(commitmentId, userId) as { n: number }).n;
  }

  async decide(d: DecisionRecord): Promise<{ recorded: boolean; standing: DecisionRecord }> {
    const recorded = this.stmt.decide.run(...decisionParams(d)).changes === 1;
    const standing = (await this.get(d.suggestionId))?.decision;
    if (!standing) throw new Error(`suggestion ${d.suggestionId} has no decision after deciding it`);
    return { recorded, standing };
  }
}
