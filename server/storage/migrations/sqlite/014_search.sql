-- The search index: one row per commitment, field and language, in two scopes — 'live' (the
-- documents as they are now, for signed-in people) and 'public' (the published snapshots).
-- It is derived data: rebuilt from the documents and snapshots whenever it is missing or
-- behind (search_sources says what each commitment's rows were built from). The FTS5 table
-- with the trigram tokenizer matches any substring of 3 or more characters, Chinese too.
CREATE TABLE search_entries (
  id            INTEGER PRIMARY KEY,
  scope         TEXT NOT NULL CHECK (scope IN ('live', 'public')),
  commitment_id TEXT NOT NULL,
  plan_id       TEXT NOT NULL,
  number        TEXT NOT NULL,
  title_zh      TEXT NOT NULL,
  title_en      TEXT NOT NULL,
  field         TEXT NOT NULL,
  field_zh      TEXT NOT NULL,
  field_en      TEXT NOT NULL,
  ord           INTEGER NOT NULL,
  lang          TEXT NOT NULL,
  body          TEXT NOT NULL
);
CREATE INDEX search_entries_by_commitment ON search_entries (scope, commitment_id);

CREATE VIRTUAL TABLE search_fts USING fts5(body, content='search_entries', content_rowid='id', tokenize='trigram');
CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN
  INSERT INTO search_fts (rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN
  INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;

CREATE TABLE search_sources (
  scope         TEXT NOT NULL,
  commitment_id TEXT NOT NULL,
  plan_id       TEXT NOT NULL,
  source        TEXT NOT NULL,
  PRIMARY KEY (scope, commitment_id)
);
