package io.elavira.observe;

import io.elavira.llm.Attempt;
import io.elavira.llm.ConsensusOutcome;
import io.elavira.llm.WorkerAnswer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Several models answered a request together. Sent after the request's provider attempts, with
 * every worker's outcome (its answer, time and failure) and the merger's attempt.
 *
 * <p>The workers' texts may quote private documents: {@link #toString()} never prints them, and a
 * listener should keep them only where the request's trace is kept.
 *
 * @param traceId the request's trace id
 * @param agentId the agent
 * @param strategy the strategy, e.g. {@code "merger"} or {@code "majority"}
 * @param workers workers asked
 * @param failedWorkers workers that failed or timed out
 * @param elapsed wall time of the whole consensus, merger included
 * @param workerAnswers every worker's outcome in the configured order, with its {@link
 *     WorkerAnswer#latency()}; empty when the sender did not know them
 * @param merger the merger's (or scorer's) attempt with its time, when one was asked; null when the
 *     answer was voted or a single worker answered
 */
public record ConsensusEvent(
    String traceId,
    String agentId,
    String strategy,
    int workers,
    int failedWorkers,
    Duration elapsed,
    List<WorkerAnswer> workerAnswers,
    @Nullable Attempt merger) {

  /**
   * Validates and copies. (Written out rather than compact: on JDK 17 the nullness of components
   * does not reach an implicit constructor parameter.)
   */
  public ConsensusEvent(
      String traceId,
      String agentId,
      String strategy,
      int workers,
      int failedWorkers,
      Duration elapsed,
      List<WorkerAnswer> workerAnswers,
      @Nullable Attempt merger) {
    this.traceId = Objects.requireNonNull(traceId, "traceId");
    this.agentId = Objects.requireNonNull(agentId, "agentId");
    this.strategy = Objects.requireNonNull(strategy, "strategy");
    this.workers = workers;
    this.failedWorkers = failedWorkers;
    this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
    this.workerAnswers = List.copyOf(workerAnswers);
    this.merger = merger;
  }

  /** An event without the workers' outcomes or the merger (the original six fields). */
  public ConsensusEvent(
      String traceId,
      String agentId,
      String strategy,
      int workers,
      int failedWorkers,
      Duration elapsed) {
    this(traceId, agentId, strategy, workers, failedWorkers, elapsed, List.of(), null);
  }

  /**
   * The event of a consensus' {@code outcome} in request {@code traceId} of agent {@code agentId}.
   */
  public static ConsensusEvent of(String traceId, String agentId, ConsensusOutcome outcome) {
    return new ConsensusEvent(
        traceId,
        agentId,
        outcome.strategy(),
        outcome.workers().size(),
        outcome.failedWorkers(),
        outcome.elapsed(),
        outcome.workers(),
        outcome.merger());
  }

  /** Does not print the workers' texts: they may quote private documents. */
  @Override
  public String toString() {
    return "ConsensusEvent[trace="
        + traceId
        + ", agent="
        + agentId
        + ", strategy="
        + strategy
        + ", workers="
        + workers
        + ", failed="
        + failedWorkers
        + ", elapsedMs="
        + elapsed.toMillis()
        + (merger == null ? "" : ", merger=" + merger)
        + "]";
  }
}
