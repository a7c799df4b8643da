package io.elavira.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The stored summary of a conversation's older messages, those that no longer fit the short-term
 * window.
 *
 * @param conversationId the conversation
 * @param text the summary
 * @param throughMessageId the id of the last message it covers
 * @param messageCount how many messages it covers
 * @param byModel whether the agent's language model wrote it (false: extractive, the first
 *     sentences of each message)
 * @param updatedAt when it was written
 */
public record ConversationSummary(
    String conversationId,
    String text,
    long throughMessageId,
    int messageCount,
    boolean byModel,
    Instant updatedAt) {
  /** Validates. */
  public ConversationSummary {
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** Does not print the text: it is private. */
  @Override
  public String toString() {
    return "ConversationSummary[conversation="
        + conversationId
        + ", through="
        + throughMessageId
        + ", messages="
        + messageCount
        + ", byModel="
        + byModel
        + "]";
  }
}
