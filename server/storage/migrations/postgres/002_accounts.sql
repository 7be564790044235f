-- Accounts, sessions, invitations and working-group memberships (tokens stored as hashes).
CREATE TABLE users (
  id               TEXT PRIMARY KEY,
  email            TEXT NOT NULL UNIQUE,
  name             TEXT NOT NULL,
  password_hash    TEXT NOT NULL,
  role             TEXT NOT NULL,
  affiliation_kind TEXT NOT NULL,
  affiliation_id   TEXT NOT NULL,
  affiliation_name TEXT NOT NULL,
  created_at       TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE invitations (
  token_hash       TEXT PRIMARY KEY,
  email            TEXT NOT NULL,
  role             TEXT NOT NULL,
  affiliation_kind TEXT NOT NULL,
  affiliation_id   TEXT NOT NULL,
  affiliation_name TEXT NOT NULL,
  commitments      TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  created_at       BIGINT NOT NULL,
  expires_at       BIGINT NOT NULL,
  used_at          BIGINT
);

CREATE TABLE memberships (
  user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  commitment_id TEXT NOT NULL,
  PRIMARY KEY (user_id, commitment_id)
);
