-- Elavira system of record, schema version 4: the scale of a feedback rating, so that a thumbs-up
-- (+1 on the THUMBS scale) and one star (1 on the STARS scale) are told apart; and the indexes
-- that usage statistics of a period read.
--
-- Portable SQL, with the PostgreSQL changes noted in V1__init.sql.
-- Never edit this file once released: add V5__....sql instead.

ALTER TABLE feedback ADD COLUMN scale TEXT NOT NULL DEFAULT 'THUMBS'
  CHECK (scale IN ('THUMBS', 'STARS'));

-- Usage statistics read the messages and audit entries of a period.
CREATE INDEX messages_by_created ON messages (created_at);
CREATE INDEX logs_by_agent_ts ON logs (agent_id, ts);
