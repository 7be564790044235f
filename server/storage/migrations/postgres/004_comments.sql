-- Public site and comments (issue 8): published review cycles, comments from the public with
-- their moderation and the working group's response, cross-links between commitments, and
-- the server's own secrets (the key that signs comment forms, shared by every process).
CREATE TABLE publications (
  cycle_id     TEXT PRIMARY KEY REFERENCES review_cycles (id),
  plan_id      TEXT NOT NULL,
  published_at BIGINT NOT NULL,
  user_id      TEXT NOT NULL,
  user_name    TEXT NOT NULL,
  affiliation  TEXT NOT NULL
);
CREATE INDEX publications_plan ON publications (plan_id, published_at);

CREATE TABLE public_comments (
  id            TEXT PRIMARY KEY,
  plan_id       TEXT NOT NULL,
  commitment_id TEXT NOT NULL,
  milestone_id  TEXT,
  cycle_id      TEXT NOT NULL,
  name          TEXT NOT NULL,
  email         TEXT,
  text          TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  created_at    BIGINT NOT NULL,
  ip_hash       TEXT NOT NULL,
  moderated_by  TEXT,
  moderated_name  TEXT,
  moderated_affil TEXT,
  moderated_at  BIGINT,
  response      TEXT,
  responded_by  TEXT,
  responded_name  TEXT,
  responded_affil TEXT,
  responded_at  BIGINT
);
CREATE INDEX public_comments_plan ON public_comments (plan_id, created_at);
CREATE INDEX public_comments_commitment ON public_comments (commitment_id, created_at);
CREATE INDEX public_comments_ip ON public_comments (ip_hash, created_at);

CREATE TABLE commitment_links (
  from_id     TEXT NOT NULL,
  to_id       TEXT NOT NULL,
  note        TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  user_id     TEXT NOT NULL,
  user_name   TEXT NOT NULL,
  affiliation TEXT NOT NULL,
  PRIMARY KEY (from_id, to_id),
  CHECK (from_id <> to_id)
);
CREATE INDEX commitment_links_to ON commitment_links (to_id);

CREATE TABLE server_secrets (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
