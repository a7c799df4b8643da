-- Elavira system of record, schema version 2: whole-version re-indexing, and the change log that
-- the derived indexes of every process follow.
--
-- Portable SQL, with the PostgreSQL changes noted in V1__init.sql, plus:
--   * "INTEGER PRIMARY KEY AUTOINCREMENT": BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY.
--   * The chunks table is rebuilt because SQLite cannot change a UNIQUE constraint in place
--     (PostgreSQL: ALTER TABLE chunks ADD COLUMN version, then swap the constraint).
-- Never edit this file once released: add V3__....sql instead.

-- A chunk belongs to one version of its document. A re-index writes the new version's rows under
-- new ids next to the current ones, then makes it current in one transaction (documents.version)
-- and deletes the older rows: a search sees the old version whole or the new one whole.
-- documents.version is the version searches see, 0 while a first version is being written.
CREATE TABLE chunks_v2 (
  id            TEXT    NOT NULL PRIMARY KEY,
  document_id   TEXT    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  version       INTEGER NOT NULL CHECK (version > 0),
  ordinal       INTEGER NOT NULL,
  text          TEXT    NOT NULL,
  section       TEXT,
  page          INTEGER,
  content_hash  TEXT    NOT NULL,
  metadata      TEXT    NOT NULL DEFAULT '{}',
  UNIQUE (document_id, version, ordinal)
);

INSERT INTO chunks_v2 (id, document_id, version, ordinal, text, section, page, content_hash,
                       metadata)
SELECT c.id, c.document_id, CASE WHEN d.version > 0 THEN d.version ELSE 1 END, c.ordinal, c.text,
       c.section, c.page, c.content_hash, c.metadata
FROM chunks c JOIN documents d ON d.id = c.document_id;

DROP TABLE chunks;

ALTER TABLE chunks_v2 RENAME TO chunks;

CREATE INDEX chunks_by_content_hash ON chunks (content_hash);

-- A document a crash left INDEXING has no version searches may see yet: its rows become a staged
-- version, published (or left unsearchable) when an agent opens.
UPDATE documents SET version = 0 WHERE status = 'INDEXING';

-- One row per document ever written: the last version published (0 once deleted, a tombstone),
-- under a sequence that only grows. An agent remembers the last sequence it applied and, before
-- each question, reads the rows after it (one indexed lookup when nothing changed).
CREATE TABLE document_changes (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id  TEXT    NOT NULL UNIQUE,
  agent_id     TEXT    NOT NULL,
  version      INTEGER NOT NULL CHECK (version >= 0),
  changed_at   INTEGER NOT NULL
);
CREATE INDEX document_changes_by_agent ON document_changes (agent_id, seq);
