-- Elavira system of record, schema version 11: how a multi-model consensus made an answer, stored
-- with the answer in the same write as its text, attempts and route, so that every worker's answer
-- can be shown again later (elavira answers show, GET /api/answers/{traceId}).
--
-- consensus: a JSON object {"strategy", "ms", "workers": [{"provider", "model", "outcome", "kind",
-- "ms", "answer", "error", "inputTokens", "outputTokens"}], "merger": {"provider", "model",
-- "outcome", "kind", "ms"} or null}; NULL for user messages and for answers no consensus made.
-- Portable SQL (the same statement on PostgreSQL; use JSONB there if it is to be queried).
-- Never edit this file once released: add V12__....sql instead.
ALTER TABLE messages ADD COLUMN consensus TEXT;
