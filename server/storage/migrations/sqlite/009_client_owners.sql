-- Which person each Yjs client id of a document belongs to: bound in the transaction that
-- stores the first update written with it, so nobody else can write under it afterwards.
CREATE TABLE doc_client_owners (
  doc       TEXT NOT NULL,
  client_id INTEGER NOT NULL,
  user_id   TEXT NOT NULL,
  PRIMARY KEY (doc, client_id)
) WITHOUT ROWID;
