package io.elavira.store;

import io.elavira.llm.Attempt;
import io.elavira.llm.Role;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message row: one turn of a conversation and how it was produced.
 *
 * @param id row id, or 0 for a message not yet stored
 * @param conversationId the conversation
 * @param role who wrote it
 * @param content the text
 * @param provider provider that generated it ("extractive" for extractive answers), or null for
 *     user messages
 * @param model model that generated it, or null
 * @param inputTokens prompt tokens, 0 when not applicable
 * @param outputTokens generated tokens, 0 when not applicable
 * @param latencyMs time to produce it, 0 for user messages
 * @param traceId the request's trace id, or null
 * @param createdAt when it was written
 * @param attempts every provider tried for an assistant message, in order; empty otherwise
 */
public record StoredMessage(
    long id,
    String conversationId,
    Role role,
    String content,
    @Nullable String provider,
    @Nullable String model,
    int inputTokens,
    int outputTokens,
    long latencyMs,
    @Nullable String traceId,
    Instant createdAt,
    List<Attempt> attempts) {
  /** Validates the required fields and copies the attempts. */
  public StoredMessage {
    attempts = List.copyOf(attempts);
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A message with no provider attempts (a user message, or one stored before they were kept). */
  public StoredMessage(
      long id,
      String conversationId,
      Role role,
      String content,
      @Nullable String provider,
      @Nullable String model,
      int inputTokens,
      int outputTokens,
      long latencyMs,
      @Nullable String traceId,
      Instant createdAt) {
    this(
        id,
        conversationId,
        role,
        content,
        provider,
        model,
        inputTokens,
        outputTokens,
        latencyMs,
        traceId,
        createdAt,
        List.of());
  }

  @Override
  public String toString() {
    return "StoredMessage[id="
        + id
        + ", conversation="
        + conversationId
        + ", role="
        + role
        + ", chars="
        + content.length()
        + "]";
  }
}
