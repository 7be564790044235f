-- Reminders (milestones due or overdue, review meetings coming up) are notifications with a
-- date; each is sent at most once per person, remembered by key so a restart does not repeat it.
ALTER TABLE notifications ADD COLUMN due TEXT NOT NULL DEFAULT '';

CREATE TABLE reminders_sent (
  key     TEXT PRIMARY KEY,
  sent_at TEXT NOT NULL
);
