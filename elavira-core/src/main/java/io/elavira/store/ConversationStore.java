package io.elavira.store;

import java.util.List;

/**
 * Conversations and their messages, persisted in the system of record.
 *
 * <p>Thread-safe. Writes are transactional: {@link #append} stores all its messages or none.
 */
public interface ConversationStore {

  /**
   * Creates the user, agent and conversation rows when absent.
   *
   * @throws IllegalArgumentException when the conversation exists for another agent or user
   */
  void ensureConversation(String agentId, String userId, String conversationId);

  /**
   * Stores the messages in one transaction, in order.
   *
   * @return the stored messages with their ids
   */
  List<StoredMessage> append(List<StoredMessage> messages);

  /** The last {@code maxMessages} messages of the conversation, oldest first. */
  List<StoredMessage> recent(String conversationId, int maxMessages);

  /**
   * The last {@code maxMessages} messages of the conversation when it belongs to {@code agentId},
   * oldest first; empty when the conversation is unknown or belongs to another agent.
   *
   * @throws IllegalArgumentException when {@code maxMessages} is negative
   */
  List<StoredMessage> recent(String agentId, String conversationId, int maxMessages);

  /** The ids of the user's conversations with the agent, most recently active first. */
  List<String> conversationIds(String agentId, String userId);
}
