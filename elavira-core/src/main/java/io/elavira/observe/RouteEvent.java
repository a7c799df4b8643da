package io.elavira.observe;

import java.time.Duration;
import java.util.Objects;

/**
 * The route chosen for a request.
 *
 * @param traceId the request's trace id ({@link io.elavira.Answer#traceId()})
 * @param agentId the agent that answers
 * @param route what was chosen, e.g. {@code "local+retrieval"}
 * @param reason why, in a sentence safe to log (no question text)
 * @param elapsed time spent choosing
 */
public record RouteEvent(
    String traceId, String agentId, String route, String reason, Duration elapsed) {
  /** Validates. */
  public RouteEvent {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(elapsed, "elapsed");
  }
}
