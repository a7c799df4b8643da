package io.elavira.store.internal;

import io.elavira.guard.SecretMasker;
import io.elavira.store.AuditLog;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

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
  public void record(
      String action, @Nullable String userId, @Nullable String agentId, @Nullable String details) {
    Objects.requireNonNull(action, "action");
    db.write(
        "recording audit entry " + action,
        h ->
            insert(
                h,
                db.clock().millis(),
                action,
                userId,
                agentId,
                SecretMasker.maskNullable(details)));
  }

  /** Inserts one entry on {@code h}, inside the caller's transaction. */
  static int insert(
      Handle h,
      long timestampMillis,
      String action,
      @Nullable String userId,
      @Nullable String agentId,
      @Nullable String details) {
    return h.createUpdate(
            "INSERT INTO logs (ts, action, user_id, agent_id, details) "
                + "VALUES (:ts, :action, :user, :agent, :details)")
        .bind("ts", timestampMillis)
        .bind("action", action)
        .bind("user", userId)
        .bind("agent", agentId)
        .bind("details", details)
        .execute();
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
