-- Elavira system of record, schema version 3: every location a document was found at, and its
-- size.
--
-- Portable SQL, with the PostgreSQL changes noted in V1__init.sql.
-- Never edit this file once released: add V4__....sql instead.

-- Size in bytes of the file the document was read from, as the ingestion pipeline measured it;
-- NULL when it was not given.
ALTER TABLE documents ADD COLUMN size_bytes INTEGER;

-- Every location (absolute path or URI) at which an agent found a document. Byte-identical files
-- (the same text for the same agent and owner) are one document with several locations: stored,
-- embedded and searched once, shown with every path. documents.location stays the first of them.
CREATE TABLE document_locations (
  agent_id     TEXT    NOT NULL,
  location     TEXT    NOT NULL,
  document_id  TEXT    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  name         TEXT    NOT NULL,
  added_at     INTEGER NOT NULL,
  PRIMARY KEY (agent_id, location)
);
CREATE INDEX document_locations_by_document ON document_locations (document_id);

INSERT INTO document_locations (agent_id, location, document_id, name, added_at)
SELECT agent_id, location, id, name, created_at FROM documents;

-- Finding the document that already holds a text (same agent, same content hash).
CREATE INDEX documents_by_agent_hash ON documents (agent_id, content_hash);
