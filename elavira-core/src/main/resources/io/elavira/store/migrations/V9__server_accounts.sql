-- Accounts of the reference server: password hash and role on users, refresh tokens, and the ids of
-- access tokens revoked before they expire (logout). Planned as V10 in the parallel work of issue
-- 11; the lead renumbers migrations at merge.
--
-- Portable SQL: it runs on SQLite and on PostgreSQL (INTEGER epoch milliseconds: BIGINT there).
-- A user row the SDK created on first use (no password) cannot log in.

ALTER TABLE users ADD COLUMN password_hash TEXT;
ALTER TABLE users ADD COLUMN role TEXT;

CREATE TABLE refresh_tokens (
  id          TEXT    NOT NULL PRIMARY KEY,
  user_id     TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER
);
CREATE INDEX refresh_tokens_by_user ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_by_expiry ON refresh_tokens (expires_at);

CREATE TABLE revoked_tokens (
  id          TEXT    NOT NULL PRIMARY KEY,
  expires_at  INTEGER NOT NULL
);
CREATE INDEX revoked_tokens_by_expiry ON revoked_tokens (expires_at);
