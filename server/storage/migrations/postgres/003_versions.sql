-- Review cycles and immutable snapshots (issue 5). A snapshot is evidence of what a review
-- meeting saw: the triggers make the database itself refuse to change or delete one.
CREATE TABLE review_cycles (
  id            TEXT PRIMARY KEY,
  plan_id       TEXT NOT NULL,
  label         TEXT NOT NULL,
  meeting_date  TEXT NOT NULL,
  notes         TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  created_name  TEXT NOT NULL,
  created_affil TEXT NOT NULL,
  created_at    BIGINT NOT NULL,
  snapshot_at   BIGINT
);
CREATE INDEX review_cycles_plan ON review_cycles (plan_id, meeting_date);

CREATE TABLE snapshots (
  id          TEXT PRIMARY KEY,
  cycle_id    TEXT REFERENCES review_cycles (id),
  doc         TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('cycle', 'checkpoint')),
  reason      TEXT NOT NULL,
  seq         BIGINT NOT NULL,
  state       BYTEA NOT NULL,
  json        TEXT NOT NULL,
  hash        TEXT NOT NULL,
  taken_at    BIGINT NOT NULL,
  user_id     TEXT NOT NULL,
  user_name   TEXT NOT NULL,
  affiliation TEXT NOT NULL
);
CREATE INDEX snapshots_doc ON snapshots (doc, taken_at);
CREATE INDEX snapshots_cycle ON snapshots (cycle_id);

CREATE FUNCTION snapshots_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'snapshots are immutable';
END;
$$;

CREATE TRIGGER snapshots_no_update BEFORE UPDATE ON snapshots
  FOR EACH ROW EXECUTE FUNCTION snapshots_immutable();
CREATE TRIGGER snapshots_no_delete BEFORE DELETE ON snapshots
  FOR EACH ROW EXECUTE FUNCTION snapshots_immutable();
-- Row triggers do not fire on TRUNCATE; a statement trigger does.
CREATE TRIGGER snapshots_no_truncate BEFORE TRUNCATE ON snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION snapshots_immutable();

-- Once taken, a cycle's snapshot time cannot be reset (that would allow a second snapshot).
CREATE FUNCTION review_cycles_snapshot_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a review cycle''s snapshot is taken once';
END;
$$;

CREATE TRIGGER review_cycles_snapshot_once BEFORE UPDATE OF snapshot_at ON review_cycles
  FOR EACH ROW WHEN (OLD.snapshot_at IS NOT NULL) EXECUTE FUNCTION review_cycles_snapshot_once();
