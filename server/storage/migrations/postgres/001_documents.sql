-- Documents, their compacted state, and the full update log (kept as the audit record:
-- loading reads only the compacted state plus the updates after it). Times of updates and
-- events are epoch milliseconds (BIGINT), as in the SQLite schema; record times are ISO text.
CREATE TABLE documents (
  name          TEXT PRIMARY KEY,
  kind          TEXT NOT NULL,
  plan_id       TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  state         BYTEA,
  compacted_seq BIGINT NOT NULL DEFAULT 0,
  last_seq      BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX documents_kind_plan ON documents (kind, plan_id);

CREATE TABLE updates (
  doc         TEXT NOT NULL REFERENCES documents (name),
  seq         BIGINT NOT NULL,
  data        BYTEA NOT NULL,
  user_id     TEXT NOT NULL,
  user_name   TEXT NOT NULL,
  affiliation TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  PRIMARY KEY (doc, seq)
);

CREATE TABLE doc_events (
  id          BIGSERIAL PRIMARY KEY,
  doc         TEXT NOT NULL,
  type        TEXT NOT NULL,
  data        TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  user_name   TEXT NOT NULL,
  affiliation TEXT NOT NULL,
  at          BIGINT NOT NULL
);
CREATE INDEX doc_events_doc ON doc_events (doc, id);
