package io.elavira.store.internal;

import io.elavira.store.DocumentChange;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Not API. The {@code document_changes} table: one row per document, holding its last published
 * version (0 once deleted) under a sequence number that only grows ({@code AUTOINCREMENT} never
 * reuses one). A change replaces the document's row, so the table holds one row per document ever
 * written and a reader that is behind reads each changed document once. Stateless.
 */
final class ChangeLog {
  private ChangeLog() {}

  /**
   * Records, inside the caller's write transaction, that the document is now at {@code version}.
   */
  static void record(Handle h, String documentId, String agentId, int version, long now) {
    h.createUpdate("DELETE FROM document_changes WHERE document_id = :id")
        .bind("id", documentId)
        .execute();
    h.createUpdate(
            "INSERT INTO document_changes (document_id, agent_id, version, changed_at)"
                + " VALUES (:id, :agent, :version, :now)")
        .bind("id", documentId)
        .bind("agent", agentId)
        .bind("version", version)
        .bind("now", now)
        .execute();
  }

  /** The agent's last sequence number, 0 when none (one lookup in the agent's index). */
  static long last(Handle h, String agentId) {
    return h.createQuery(
            "SELECT COALESCE(MAX(seq), 0) FROM document_changes WHERE agent_id = :agent")
        .bind("agent", agentId)
        .mapTo(Long.class)
        .one();
  }

  /** The agent's changes after {@code sequence}, in order. */
  static List<DocumentChange> since(Handle h, String agentId, long sequence) {
    return h.createQuery(
            "SELECT seq, document_id, version FROM document_changes"
                + " WHERE agent_id = :agent AND seq > :seq ORDER BY seq")
        .bind("agent", agentId)
        .bind("seq", sequence)
        .map((rs, ctx) -> new DocumentChange(rs.getLong(1), rs.getString(2), rs.getInt(3)))
        .list();
  }
}
