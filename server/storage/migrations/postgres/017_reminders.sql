-- Reminders: see the SQLite migration (same column, same table).
ALTER TABLE notifications ADD COLUMN due TEXT NOT NULL DEFAULT '';

CREATE TABLE reminders_sent (
  key     TEXT PRIMARY KEY,
  sent_at TEXT NOT NULL
);
