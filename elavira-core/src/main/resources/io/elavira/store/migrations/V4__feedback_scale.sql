-- Elavira system of record, schema version 4: the scale of a feedback rating, so that a thumbs-up
-- (+1 on the THUMBS scale) and one star (1 on the STARS scale) are told apart.
--
-- Portable SQL, with the PostgreSQL changes noted in V1__init.sql.
-- Never edit this file once released: add V5__....sql instead.

ALTER TABLE feedback ADD COLUMN scale TEXT NOT NULL DEFAULT 'THUMBS'
  CHECK (scale IN ('THUMBS', 'STARS'));
