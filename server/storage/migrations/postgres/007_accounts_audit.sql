-- Operating Gongbi for real: accounts an administrator can disable, one-time password-reset
-- links, and the audit trail. Audit entries are evidence, like snapshots: the triggers make
-- the database itself refuse to change, delete or truncate one.
ALTER TABLE users ADD COLUMN disabled_at BIGINT;

CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at    BIGINT
);
CREATE INDEX password_resets_user ON password_resets (user_id);

CREATE TABLE audit_log (
  id          BIGSERIAL PRIMARY KEY,
  at          BIGINT NOT NULL,
  actor_id    TEXT NOT NULL,
  actor_name  TEXT NOT NULL,
  affiliation TEXT NOT NULL,
  action      TEXT NOT NULL,
  target      TEXT NOT NULL,
  details     TEXT NOT NULL,
  address     TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at);
CREATE INDEX audit_log_action ON audit_log (action, at);
CREATE INDEX audit_log_target ON audit_log (target, at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit entries are append-only';
END;
$$;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
-- Row triggers do not fire on TRUNCATE; a statement trigger does.
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
