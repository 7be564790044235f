-- The contribution ledger: every logged update measured once (characters added and removed,
-- milestone rows, by its author), so contribution figures are read, not replayed from the
-- whole log on every request. Each entry holds its author's running totals through its seq:
-- the figures of a range are two lookups per person. Brought up to date from the log.
CREATE TABLE contribution_ledgers (
  doc   TEXT PRIMARY KEY,
  -- Updates up to this seq are measured; `state` is the document as of it (to measure the next).
  seq   BIGINT NOT NULL,
  state BYTEA NOT NULL
);

-- One row per person and affiliation who wrote to a document, with their totals so far.
CREATE TABLE contribution_people (
  doc              TEXT NOT NULL,
  user_id          TEXT NOT NULL,
  affiliation      TEXT NOT NULL,
  chars_added      BIGINT NOT NULL,
  chars_removed    BIGINT NOT NULL,
  milestones_added BIGINT NOT NULL,
  updates          BIGINT NOT NULL,
  PRIMARY KEY (doc, user_id, affiliation)
);

-- One row per measured update: its author's running totals through this seq.
CREATE TABLE contribution_entries (
  doc              TEXT NOT NULL,
  seq              BIGINT NOT NULL,
  user_id          TEXT NOT NULL,
  user_name        TEXT NOT NULL,
  affiliation      TEXT NOT NULL,
  chars_added      BIGINT NOT NULL,
  chars_removed    BIGINT NOT NULL,
  milestones_added BIGINT NOT NULL,
  updates          BIGINT NOT NULL,
  PRIMARY KEY (doc, seq)
);
CREATE INDEX contribution_entries_person ON contribution_entries (doc, user_id, affiliation, seq);
