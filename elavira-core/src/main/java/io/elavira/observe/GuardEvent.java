package io.elavira.observe;

import java.time.Duration;
import java.util.Objects;

/**
 * A guard's decision on a request or a retrieved passage.
 *
 * @param traceId the request's trace id, or {@code ""} when the request was refused before it got
 *     one (a stream's question checked on the caller's thread)
 * @param agentId the agent
 * @param guard which guard decided, e.g. {@code "input"} or {@code "injection"}
 * @param action what it did
 * @param reason the guard's message, safe to log (it names the limit, never the text)
 * @param elapsed time the check took
 */
public record GuardEvent(
    String traceId, String agentId, String guard, Action action, String reason, Duration elapsed) {

  /** What a guard did. */
  public enum Action {
    /** The request was refused. */
    BLOCKED,
    /** The request went on, marked as suspicious. */
    FLAGGED
  }

  /** Validates. */
  public GuardEvent {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(elapsed, "elapsed");
  }
}
