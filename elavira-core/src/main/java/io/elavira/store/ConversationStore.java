package io.elavira.store;

import java.util.List;
import java.util.Optional;

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
   * Checks, without writing, that {@code conversationId} is new or belongs to this agent and user.
   *
   * @throws IllegalArgumentException when the conversation exists for another agent or user
   */
  void checkConversation(String agentId, String userId, String conversationId);

  /**
   * Stores one exchange in ONE transaction: the user, agent and conversation rows when absent, the
   * messages in order, the conversation's activity time and the audit entry. Either all of it is
   * stored or none.
   *
   * @param auditAction the audit entry's action, e.g. "ask"
   * @param auditDetails the audit entry's details, never secrets or message text
   * @return the stored messages with their ids
   * @throws IllegalArgumentException when the conversation exists for another agent or user, or a
   *     message belongs to another conversation
   */
  List<StoredMessage> recordExchange(
      String agentId,
      String userId,
      String conversationId,
      List<StoredMessage> messages,
      String auditAction,
      String auditDetails);

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

  /**
   * The last {@code maxMessages} messages of the conversation when it is {@code userId}'s with
   * {@code agentId}, oldest first; empty when the conversation is unknown or belongs to another
   * agent or user. The scope is part of the query.
   *
   * @throws IllegalArgumentException when {@code maxMessages} is negative
   */
  List<StoredMessage> recent(String agentId, String userId, String conversationId, int maxMessages);

  /**
   * How many messages the conversation holds when it belongs to {@code agentId}; 0 when it is
   * unknown or belongs to another agent. One indexed count, nothing loaded.
   */
  long messageCount(String agentId, String conversationId);

  /** The ids of the user's conversations with the agent, most recently active first. */
  List<String> conversationIds(String agentId, String userId);

  /**
   * Deletes one of the user's conversations with the agent, with its messages and their feedback,
   * and records the deletion in the audit log; nothing happens to a conversation of another agent
   * or user.
   *
   * @return true when deleted; false when the agent and user have no such conversation
   */
  boolean delete(String agentId, String userId, String conversationId);

  /** The conversation holding the message with this trace id, if any. */
  Optional<String> conversationOfTrace(String traceId);

  /**
   * The stored trace of the answer with this trace id, of any user: for an operator. {@link
   * #answer(String, String)} is the form that acts for one user.
   *
   * @return the answer with its agent, attempts, route and consensus; empty when no answer has this
   *     trace id
   * @throws io.elavira.ElaviraException when the database fails or the stored trace is unreadable
   */
  Optional<AnswerTrace> answer(String traceId);

  /**
   * As {@link #answer(String)}, only when the answer is in one of {@code userId}'s conversations
   * (the scope is part of the query): another user's answer is as absent as an unknown one.
   *
   * @throws io.elavira.ElaviraException when the database fails or the stored trace is unreadable
   */
  Optional<AnswerTrace> answer(String userId, String traceId);
}
