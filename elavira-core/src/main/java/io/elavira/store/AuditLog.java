package io.elavira.store;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The append-only audit log: who did what, when. Details never hold secrets or document text.
 *
 * <p>Thread-safe.
 */
public interface AuditLog {

  /**
   * One audit entry.
   *
   * @param timestamp when
   * @param action what ("ingest", "ask", "delete"...)
   * @param userId who, or null for the system
   * @param agentId which agent, or null
   * @param details short details (file name, counts), never secrets
   */
  record Entry(
      Instant timestamp,
      String action,
      @Nullable String userId,
      @Nullable String agentId,
      @Nullable String details) {}

  /** Appends an entry stamped now. */
  void record(
      String action, @Nullable String userId, @Nullable String agentId, @Nullable String details);

  /** The most recent entries, newest first. */
  List<Entry> recent(int limit);
}
