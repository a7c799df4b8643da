package io.elavira.store.internal;

import io.elavira.llm.Role;
import io.elavira.store.AnswerTrace;
import io.elavira.store.ConversationStore;
import io.elavira.store.StoredMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * Not API. {@link ConversationStore} over the {@code conversations} and {@code messages} tables.
 * Stateless over its {@link Database}: thread-safe as the database is, and calls after the database
 * is closed throw {@link IllegalStateException}.
 */
public final class SqlConversationStore implements ConversationStore {
  private final Database db;

  /** Uses {@code db}; does not own it. */
  public SqlConversationStore(Database db) {
    this.db = db;
  }

  @Override
  public void ensureConversation(String agentId, String userId, String conversationId) {
    requireIds(agentId, userId, conversationId);
    db.write(
        "creating conversation " + conversationId,
        h -> {
          ensure(h, agentId, userId, conversationId, db.clock().millis());
          return null;
        });
  }

  @Override
  public void checkConversation(String agentId, String userId, String conversationId) {
    requireIds(agentId, userId, conversationId);
    db.read(
        "reading conversation " + conversationId,
        h -> {
          checkOwner(h, agentId, userId, conversationId);
          return null;
        });
  }

  @Override
  public List<StoredMessage> recordExchange(
      String agentId,
      String userId,
      String conversationId,
      List<StoredMessage> messages,
      String auditAction,
      String auditDetails) {
    requireIds(agentId, userId, conversationId);
    Objects.requireNonNull(auditAction, "auditAction");
    List<StoredMessage> copy = List.copyOf(messages);
    for (StoredMessage m : copy) {
      if (!m.conversationId().equals(conversationId)) {
        throw new IllegalArgumentException(
            "A message of conversation "
                + m.conversationId()
                + " cannot be recorded in conversation "
                + conversationId);
      }
    }
    return db.write(
        "recording an exchange in conversation " + conversationId,
        h -> {
          long now = db.clock().millis();
          ensure(h, agentId, userId, conversationId, now);
          List<StoredMessage> stored = insert(h, copy);
          touch(h, Set.of(conversationId), now);
          SqlAuditLog.insert(h, now, auditAction, userId, agentId, auditDetails);
          return stored;
        });
  }

  @Override
  public List<StoredMessage> append(List<StoredMessage> messages) {
    List<StoredMessage> copy = List.copyOf(messages);
    if (copy.isEmpty()) {
      db.checkOpen();
      return List.of();
    }
    Set<String> conversations = new LinkedHashSet<>();
    copy.forEach(m -> conversations.add(m.conversationId()));
    return db.write(
        "appending " + copy.size() + " messages to " + conversations,
        h -> {
          for (String id : conversations) {
            boolean exists =
                h.createQuery("SELECT 1 FROM conversations WHERE id = :id")
                    .bind("id", id)
                    .mapTo(Integer.class)
                    .findOne()
                    .isPresent();
            if (!exists) {
              throw new IllegalArgumentException(
                  "Conversation "
                      + id
                      + " does not exist; call ensureConversation(agentId, userId, conversationId) first.");
            }
          }
          List<StoredMessage> stored = insert(h, copy);
          touch(h, conversations, db.clock().millis());
          return stored;
        });
  }

  /** Creates the rows when absent; refuses a conversation of another agent or user. */
  private static void ensure(
      Handle h, String agentId, String userId, String conversationId, long now) {
    if (checkOwner(h, agentId, userId, conversationId)) {
      return;
    }
    Rows.ensureAgent(h, agentId, now);
    Rows.ensureUser(h, userId, now);
    h.createUpdate(
            "INSERT INTO conversations (id, agent_id, user_id, created_at, updated_at) "
                + "VALUES (:id, :agent, :user, :now, :now)")
        .bind("id", conversationId)
        .bind("agent", agentId)
        .bind("user", userId)
        .bind("now", now)
        .execute();
  }

  /**
   * @return whether the conversation exists (for this agent and user)
   * @throws IllegalArgumentException when it exists for another agent or user
   */
  private static boolean checkOwner(
      Handle h, String agentId, String userId, String conversationId) {
    Optional<String[]> owner =
        h.createQuery("SELECT agent_id, user_id FROM conversations WHERE id = :id")
            .bind("id", conversationId)
            .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
            .findOne();
    if (owner.isEmpty()) {
      return false;
    }
    if (!owner.get()[0].equals(agentId) || !owner.get()[1].equals(userId)) {
      throw new IllegalArgumentException(
          "Conversation "
              + conversationId
              + " belongs to another agent or user than agent "
              + agentId
              + " and user "
              + userId
              + "; use another conversation id.");
    }
    return true;
  }

  private static List<StoredMessage> insert(Handle h, List<StoredMessage> messages) {
    List<StoredMessage> stored = new ArrayList<>(messages.size());
    for (StoredMessage m : messages) {
      long id =
          h.createQuery(
                  "INSERT INTO messages (conversation_id, role, content, provider, "
                      + "model, input_tokens, output_tokens, latency_ms, trace_id, created_at, "
                      + "attempts, route, consensus) VALUES (:conversation, :role, :content, "
                      + ":provider, :model, :input, :output, :latency, :trace, :created, "
                      + ":attempts, :route, :consensus) RETURNING id")
              .bind("conversation", m.conversationId())
              .bind("role", m.role().name())
              .bind("content", m.content())
              .bind("provider", m.provider())
              .bind("model", m.model())
              .bind("input", m.inputTokens())
              .bind("output", m.outputTokens())
              .bind("latency", m.latencyMs())
              .bind("trace", m.traceId())
              .bind("created", m.createdAt().toEpochMilli())
              .bind("attempts", AttemptsJson.write(m.attempts()))
              .bind("route", RouteJson.write(m.route()))
              .bind("consensus", ConsensusJson.write(m.consensus()))
              .mapTo(Long.class)
              .one();
      stored.add(
          new StoredMessage(
              id,
              m.conversationId(),
              m.role(),
              m.content(),
              m.provider(),
              m.model(),
              m.inputTokens(),
              m.outputTokens(),
              m.latencyMs(),
              m.traceId(),
              m.createdAt(),
              m.attempts(),
              m.route(),
              m.consensus()));
    }
    return List.copyOf(stored);
  }

  private static void touch(Handle h, Set<String> conversations, long now) {
    for (String id : conversations) {
      h.createUpdate("UPDATE conversations SET updated_at = :now WHERE id = :id")
          .bind("now", now)
          .bind("id", id)
          .execute();
    }
  }

  @Override
  public List<StoredMessage> recent(String conversationId, int maxMessages) {
    return read(null, null, conversationId, maxMessages);
  }

  @Override
  public List<StoredMessage> recent(String agentId, String conversationId, int maxMessages) {
    return read(Objects.requireNonNull(agentId, "agentId"), null, conversationId, maxMessages);
  }

  @Override
  public List<StoredMessage> recent(
      String agentId, String userId, String conversationId, int maxMessages) {
    return read(
        Objects.requireNonNull(agentId, "agentId"),
        Objects.requireNonNull(userId, "userId"),
        conversationId,
        maxMessages);
  }

  private List<StoredMessage> read(
      @Nullable String agentId, @Nullable String userId, String conversationId, int maxMessages) {
    Objects.requireNonNull(conversationId, "conversationId");
    if (maxMessages < 0) {
      throw new IllegalArgumentException("maxMessages must be >= 0, was " + maxMessages);
    }
    if (maxMessages == 0) {
      db.checkOpen();
      return List.of();
    }
    String ofAgent =
        agentId == null
            ? ""
            : " AND EXISTS (SELECT 1 FROM conversations c "
                + "WHERE c.id = :id AND c.agent_id = :agent"
                + (userId == null ? "" : " AND c.user_id = :user")
                + ")";
    return db.read(
        "reading conversation " + conversationId,
        h -> {
          Query query =
              h.createQuery(
                      "SELECT * FROM (SELECT id, conversation_id, role, content, "
                          + "provider, model, input_tokens, output_tokens, latency_ms, trace_id, created_at, "
                          + "attempts, route, consensus "
                          + "FROM messages WHERE conversation_id = :id"
                          + ofAgent
                          + " ORDER BY id DESC LIMIT :n) recent ORDER BY id")
                  .bind("id", conversationId)
                  .bind("n", maxMessages);
          if (agentId != null) {
            query.bind("agent", agentId);
          }
          if (userId != null) {
            query.bind("user", userId);
          }
          return query.map(SqlConversationStore::message).list();
        });
  }

  @Override
  public long messageCount(String agentId, String conversationId) {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(conversationId, "conversationId");
    return db.read(
        "counting the messages of conversation " + conversationId,
        h ->
            h.createQuery(
                    "SELECT COUNT(*) FROM messages m JOIN conversations c ON c.id ="
                        + " m.conversation_id WHERE m.conversation_id = :id AND c.agent_id ="
                        + " :agent")
                .bind("id", conversationId)
                .bind("agent", agentId)
                .mapTo(Long.class)
                .one());
  }

  @Override
  public List<String> conversationIds(String agentId, String userId) {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(userId, "userId");
    return db.read(
        "listing conversations of " + userId,
        h ->
            h.createQuery(
                    "SELECT c.id FROM conversations c WHERE c.agent_id = :agent "
                        + "AND c.user_id = :user ORDER BY c.updated_at DESC, "
                        + "(SELECT MAX(m.id) FROM messages m WHERE m.conversation_id = c.id) DESC, "
                        + "c.created_at DESC, c.id")
                .bind("agent", agentId)
                .bind("user", userId)
                .mapTo(String.class)
                .list());
  }

  @Override
  public boolean delete(String agentId, String userId, String conversationId) {
    requireIds(agentId, userId, conversationId);
    return db.write(
        "deleting conversation " + conversationId,
        h -> {
          int deleted =
              h.createUpdate(
                      "DELETE FROM conversations WHERE id = :id AND agent_id = :agent"
                          + " AND user_id = :user")
                  .bind("id", conversationId)
                  .bind("agent", agentId)
                  .bind("user", userId)
                  .execute();
          if (deleted > 0) {
            SqlAuditLog.insert(
                h,
                db.clock().millis(),
                "conversation.delete",
                userId,
                agentId,
                "conversation=" + conversationId);
          }
          return deleted > 0;
        });
  }

  @Override
  public Optional<String> conversationOfTrace(String traceId) {
    Objects.requireNonNull(traceId, "traceId");
    return db.read(
        "finding the conversation of answer " + traceId,
        h ->
            h.createQuery(
                    "SELECT conversation_id FROM messages WHERE trace_id = :trace"
                        + " ORDER BY id DESC LIMIT 1")
                .bind("trace", traceId)
                .mapTo(String.class)
                .findOne());
  }

  @Override
  public Optional<AnswerTrace> answer(String traceId) {
    return trace(null, traceId);
  }

  @Override
  public Optional<AnswerTrace> answer(String userId, String traceId) {
    requireId(userId, "userId");
    return trace(userId, traceId);
  }

  /** The answer with this trace id, in {@code userId}'s conversations when a user is given. */
  private Optional<AnswerTrace> trace(@Nullable String userId, String traceId) {
    Objects.requireNonNull(traceId, "traceId");
    return db.read(
        "reading the trace of answer " + traceId,
        h -> {
          Query query =
              h.createQuery(
                      "SELECT c.agent_id, m.id, m.conversation_id, m.role, m.content, m.provider,"
                          + " m.model, m.input_tokens, m.output_tokens, m.latency_ms, m.trace_id,"
                          + " m.created_at, m.attempts, m.route, m.consensus FROM messages m"
                          + " JOIN conversations c ON c.id = m.conversation_id"
                          + (userId == null ? "" : " AND c.user_id = :user")
                          + " WHERE m.trace_id = :trace AND m.role = 'ASSISTANT'"
                          + " ORDER BY m.id DESC LIMIT 1")
                  .bind("trace", traceId);
          if (userId != null) {
            query.bind("user", userId);
          }
          return query
              .map((rs, ctx) -> new AnswerTrace(rs.getString("agent_id"), message(rs, ctx)))
              .findOne();
        });
  }

  static StoredMessage message(ResultSet rs, StatementContext ctx) throws SQLException {
    return new StoredMessage(
        rs.getLong("id"),
        rs.getString("conversation_id"),
        Role.valueOf(rs.getString("role")),
        rs.getString("content"),
        rs.getString("provider"),
        rs.getString("model"),
        rs.getInt("input_tokens"),
        rs.getInt("output_tokens"),
        rs.getLong("latency_ms"),
        rs.getString("trace_id"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        AttemptsJson.read(rs.getString("attempts"), rs.getLong("id")),
        RouteJson.read(rs.getString("route"), rs.getLong("id")),
        ConsensusJson.read(rs.getString("consensus"), rs.getLong("id")));
  }

  private static void requireIds(String agentId, String userId, String conversationId) {
    requireId(agentId, "agentId");
    requireId(userId, "userId");
    requireId(conversationId, "conversationId");
  }

  private static void requireId(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
