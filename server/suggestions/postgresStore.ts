/** Suggestions in PostgreSQL: the decision's primary key makes "first decision wins" one INSERT, across processes. */
import type pg from 'pg';
import { SELECT_SUGGESTIONS, decisionParams, suggestionParams, toSuggestion, type SuggestionRow } from './rows.js';
import type { DecisionRecord, StoredSuggestion, SuggestionRecord, SuggestionStore } from './store.js';

export class PostgresSuggestions implements SuggestionStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(s: SuggestionRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO suggestions (id, commitment_id, plan_id, field, lang, base, proposed, user_id, user_name, affiliation, affiliation_kind, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      suggestionParams(s),
    );
  }

  async get(id: string): Promise<StoredSuggestion | null> {
    const { rows } = await this.pool.query<SuggestionRow>(`${SELECT_SUGGESTIONS} WHERE s.id = $1`, [id]);
    return rows[0] ? toSuggestion(rows[0]) : null;
  }

  async listForCommitment(commitmentId: string): Promise<StoredSuggestion[]> {
    const { rows } = await this.pool.query<SuggestionRow>(`${SELECT_SUGGESTIONS} WHERE s.commitment_id = $1 ORDER BY s.created_at, s.id`, [commitmentId]);
    return rows.map(toSuggestion);
  }

  async listForPlan(planId: string): Promise<StoredSuggestion[]> {
    const { rows } = await this.pool.query<SuggestionRow>(`${SELECT_SUGGESTIONS} WHERE s.plan_id = $1 ORDER BY s.created_at, s.id`, [planId]);
    return rows.map(toSuggestion);
  }

  async countOpen(commitmentId: string, userId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM suggestions s LEFT JOIN suggestion_decisions d ON d.suggestion_id = s.id WHERE s.commitment_id = $1 AND s.user_id = $2 AND d.suggestion_id IS NULL`,
      [commitmentId, userId],
    );
    return Number(rows[0]!.n);
  }

  async decide(d: DecisionRecord): Promise<{ recorded: boolean; standing: DecisionRecord }> {
    const res = await this.pool.query(
      `INSERT INTO suggestion_decisions (suggestion_id, decision, reason, user_id, user_name, affiliation, affiliation_kind, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (suggestion_id) DO NOTHING`,
      decisionParams(d),
    );
    const standing = (await this.get(d.suggestionId))?.decision;
    if (!standing) throw new Error(`suggestion ${d.suggestionId} has no decision after deciding it`);
    return { recorded: res.rowCount === 1, standing };
  }
}
