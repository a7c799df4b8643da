package io.elavira.observe;

import java.time.Duration;
import java.util.Objects;

/**
 * Several models answered a request together.
 *
 * @param traceId the request's trace id
 * @param agentId the agent
 * @param strategy the strategy, e.g. {@code "merger"} or {@code "majority"}
 * @param workers workers asked
 * @param failedWorkers workers that failed or timed out
 * @param elapsed wall time of the whole consensus, merger included
 */
public record ConsensusEvent(
    String traceId,
    String agentId,
    String strategy,
    int workers,
    int failedWorkers,
    Duration elapsed) {
  /** Validates. */
  public ConsensusEvent {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(elapsed, "elapsed");
  }
}
