package io.elavira.observe;

import java.time.Duration;
import java.util.Objects;

/**
 * The agent's documents were searched (after catching up with changes made by other processes).
 *
 * @param traceId the request's trace id
 * @param agentId the agent
 * @param passages passages retrieved (before the prompt's budget drops any)
 * @param weakMatch whether none matches the question well ({@link io.elavira.Answer#weakMatch()})
 * @param elapsed time of the search, question embedding included
 */
public record RetrievalEvent(
    String traceId, String agentId, int passages, boolean weakMatch, Duration elapsed) {
  /** Validates. */
  public RetrievalEvent {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(elapsed, "elapsed");
  }
}
