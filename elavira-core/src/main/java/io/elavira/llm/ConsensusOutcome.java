package io.elavira.llm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a multi-model consensus made one answer: the strategy, every worker's outcome (answer, time,
 * failure) in the configured order, the model that merged or picked (when one was asked), and the
 * wall time of the whole consensus. A consensus provider puts it on {@link
 * ChatResponse#consensus()}; the agent hands it to its listeners ({@code
 * io.elavira.observe.ConsensusEvent}) and keeps it on the answer.
 *
 * <p>Immutable and thread-safe. The workers' texts may quote private documents: {@link #toString()}
 * never prints them.
 *
 * @param strategy the strategy's configuration name, e.g. {@code "merger"} or {@code "majority"}
 * @param workers every worker's outcome, in the configured order
 * @param merger the merger's (or best-of scorer's) attempt when one was asked, answered or failed;
 *     null when the answer was voted or a single worker answered
 * @param elapsed wall time from the workers' start to the answer, merger included
 */
public record ConsensusOutcome(
    String strategy, List<WorkerAnswer> workers, @Nullable Attempt merger, Duration elapsed) {

  /**
   * Validates and copies. (Written out rather than compact: on JDK 17 the nullness of components
   * does not reach an implicit constructor parameter.)
   *
   * @throws IllegalArgumentException when there is no worker or the elapsed time is negative
   */
  public ConsensusOutcome(
      String strategy, List<WorkerAnswer> workers, @Nullable Attempt merger, Duration elapsed) {
    this.strategy = Objects.requireNonNull(strategy, "strategy");
    this.workers = List.copyOf(workers);
    this.merger = merger;
    this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
    if (this.workers.isEmpty()) {
      throw new IllegalArgumentException("a consensus has at least one worker");
    }
    if (elapsed.isNegative()) {
      throw new IllegalArgumentException("elapsed must not be negative, got " + elapsed);
    }
  }

  /** How many workers failed or timed out. */
  public int failedWorkers() {
    return (int) workers.stream().filter(w -> !w.answered()).count();
  }

  /** Does not print the workers' texts: they may quote private documents. */
  @Override
  public String toString() {
    return "ConsensusOutcome["
        + strategy
        + ", workers="
        + workers
        + (merger == null ? "" : ", merger=" + merger)
        + ", elapsedMs="
        + elapsed.toMillis()
        + "]";
  }
}
