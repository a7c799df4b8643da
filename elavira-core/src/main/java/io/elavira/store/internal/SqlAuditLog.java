package io.elavira.store.internal;

import io.elavira.store.AuditLog;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Not API. {@link AuditLog} over the {@code logs} table. Stateless over its {@link Database}:
 * thread-safe as the database is, and calls after the database is closed throw {@link
 * IllegalStateException}.
 */
public final class SqlAuditLog implements AuditLog {
  private final Database db;

  /** Uses {@code db}; does not own it. */
  public SqlAuditLog(Database db) {
    this.db = db;
  }

  @Override
  public void record(String action, String userId, String agentId, String details) {
    Objects.requireNonNull(action, "action");
    db.write(
        "recording audit entry " + action,
        h ->
            h.createUpdate(
                    "INSERT INTO logs (ts, action, user_id, agent_id, details) "
                        + "VALUES (:ts, :action, :user, :agent, :details)")
                .bind("ts", db.clock().millis())
                .bind("action", action)
                .bind("user", userId)
                .bind("agent", agentId)
                .bind("details", details)
                .execute());
  }

  @Override
  public List<Entry> recent(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    return db.read(
        "reading the audit log",
        h ->
            h.createQuery(
                    "SELECT ts, action, user_id, agent_id, details FROM logs "
                        + "ORDER BY id DESC LIMIT :n")
                .bind("n", limit)
                .map(
                    (rs, ctx) ->
                        new Entry(
                            Instant.ofEpochMilli(rs.getLong("ts")),
                            rs.getString("action"),
                            rs.getString("user_id"),
                            rs.getString("agent_id"),
                            rs.getString("details")))
                .list());
  }
}
