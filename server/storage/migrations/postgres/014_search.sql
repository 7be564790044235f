-- The search index: see the SQLite migration. The trigram index (pg_trgm) is created by the
-- adapter when it starts, not here: an extension may need rights a deployment's role lacks,
-- and without it the same ILIKE queries run, only slower.
CREATE TABLE search_entries (
  id            BIGSERIAL PRIMARY KEY,
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

CREATE TABLE search_sources (
  scope         TEXT NOT NULL,
  commitment_id TEXT NOT NULL,
  plan_id       TEXT NOT NULL,
  source        TEXT NOT NULL,
  PRIMARY KEY (scope, commitment_id)
);
