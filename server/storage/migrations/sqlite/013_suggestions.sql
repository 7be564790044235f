-- Suggestions (proposed wording) and their decisions. Both are the record of who proposed
-- what and how the working group answered: the triggers make the database itself refuse to
-- change or delete either, as for snapshots. A decision is one row per suggestion (the
-- primary key), so two people deciding at once cannot both win.
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

CREATE TRIGGER suggestions_no_update BEFORE UPDATE ON suggestions
BEGIN
  SELECT RAISE(ABORT, 'suggestions are part of the record and cannot be changed');
END;
CREATE TRIGGER suggestions_no_delete BEFORE DELETE ON suggestions
BEGIN
  SELECT RAISE(ABORT, 'suggestions are part of the record and cannot be deleted');
END;
CREATE TRIGGER suggestion_decisions_no_update BEFORE UPDATE ON suggestion_decisions
BEGIN
  SELECT RAISE(ABORT, 'decisions on suggestions are part of the record and cannot be changed');
END;
CREATE TRIGGER suggestion_decisions_no_delete BEFORE DELETE ON suggestion_decisions
BEGIN
  SELECT RAISE(ABORT, 'decisions on suggestions are part of the record and cannot be deleted');
END;
