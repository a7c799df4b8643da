package io.elavira.store.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.elavira.ElaviraException;
import io.elavira.store.Feedback;
import io.elavira.store.FeedbackStore;
import io.elavira.store.Rating;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * Not API. {@link FeedbackStore} over the {@code feedback} table, joined to the answer's message
 * and conversation. Stateless over its {@link Database}: thread-safe as the database is.
 */
public final class SqlFeedbackStore implements FeedbackStore {
  private static final String SELECT =
      "SELECT f.id, m.trace_id, f.message_id, c.agent_id, c.id AS conversation_id, f.user_id,"
          + " f.scale, f.rating, f.comment, f.created_at"
          + " FROM feedback f JOIN messages m ON m.id = f.message_id"
          + " JOIN conversations c ON c.id = m.conversation_id";

  private final Database db;
  private final JsonFactory json = new JsonFactory();

  /** Uses {@code db}; does not own it. */
  public SqlFeedbackStore(Database db) {
    this.db = db;
  }

  @Override
  public Feedback give(
      String traceId, @Nullable String userId, Rating rating, @Nullable String comment) {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(rating, "rating");
    return db.write(
        "recording feedback on answer " + traceId,
        h -> {
          Optional<Long> messageId =
              h.createQuery(
                      "SELECT id FROM messages WHERE trace_id = :trace AND role = 'ASSISTANT'"
                          + " ORDER BY id DESC LIMIT 1")
                  .bind("trace", traceId)
                  .mapTo(Long.class)
                  .findOne();
          if (messageId.isEmpty()) {
            throw new IllegalArgumentException(
                "No answer has the trace id "
                    + traceId
                    + "; give the id of an answer of this home (its traceId, shown by --json).");
          }
          long now = db.clock().millis();
          h.createUpdate(
                  "DELETE FROM feedback WHERE message_id = :message AND "
                      + (userId == null ? "user_id IS NULL" : "user_id = :user"))
              .bind("message", messageId.get())
              .bind("user", userId)
              .execute();
          long id =
              h.createQuery(
                      "INSERT INTO feedback (message_id, user_id, rating, scale, comment,"
                          + " created_at) VALUES (:message, :user, :rating, :scale, :comment, :now)"
                          + " RETURNING id")
                  .bind("message", messageId.get())
                  .bind("user", userId)
                  .bind("rating", rating.value())
                  .bind("scale", rating.scale().name())
                  .bind("comment", comment)
                  .bind("now", now)
                  .mapTo(Long.class)
                  .one();
          Feedback stored =
              h.createQuery(SELECT + " WHERE f.id = :id")
                  .bind("id", id)
                  .map(SqlFeedbackStore::feedback)
                  .one();
          SqlAuditLog.insert(
              h,
              now,
              "feedback",
              userId,
              stored.agentId(),
              "trace=" + traceId + " scale=" + rating.scale() + " rating=" + rating.value());
          return stored;
        });
  }

  @Override
  public List<Feedback> list(@Nullable String agentId) {
    return db.read(
        "listing feedback", h -> where(h, SELECT, agentId).map(SqlFeedbackStore::feedback).list());
  }

  @Override
  public int exportJsonl(@Nullable String agentId, Writer out) {
    Objects.requireNonNull(out, "out");
    int lines;
    try {
      lines =
          db.read(
              "exporting feedback",
              h -> {
                Query query =
                    where(
                        h,
                        "SELECT m.trace_id, c.agent_id, c.id, f.user_id, (SELECT q.content FROM"
                            + " messages q WHERE q.conversation_id = m.conversation_id AND q.id <"
                            + " m.id AND q.role = 'USER' ORDER BY q.id DESC LIMIT 1), m.content,"
                            + " m.provider, m.model, f.rating, f.scale, f.comment, f.created_at"
                            + " FROM feedback f JOIN messages m ON m.id = f.message_id"
                            + " JOIN conversations c ON c.id = m.conversation_id",
                        agentId);
                int[] count = {0};
                query
                    .map(
                        (rs, ctx) -> {
                          writeLine(out, rs);
                          return 1;
                        })
                    .forEach(one -> count[0]++);
                return count[0];
              });
      out.flush();
    } catch (IOException e) {
      throw exportFailed(e);
    } catch (UncheckedIOException e) {
      throw exportFailed(Objects.requireNonNull(e.getCause()));
    }
    db.write(
        "recording the feedback export",
        h ->
            SqlAuditLog.insert(
                h, db.clock().millis(), "export", null, agentId, "feedback lines=" + lines));
    return lines;
  }

  private static ElaviraException exportFailed(IOException e) {
    return new ElaviraException(
        "Could not write the feedback export ("
            + e.getClass().getSimpleName()
            + "); check the"
            + " output file or stream.",
        e);
  }

  private void writeLine(Writer out, ResultSet rs) throws SQLException {
    try {
      JsonGenerator g = json.createGenerator(out);
      g.writeStartObject();
      g.writeStringField("traceId", rs.getString(1));
      g.writeStringField("agentId", rs.getString(2));
      g.writeStringField("conversationId", rs.getString(3));
      g.writeStringField("userId", rs.getString(4));
      g.writeStringField("question", rs.getString(5));
      g.writeStringField("answer", rs.getString(6));
      g.writeStringField("provider", rs.getString(7));
      g.writeStringField("model", rs.getString(8));
      g.writeNumberField("rating", rs.getInt(9));
      g.writeStringField("scale", rs.getString(10));
      g.writeStringField("comment", rs.getString(11));
      g.writeStringField("createdAt", Instant.ofEpochMilli(rs.getLong(12)).toString());
      g.writeEndObject();
      g.flush();
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Query where(Handle h, String select, @Nullable String agentId) {
    if (agentId == null) {
      return h.createQuery(select + " ORDER BY f.id");
    }
    return h.createQuery(select + " WHERE c.agent_id = :agent ORDER BY f.id")
        .bind("agent", agentId);
  }

  private static Feedback feedback(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Feedback(
        rs.getLong("id"),
        rs.getString("trace_id"),
        rs.getLong("message_id"),
        rs.getString("agent_id"),
        rs.getString("conversation_id"),
        rs.getString("user_id"),
        new Rating(Rating.Scale.valueOf(rs.getString("scale")), rs.getInt("rating")),
        rs.getString("comment"),
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }
}
