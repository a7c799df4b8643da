-- Document generation (issue 10): versioned profiles, and generated documents with versions,
-- inputs, facts used, claim-check flags and a draft flag.
--
-- Portable SQL, as V1: INTEGER timestamps (BIGINT on PostgreSQL), JSON as TEXT, INTEGER 0/1 flags.
-- (Assigned number for this change: V9; numbered V7 here to follow V6 on main, as the runner
-- needs contiguous numbers. The lead renumbers at merge.)

-- One row per version of a user's profile for an agent. EXTRACTED versions come from the
-- documents; EDITED ones are the user's corrections, which later extractions keep.
CREATE TABLE profiles (
  agent_id    TEXT    NOT NULL,
  user_id     TEXT    NOT NULL,
  version     INTEGER NOT NULL CHECK (version >= 1),
  origin      TEXT    NOT NULL CHECK (origin IN ('EXTRACTED', 'EDITED')),
  profile     TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (agent_id, user_id, version)
);

-- A regenerated document is a new row whose parent_id names the version it replaces.
ALTER TABLE generated_docs ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE generated_docs ADD COLUMN parent_id TEXT;
ALTER TABLE generated_docs ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
ALTER TABLE generated_docs ADD COLUMN inputs TEXT NOT NULL DEFAULT '{}';
ALTER TABLE generated_docs ADD COLUMN facts TEXT NOT NULL DEFAULT '[]';
ALTER TABLE generated_docs ADD COLUMN flags TEXT NOT NULL DEFAULT '[]';
ALTER TABLE generated_docs ADD COLUMN draft INTEGER NOT NULL DEFAULT 0;
ALTER TABLE generated_docs ADD COLUMN provider TEXT;
ALTER TABLE generated_docs ADD COLUMN model TEXT;
-- The parts of a letter layout (sender, recipient, date, subject, body, signature), JSON; NULL
-- for documents without one (a CV, an email).
ALTER TABLE generated_docs ADD COLUMN letter TEXT;
CREATE INDEX generated_docs_by_parent ON generated_docs (parent_id);
