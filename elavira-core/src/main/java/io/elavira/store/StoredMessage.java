package io.elavira.store;

import io.elavira.llm.Role;
import java.time.Instant;
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
    Instant createdAt) {
  /** Validates the required fields. */
  public StoredMessage {
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(createdAt, "createdAt");
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
