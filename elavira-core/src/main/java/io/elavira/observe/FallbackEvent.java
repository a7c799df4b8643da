package io.elavira.observe;

import io.elavira.llm.Attempt;
import java.util.Objects;

/**
 * A provider failed (or its circuit breaker was open) and the request went on to the next one.
 *
 * @param traceId the request's trace id
 * @param agentId the agent
 * @param from the attempt that failed or was skipped; its elapsed time is what the fallback cost
 * @param to the attempt that came next
 */
public record FallbackEvent(String traceId, String agentId, Attempt from, Attempt to) {
  /** Validates. */
  public FallbackEvent {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }
}
