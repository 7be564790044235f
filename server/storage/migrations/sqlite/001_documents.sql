-- Documents, their compacted state, and the full update log (kept as the audit record:
-- loading reads only the compacted state plus the updates after it).
CREATE TABLE documents (
  name          TEXT PRIMARY KEY,
  kind          TEXT NOT NULL,
  plan_id       TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  state         BLOB,
  compacted_seq INTEGER NOT NULL DEFAULT 0,
  last_seq      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE updates (
  doc         TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  data        BLOB NOT NULL,
  user_id     TEXT NOT NULL,
  user_name   TEXT NOT NULL,
  affiliation TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (doc, seq)
) WITHOUT ROWID;

CREATE TABLE doc_events (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  doc         TEXT NOT NULL,
  type        TEXT NOT NULL,
  data        TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  user_name   TEXT NOT NULL,
  affiliation TEXT NOT NULL,
  at          INTEGER NOT NULL
);
CREATE INDEX doc_events_doc ON doc_events (doc, id);
