-- A random identity for this store, made once. Clients remember it: a store that was reset
-- or replaced (a new id) must not receive their old copies merged blindly.
CREATE TABLE store_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO store_meta (key, value) VALUES ('store_id', replace(gen_random_uuid()::text, '-', ''));
