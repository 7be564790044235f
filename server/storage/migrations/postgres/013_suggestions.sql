-- Suggestions (proposed wording) and their decisions: see the SQLite migration. Append-only,
-- refused by the database itself on UPDATE, DELETE and TRUNCATE.
CREATE TABLE suggestions (
  id               TEXT PRIMARY KEY,
  commitment_id    TEXT NOT NULL,
  plan_id          TEXT NOT NULL,
  field            TEXT NOT NULL,
  lang             TEXT NOT NULL,
  base             TEXT NOT NULL,
  proposed         TEXT NOT NULL,
  user_id          TEXT NOT NULL,
  user_name        TEXT NOT NULL,
  affiliation      TEXT NOT NULL,
  affiliation_kind TEXT NOT NULL,
  created_at       TEXT NOT NULL
);
CREATE INDEX suggestions_by_commitment ON suggestions (commitment_id, created_at);
CREATE INDEX suggestions_by_plan ON suggestions (plan_id, created_at);

CREATE TABLE suggestion_decisions (
  suggestion_id    TEXT PRIMARY KEY REFERENCES suggestions (id),
  decision         TEXT NOT NULL CHECK (decision IN ('accepted', 'declined')),
  reason           TEXT NOT NULL,
  user_id          TEXT NOT NULL,
  user_name        TEXT NOT NULL,
  affiliation      TEXT NOT NULL,
  affiliation_kind TEXT NOT NULL,
  decided_at       TEXT NOT NULL
);

CREATE FUNCTION suggestions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'suggestions and their decisions are part of the record and cannot be changed or deleted';
END $$;
CREATE TRIGGER suggestions_no_change BEFORE UPDATE OR DELETE ON suggestions
  FOR EACH ROW EXECUTE FUNCTION suggestions_immutable();
CREATE TRIGGER suggestions_no_truncate BEFORE TRUNCATE ON suggestions
  FOR EACH STATEMENT EXECUTE FUNCTION suggestions_immutable();
CREATE TRIGGER suggestion_decisions_no_change BEFORE UPDATE OR DELETE ON suggestion_decisions
  FOR EACH ROW EXECUTE FUNCTION suggestions_immutable();
CREATE TRIGGER suggestion_decisions_no_truncate BEFORE TRUNCATE ON suggestion_decisions
  FOR EACH STATEMENT EXECUTE FUNCTION suggestions_immutable();
