package io.elavira.store.internal;

import io.elavira.llm.Role;
import io.elavira.store.ConversationSummary;
import io.elavira.store.MemoryEntry;
import io.elavira.store.MemoryStore;
import io.elavira.store.StoredMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Not API. {@link MemoryStore} over {@code memory_entries} and {@code conversation_summaries}.
 * Every query joins {@code conversations} on the agent and the user it was given, so the scope is
 * part of the SQL. Stateless over its {@link Database}: thread-safe as the database is.
 */
public final class SqlMemoryStore implements MemoryStore {
  private static final String MESSAGE_COLUMNS =
      "m.id, m.conversation_id, m.role, m.content, m.provider, m.model, m.input_tokens,"
          + " m.output_tokens, m.latency_ms, m.trace_id, m.created_at, m.attempts, m.route,"
          + " m.consensus";

  /** The join that limits a query to the user's conversations with the agent. */
  private static final String OWN_CONVERSATION =
      " JOIN conversations c ON c.id = %s AND c.agent_id = :agent AND c.user_id = :user";

  /** The pairs of the user with the agent, with their texts; callers add conditions. */
  private static final String ENTRIES =
      "SELECT e.id, e.conversation_id, e.question_message_id, e.answer_message_id,"
          + " q.content AS question, a.content AS answer, e.content_hash, e.created_at"
          + " FROM memory_entries e"
          + OWN_CONVERSATION.formatted("e.conversation_id")
          + " JOIN messages q ON q.id = e.question_message_id AND q.conversation_id = c.id"
          + " JOIN messages a ON a.id = e.answer_message_id AND a.conversation_id = c.id"
          + " WHERE e.agent_id = :agent AND e.user_id = :user";

  private final Database db;

  /** Uses {@code db}; does not own it. */
  public SqlMemoryStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public List<MemoryEntry> pendingExchanges(String agentId, String userId, int max) {
    requireScope(agentId, userId);
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1, was " + max);
    }
    List<StoredMessage> messages =
        db.read(
            "reading the messages of " + userId + " not yet in long-term memory",
            h ->
                h.createQuery(
                        "SELECT "
                            + MESSAGE_COLUMNS
                            + " FROM messages m"
                            + OWN_CONVERSATION.formatted("m.conversation_id")
                            + " WHERE m.role IN ('USER', 'ASSISTANT') AND m.id > COALESCE("
                            + "(SELECT MAX(e.answer_message_id) FROM memory_entries e"
                            + " WHERE e.agent_id = :agent AND e.user_id = :user), 0)"
                            + " ORDER BY m.id LIMIT :n")
                    .bind("agent", agentId)
                    .bind("user", userId)
                    .bind("n", 2 * max + 1)
                    .map(SqlConversationStore::message)
                    .list());
    Map<String, StoredMessage> openQuestion = new HashMap<>();
    List<MemoryEntry> pairs = new ArrayList<>();
    for (StoredMessage m : messages) {
      if (m.role() == Role.USER) {
        openQuestion.put(m.conversationId(), m);
      } else {
        StoredMessage q = openQuestion.remove(m.conversationId());
        if (q != null && pairs.size() < max) {
          pairs.add(
              new MemoryEntry(
                  0,
                  m.conversationId(),
                  q.id(),
                  m.id(),
                  q.content(),
                  m.content(),
                  ContentHash.of(MemoryEntry.text(q.content(), m.content())),
                  m.createdAt()));
        }
      }
    }
    return List.copyOf(pairs);
  }

  @Override
  public int addEntries(String agentId, String userId, List<MemoryEntry> entries) {
    requireScope(agentId, userId);
    List<MemoryEntry> copy = List.copyOf(entries);
    if (copy.isEmpty()) {
      db.checkOpen();
      return 0;
    }
    return db.write(
        "adding " + copy.size() + " exchanges of " + userId + " to long-term memory",
        h -> {
          int added = 0;
          for (MemoryEntry e : copy) {
            added +=
                h.createUpdate(
                        "INSERT INTO memory_entries (agent_id, user_id, conversation_id,"
                            + " question_message_id, answer_message_id, content_hash, created_at)"
                            + " SELECT c.agent_id, c.user_id, c.id, q.id, a.id, :hash, :created"
                            + " FROM conversations c"
                            + " JOIN messages q ON q.conversation_id = c.id AND q.id = :question"
                            + " JOIN messages a ON a.conversation_id = c.id AND a.id = :answer"
                            + " WHERE c.id = :conversation AND c.agent_id = :agent"
                            + " AND c.user_id = :user"
                            + " ON CONFLICT (answer_message_id) DO NOTHING")
                    .bind("hash", e.contentHash())
                    .bind("created", e.createdAt().toEpochMilli())
                    .bind("question", e.questionMessageId())
                    .bind("answer", e.answerMessageId())
                    .bind("conversation", e.conversationId())
                    .bind("agent", agentId)
                    .bind("user", userId)
                    .execute();
          }
          return added;
        });
  }

  @Override
  public List<MemoryEntry> entries(String agentId, String userId, String exceptConversationId) {
    requireScope(agentId, userId);
    Objects.requireNonNull(exceptConversationId, "exceptConversationId");
    return db.read(
        "reading the long-term memory of " + userId,
        h ->
            h.createQuery(
                    ENTRIES + " AND e.conversation_id <> :except ORDER BY e.answer_message_id")
                .bind("agent", agentId)
                .bind("user", userId)
                .bind("except", exceptConversationId)
                .map(SqlMemoryStore::entry)
                .list());
  }

  @Override
  public List<MemoryEntry> entries(String agentId, String userId, Collection<Long> entryIds) {
    requireScope(agentId, userId);
    List<Long> ids = List.copyOf(entryIds);
    if (ids.isEmpty()) {
      db.checkOpen();
      return List.of();
    }
    return db.read(
        "reading the long-term memory of " + userId,
        h ->
            h.createQuery(ENTRIES + " AND e.id IN (<ids>) ORDER BY e.answer_message_id")
                .bind("agent", agentId)
                .bind("user", userId)
                .bindList("ids", ids)
                .map(SqlMemoryStore::entry)
                .list());
  }

  @Override
  public Map<Long, String> entryHashes(String agentId, String userId, String exceptConversationId) {
    requireScope(agentId, userId);
    Objects.requireNonNull(exceptConversationId, "exceptConversationId");
    Map<Long, String> hashes = new LinkedHashMap<>();
    db.read(
        "reading the long-term memory of " + userId,
        h -> {
          h.createQuery(
                  "SELECT e.id, e.content_hash FROM memory_entries e"
                      + OWN_CONVERSATION.formatted("e.conversation_id")
                      + " WHERE e.agent_id = :agent AND e.user_id = :user"
                      + " AND e.conversation_id <> :except ORDER BY e.id")
              .bind("agent", agentId)
              .bind("user", userId)
              .bind("except", exceptConversationId)
              .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
              .forEach(e -> hashes.put(e.getKey(), e.getValue()));
          return null;
        });
    return hashes;
  }

  private static MemoryEntry entry(ResultSet rs, StatementContext ctx) throws SQLException {
    return new MemoryEntry(
        rs.getLong("id"),
        rs.getString("conversation_id"),
        rs.getLong("question_message_id"),
        rs.getLong("answer_message_id"),
        rs.getString("question"),
        rs.getString("answer"),
        rs.getString("content_hash"),
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }

  @Override
  public Optional<ConversationSummary> summary(
      String agentId, String userId, String conversationId) {
    requireScope(agentId, userId);
    Objects.requireNonNull(conversationId, "conversationId");
    return db.read(
        "reading the summary of conversation " + conversationId,
        h ->
            h.createQuery(
                    "SELECT s.conversation_id, s.summary, s.through_message_id, s.message_count,"
                        + " s.method, s.updated_at FROM conversation_summaries s"
                        + OWN_CONVERSATION.formatted("s.conversation_id")
                        + " WHERE s.conversation_id = :conversation")
                .bind("agent", agentId)
                .bind("user", userId)
                .bind("conversation", conversationId)
                .map(
                    (rs, ctx) ->
                        new ConversationSummary(
                            rs.getString("conversation_id"),
                            rs.getString("summary"),
                            rs.getLong("through_message_id"),
                            rs.getInt("message_count"),
                            "MODEL".equals(rs.getString("method")),
                            Instant.ofEpochMilli(rs.getLong("updated_at"))))
                .findOne());
  }

  @Override
  public void saveSummary(String agentId, String userId, ConversationSummary summary) {
    requireScope(agentId, userId);
    Objects.requireNonNull(summary, "summary");
    db.write(
        "saving the summary of conversation " + summary.conversationId(),
        h -> {
          if (!owns(h, agentId, userId, summary.conversationId())) {
            throw new IllegalArgumentException(
                "Conversation "
                    + summary.conversationId()
                    + " is not a conversation of user "
                    + userId
                    + " with agent "
                    + agentId);
          }
          h.createUpdate(
                  "INSERT INTO conversation_summaries (conversation_id, agent_id, user_id, summary,"
                      + " through_message_id, message_count, method, updated_at) VALUES"
                      + " (:conversation, :agent, :user, :summary, :through, :count, :method, :at)"
                      + " ON CONFLICT (conversation_id) DO UPDATE SET summary = excluded.summary,"
                      + " through_message_id = excluded.through_message_id,"
                      + " message_count = excluded.message_count, method = excluded.method,"
                      + " updated_at = excluded.updated_at")
              .bind("conversation", summary.conversationId())
              .bind("agent", agentId)
              .bind("user", userId)
              .bind("summary", summary.text())
              .bind("through", summary.throughMessageId())
              .bind("count", summary.messageCount())
              .bind("method", summary.byModel() ? "MODEL" : "EXTRACTIVE")
              .bind("at", summary.updatedAt().toEpochMilli())
              .execute();
          return null;
        });
  }

  @Override
  public List<StoredMessage> messagesBetween(
      String agentId, String userId, String conversationId, long afterId, long beforeId, int max) {
    requireScope(agentId, userId);
    Objects.requireNonNull(conversationId, "conversationId");
    if (max < 0) {
      throw new IllegalArgumentException("max must be >= 0, was " + max);
    }
    return db.read(
        "reading conversation " + conversationId,
        h ->
            h.createQuery(
                    "SELECT "
                        + MESSAGE_COLUMNS
                        + " FROM messages m"
                        + OWN_CONVERSATION.formatted("m.conversation_id")
                        + " WHERE m.conversation_id = :conversation AND m.id > :after"
                        + " AND m.id < :before ORDER BY m.id LIMIT :n")
                .bind("agent", agentId)
                .bind("user", userId)
                .bind("conversation", conversationId)
                .bind("after", afterId)
                .bind("before", beforeId)
                .bind("n", max)
                .map(SqlConversationStore::message)
                .list());
  }

  @Override
  public int countMessagesBetween(
      String agentId, String userId, String conversationId, long afterId, long beforeId) {
    requireScope(agentId, userId);
    Objects.requireNonNull(conversationId, "conversationId");
    return db.read(
        "counting the messages of conversation " + conversationId,
        h ->
            h.createQuery(
                    "SELECT COUNT(*) FROM messages m"
                        + OWN_CONVERSATION.formatted("m.conversation_id")
                        + " WHERE m.conversation_id = :conversation AND m.id > :after"
                        + " AND m.id < :before")
                .bind("agent", agentId)
                .bind("user", userId)
                .bind("conversation", conversationId)
                .bind("after", afterId)
                .bind("before", beforeId)
                .mapTo(Integer.class)
                .one());
  }

  private static boolean owns(Handle h, String agentId, String userId, String conversationId) {
    return h.createQuery(
            "SELECT 1 FROM conversations WHERE id = :id AND agent_id = :agent AND user_id = :user")
        .bind("id", conversationId)
        .bind("agent", agentId)
        .bind("user", userId)
        .mapTo(Integer.class)
        .findOne()
        .isPresent();
  }

  private static void requireScope(String agentId, String userId) {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(userId, "userId");
  }
}
