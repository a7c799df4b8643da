-- Elavira system of record, schema version 1.
--
-- Portable SQL: it runs on SQLite and, with the changes noted below, on PostgreSQL.
--   * Timestamps are epoch milliseconds (UTC) in INTEGER columns: BIGINT on PostgreSQL.
--   * "INTEGER PRIMARY KEY" row ids: BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY on PostgreSQL.
--   * BLOB: BYTEA on PostgreSQL.
--   * JSON is stored as TEXT (JSONB on PostgreSQL if it ever needs querying).
-- Never edit this file once released: add V2__....sql instead.

CREATE TABLE users (
  id          TEXT    NOT NULL PRIMARY KEY,
  created_at  INTEGER NOT NULL
);

CREATE TABLE agents (
  id          TEXT    NOT NULL PRIMARY KEY,
  created_at  INTEGER NOT NULL
);

CREATE TABLE conversations (
  id          TEXT    NOT NULL PRIMARY KEY,
  agent_id    TEXT    NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  user_id     TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX conversations_by_agent_user ON conversations (agent_id, user_id, updated_at);
CREATE INDEX conversations_by_user ON conversations (user_id);

CREATE TABLE messages (
  id               INTEGER PRIMARY KEY,
  conversation_id  TEXT    NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  role             TEXT    NOT NULL CHECK (role IN ('SYSTEM', 'USER', 'ASSISTANT')),
  content          TEXT    NOT NULL,
  provider         TEXT,
  model            TEXT,
  input_tokens     INTEGER NOT NULL DEFAULT 0,
  output_tokens    INTEGER NOT NULL DEFAULT 0,
  latency_ms       INTEGER NOT NULL DEFAULT 0,
  trace_id         TEXT,
  created_at       INTEGER NOT NULL
);
CREATE INDEX messages_by_conversation ON messages (conversation_id, id);
CREATE INDEX messages_by_trace ON messages (trace_id);

CREATE TABLE documents (
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
  UNIQUE (agent_id, location)
);
CREATE INDEX documents_by_status ON documents (status);
CREATE INDEX documents_by_owner ON documents (owner_id);

CREATE TABLE chunks (
  id            TEXT    NOT NULL PRIMARY KEY,
  document_id   TEXT    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  ordinal       INTEGER NOT NULL,
  text          TEXT    NOT NULL,
  section       TEXT,
  page          INTEGER,
  content_hash  TEXT    NOT NULL,
  metadata      TEXT    NOT NULL DEFAULT '{}',
  UNIQUE (document_id, ordinal)
);
CREATE INDEX chunks_by_content_hash ON chunks (content_hash);

-- Embedding cache: one vector per (model, chunk text hash), little-endian float32.
CREATE TABLE embeddings (
  model_id      TEXT    NOT NULL,
  content_hash  TEXT    NOT NULL,
  dimension     INTEGER NOT NULL CHECK (dimension > 0),
  vector        BLOB    NOT NULL,
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (model_id, content_hash)
);

-- For later issues: LLM response cache, user feedback on answers, generated documents.
CREATE TABLE response_cache (
  cache_key   TEXT    NOT NULL PRIMARY KEY,
  agent_id    TEXT    NOT NULL,
  provider    TEXT    NOT NULL,
  model       TEXT    NOT NULL,
  response    TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER
);
CREATE INDEX response_cache_by_expiry ON response_cache (expires_at);

CREATE TABLE feedback (
  id          INTEGER PRIMARY KEY,
  message_id  INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  user_id     TEXT,
  rating      INTEGER NOT NULL,
  comment     TEXT,
  created_at  INTEGER NOT NULL
);
CREATE INDEX feedback_by_message ON feedback (message_id);

CREATE TABLE generated_docs (
  id          TEXT    NOT NULL PRIMARY KEY,
  agent_id    TEXT    NOT NULL,
  user_id     TEXT,
  kind        TEXT    NOT NULL,
  title       TEXT,
  format      TEXT    NOT NULL,
  content     TEXT    NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX generated_docs_by_agent_user ON generated_docs (agent_id, user_id);

-- Audit log: who did what, when. Never secrets or document text in details.
CREATE TABLE logs (
  id        INTEGER PRIMARY KEY,
  ts        INTEGER NOT NULL,
  action    TEXT    NOT NULL,
  user_id   TEXT,
  agent_id  TEXT,
  details   TEXT
);
CREATE INDEX logs_by_ts ON logs (ts);
