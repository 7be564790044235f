-- Who may write a commitment is server state, not document content: the agency directory
-- the coordinator keeps (zh and en names), each commitment's lead agency and its
-- co-implementing agencies. `version` grows with every change, so a process that hears of
-- a change keeps the newest rows it has read. Documents written before this migration keep
-- their agencies inside the Y.Doc; the server copies them into these rows (server/rights/
-- migrateRights.ts) before anyone's access is read from them.
CREATE TABLE agencies (
  id      TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL
);

CREATE TABLE commitment_rights (
  commitment_id  TEXT PRIMARY KEY REFERENCES documents (name),
  lead_agency_id TEXT NOT NULL REFERENCES agencies (id),
  version        INTEGER NOT NULL
);

CREATE TABLE commitment_co_agencies (
  commitment_id TEXT NOT NULL REFERENCES commitment_rights (commitment_id) ON DELETE CASCADE,
  agency_id     TEXT NOT NULL REFERENCES agencies (id),
  position      INTEGER NOT NULL,
  PRIMARY KEY (commitment_id, agency_id)
);
CREATE INDEX commitment_co_agencies_agency ON commitment_co_agencies (agency_id);
