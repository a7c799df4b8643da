-- Elavira system of record, schema version 7: long-term memory of conversations.
--
-- Portable SQL, with the PostgreSQL changes noted in V1__init.sql.
-- Never edit this file once released: add the next V<n>__....sql instead.

-- One row per question-and-answer pair of a conversation, embedded for recall in the user's later
-- conversations with the same agent. The vector is the embedding cache's row for (model,
-- content_hash), so a change of embedding model re-embeds from the messages. agent_id and user_id
-- repeat the conversation's, so that recall reads one user's entries through an index; recall
-- joins the conversation as well, so a row can never be read by another user or agent.
CREATE TABLE memory_entries (
  id                   INTEGER PRIMARY KEY,
  agent_id             TEXT    NOT NULL,
  user_id              TEXT    NOT NULL,
  conversation_id      TEXT    NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  question_message_id  INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  answer_message_id    INTEGER NOT NULL UNIQUE REFERENCES messages (id) ON DELETE CASCADE,
  content_hash         TEXT    NOT NULL,
  created_at           INTEGER NOT NULL
);
CREATE INDEX memory_entries_by_agent_user ON memory_entries (agent_id, user_id, answer_message_id);
CREATE INDEX memory_entries_by_conversation ON memory_entries (conversation_id);

-- The summary of a conversation's older messages (those before the short-term window), stored and
-- reused; through_message_id is the last message it covers, so it is extended only when enough
-- newer messages fell out of the window.
CREATE TABLE conversation_summaries (
  conversation_id     TEXT    NOT NULL PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  agent_id            TEXT    NOT NULL,
  user_id             TEXT    NOT NULL,
  summary             TEXT    NOT NULL,
  through_message_id  INTEGER NOT NULL,
  message_count       INTEGER NOT NULL,
  method              TEXT    NOT NULL CHECK (method IN ('MODEL', 'EXTRACTIVE')),
  updated_at          INTEGER NOT NULL
);
CREATE INDEX conversation_summaries_by_agent_user ON conversation_summaries (agent_id, user_id);
