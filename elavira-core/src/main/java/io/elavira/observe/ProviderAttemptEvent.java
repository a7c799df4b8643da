package io.elavira.observe;

import io.elavira.llm.Attempt;
import java.util.Objects;

/**
 * One provider tried for a request, with its outcome and time ({@link Attempt#elapsed()}). Sent
 * once the provider (or the fallback chain or consensus around it) returned, in the order of {@link
 * io.elavira.Answer#attempts()}.
 *
 * @param traceId the request's trace id
 * @param agentId the agent
 * @param index 0-based position among the request's attempts
 * @param attempt who was tried and what happened
 */
public record ProviderAttemptEvent(String traceId, String agentId, int index, Attempt attempt) {
  /** Validates. */
  public ProviderAttemptEvent {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(attempt, "attempt");
  }
}
