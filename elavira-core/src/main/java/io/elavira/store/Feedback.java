package io.elavira.store;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A user's feedback on one answer, stored with the answer's message.
 *
 * @param id row id
 * @param traceId the trace id of the answer rated ({@link io.elavira.Answer#traceId()})
 * @param messageId the id of the answer's message
 * @param agentId the agent that answered
 * @param conversationId the conversation of the answer
 * @param userId who rated, or null when not known
 * @param rating the rating, with its scale
 * @param comment the user's comment, or null
 * @param createdAt when it was given
 */
public record Feedback(
    long id,
    String traceId,
    long messageId,
    String agentId,
    String conversationId,
    @Nullable String userId,
    Rating rating,
    @Nullable String comment,
    Instant createdAt) {
  /** Validates. */
  public Feedback {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(rating, "rating");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  @Override
  public String toString() {
    // The comment is the user's own text: never in logs.
    return "Feedback[trace=" + traceId + ", " + rating.scale() + " " + rating.value() + "]";
  }
}
