package io.elavira.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One question-and-answer pair of a conversation in long-term memory.
 *
 * @param id row id, or 0 for a pair not yet stored
 * @param conversationId the conversation it took place in
 * @param questionMessageId the user's message
 * @param answerMessageId the assistant's reply
 * @param question the question's text
 * @param answer the reply's text
 * @param contentHash hash of {@link #text()}, the key of its embedding in the embedding cache
 * @param createdAt when the reply was written
 */
public record MemoryEntry(
    long id,
    String conversationId,
    long questionMessageId,
    long answerMessageId,
    String question,
    String answer,
    String contentHash,
    Instant createdAt) {
  /** Validates. */
  public MemoryEntry {
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** The text that is embedded and cited: the question, then the answer. */
  public String text() {
    return text(question, answer);
  }

  /** The embedded text of a pair: {@code "Question: …\nAnswer: …"}. */
  public static String text(String question, String answer) {
    return "Question: " + question + "\nAnswer: " + answer;
  }

  /** Does not print the texts: they are private. */
  @Override
  public String toString() {
    return "MemoryEntry[id="
        + id
        + ", conversation="
        + conversationId
        + ", answer="
        + answerMessageId
        + "]";
  }
}
