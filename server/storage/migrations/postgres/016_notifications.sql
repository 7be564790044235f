-- The notification centre: see the SQLite migration (same tables, same columns).
CREATE TABLE notifications (
  id            TEXT PRIMARY KEY,
  user_id       TEXT NOT NULL,
  kind          TEXT NOT NULL,
  commitment_id TEXT NOT NULL,
  commitment    TEXT NOT NULL,
  actor_name    TEXT NOT NULL,
  excerpt       TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  read_at       TEXT
);
CREATE INDEX notifications_by_user ON notifications (user_id, created_at DESC, id DESC);

CREATE TABLE notification_settings (
  user_id TEXT PRIMARY KEY,
  email   BOOLEAN NOT NULL,
  lang    TEXT NOT NULL
);
