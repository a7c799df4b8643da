package io.elavira.store.internal;

import org.jdbi.v3.core.Handle;

/** Not API. Inserts of the parent rows other tables reference, portable to PostgreSQL. */
final class Rows {
  private Rows() {}

  static void ensureAgent(Handle h, String agentId, long now) {
    h.createUpdate(
            "INSERT INTO agents (id, created_at) VALUES (:id, :now) "
                + "ON CONFLICT (id) DO NOTHING")
        .bind("id", agentId)
        .bind("now", now)
        .execute();
  }

  static void ensureUser(Handle h, String userId, long now) {
    h.createUpdate(
            "INSERT INTO users (id, created_at) VALUES (:id, :now) "
                + "ON CONFLICT (id) DO NOTHING")
        .bind("id", userId)
        .bind("now", now)
        .execute();
  }
}
