package io.elavira.internal;

import io.elavira.store.ConversationStore;
import io.elavira.store.StoredMessage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The reads of one agent's conversations that {@link io.elavira.ElaviraAgent} offers: the recent
 * messages of a conversation (of any user, for an operator, or of one user) and the conversation a
 * user last used. The agent, and the user when given, are part of every query, so another agent's
 * or user's conversation reads as unknown.
 *
 * <p>Stateless over the thread-safe store, hence thread-safe. The agent checks the arguments and
 * whether it is open before calling. Not API.
 */
public final class ConversationHistory {
  private final String agentId;
  private final ConversationStore conversations;

  ConversationHistory(String agentId, ConversationStore conversations) {
    this.agentId = Objects.requireNonNull(agentId, "agentId");
    this.conversations = Objects.requireNonNull(conversations, "conversations");
  }

  /**
   * The last {@code maxMessages} messages of the agent's conversation, oldest first; empty when it
   * is unknown or another agent's.
   */
  public List<StoredMessage> recent(String conversationId, int maxMessages) {
    return conversations.recent(agentId, conversationId, maxMessages);
  }

  /**
   * The last {@code maxMessages} messages of {@code userId}'s conversation with the agent, oldest
   * first; empty when it is unknown or another user's or agent's.
   */
  public List<StoredMessage> recent(String userId, String conversationId, int maxMessages) {
    return conversations.recent(agentId, userId, conversationId, maxMessages);
  }

  /** The most recently active of {@code userId}'s conversations with the agent, if any. */
  public Optional<String> lastConversationId(String userId) {
    return conversations.conversationIds(agentId, userId).stream().findFirst();
  }
}
