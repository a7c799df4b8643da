-- Elavira system of record, schema version 10: a path is unique per agent AND owner, so two users'
-- private documents read from the same path (/tmp/notes.md on two machines, or one shared folder
-- ingested privately by each) are two documents, and a shared document at that path is a third.
--
-- Portable SQL, with the PostgreSQL changes noted in V1__init.sql, plus:
--   * SQLite cannot change a UNIQUE constraint or a primary key in place, so documents and the two
--     tables that reference it are rebuilt (PostgreSQL: ALTER TABLE documents DROP CONSTRAINT
--     documents_agent_id_location_key; ALTER TABLE document_locations ADD COLUMN owner_key, fill
--     it, then swap the primary key; the CREATE UNIQUE INDEX below is the same).
--   * The tables that reference documents are rebuilt against the new table BEFORE the old one is
--     dropped: foreign keys stay enforced during migrations, and dropping a table that rows still
--     reference would delete them through ON DELETE CASCADE.
-- The owner key is the owner's user id, or '' for a shared document: NULLs are distinct in a
-- UNIQUE constraint, so a NULL owner would let two shared documents share a path.
-- Never edit this file once released: add V11__....sql instead.

CREATE TABLE documents_v10 (
  id            TEXT    NOT NULL PRIMARY KEY,
  agent_id      TEXT    NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  owner_id      TEXT             REFERENCES users (id) ON DELETE CASCADE,
  name          TEXT    NOT NULL,
  location      TEXT    NOT NULL,
  format        TEXT    NOT NULL,
  content_hash  TEXT    NOT NULL,
  status        TEXT    NOT NULL CHECK (status IN ('INDEXING', 'READY')),
  version       INTEGER NOT NULL,
  chunk_count   INTEGER NOT NULL,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  size_bytes    INTEGER
);

INSERT INTO documents_v10 (id, agent_id, owner_id, name, location, format, content_hash, status,
                           version, chunk_count, created_at, updated_at, size_bytes)
SELECT id, agent_id, owner_id, name, location, format, content_hash, status, version, chunk_count,
       created_at, updated_at, size_bytes
FROM documents;

CREATE TABLE chunks_v10 (
  id            TEXT    NOT NULL PRIMARY KEY,
  document_id   TEXT    NOT NULL REFERENCES documents_v10 (id) ON DELETE CASCADE,
  version       INTEGER NOT NULL CHECK (version > 0),
  ordinal       INTEGER NOT NULL,
  text          TEXT    NOT NULL,
  section       TEXT,
  page          INTEGER,
  content_hash  TEXT    NOT NULL,
  metadata      TEXT    NOT NULL DEFAULT '{}',
  UNIQUE (document_id, version, ordinal)
);

INSERT INTO chunks_v10 (id, document_id, version, ordinal, text, section, page, content_hash,
                        metadata)
SELECT id, document_id, version, ordinal, text, section, page, content_hash, metadata
FROM chunks;

-- owner_key: the owner of the document the location belongs to ('' when shared); a location
-- belongs to one document per agent and owner.
CREATE TABLE document_locations_v10 (
  agent_id     TEXT    NOT NULL,
  owner_key    TEXT    NOT NULL,
  location     TEXT    NOT NULL,
  document_id  TEXT    NOT NULL REFERENCES documents_v10 (id) ON DELETE CASCADE,
  name         TEXT    NOT NULL,
  added_at     INTEGER NOT NULL,
  PRIMARY KEY (agent_id, owner_key, location)
);

INSERT INTO document_locations_v10 (agent_id, owner_key, location, document_id, name, added_at)
SELECT l.agent_id, COALESCE(d.owner_id, ''), l.location, l.document_id, l.name, l.added_at
FROM document_locations l JOIN documents d ON d.id = l.document_id;

DROP TABLE document_locations;

DROP TABLE chunks;

DROP TABLE documents;

ALTER TABLE documents_v10 RENAME TO documents;

ALTER TABLE chunks_v10 RENAME TO chunks;

ALTER TABLE document_locations_v10 RENAME TO document_locations;

CREATE UNIQUE INDEX documents_by_agent_owner_location
  ON documents (agent_id, COALESCE(owner_id, ''), location);
CREATE INDEX documents_by_status ON documents (status);
CREATE INDEX documents_by_owner ON documents (owner_id);
CREATE INDEX documents_by_agent_hash ON documents (agent_id, content_hash);
CREATE INDEX chunks_by_content_hash ON chunks (content_hash);
CREATE INDEX document_locations_by_document ON document_locations (document_id);
