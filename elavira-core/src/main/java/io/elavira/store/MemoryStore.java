package io.elavira.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Long-term memory in the system of record: the question-and-answer pairs of each user's
 * conversations with each agent, and the summaries of long conversations.
 *
 * <p><b>Isolation.</b> Every method takes the agent and the user, and every query is restricted to
 * the conversations of that user with that agent inside the SQL (joined on {@code conversations}),
 * never filtered afterwards: no call returns or writes another user's or another agent's memory.
 *
 * <p>Thread-safe. Each method is one transaction.
 */
public interface MemoryStore {

  /**
   * The question-and-answer pairs of the user's conversations with the agent that are not in
   * long-term memory yet, oldest first, with their content hash computed ({@code id} 0).
   *
   * @param max the most pairs returned, 1 or more
   * @throws IllegalArgumentException when {@code max} is below 1
   */
  List<MemoryEntry> pendingExchanges(String agentId, String userId, int max);

  /**
   * Adds pairs returned by {@link #pendingExchanges}. A pair whose conversation is not the user's
   * with the agent, or that is stored already, is ignored.
   *
   * @return how many were added
   */
  int addEntries(String agentId, String userId, List<MemoryEntry> entries);

  /**
   * The user's pairs with the agent, oldest first, except those of {@code exceptConversationId}
   * (the conversation being continued, which the short-term window and its summary cover).
   */
  List<MemoryEntry> entries(String agentId, String userId, String exceptConversationId);

  /**
   * The content hash of each pair {@link #entries} would return, by entry id (oldest first), read
   * in one query of fixed text without the pairs' texts: what recall needs to find their vectors in
   * the embedding cache, or in a copy of it kept in memory.
   */
  Map<Long, String> entryHashes(String agentId, String userId, String exceptConversationId);

  /** The user's pairs with the agent among these entry ids, oldest first; others are absent. */
  List<MemoryEntry> entries(String agentId, String userId, Collection<Long> entryIds);

  /** The stored summary of the conversation when it is the user's with the agent. */
  Optional<ConversationSummary> summary(String agentId, String userId, String conversationId);

  /**
   * Stores (or replaces) the summary of a conversation of the user with the agent.
   *
   * @throws IllegalArgumentException when the conversation is not the user's with the agent
   */
  void saveSummary(String agentId, String userId, ConversationSummary summary);

  /**
   * The messages of the conversation whose id is in ({@code afterId}, {@code beforeId}), oldest
   * first, at most {@code max}; empty when the conversation is not the user's with the agent.
   */
  List<StoredMessage> messagesBetween(
      String agentId, String userId, String conversationId, long afterId, long beforeId, int max);

  /** How many messages {@link #messagesBetween} would return without a limit. */
  int countMessagesBetween(
      String agentId, String userId, String conversationId, long afterId, long beforeId);
}
