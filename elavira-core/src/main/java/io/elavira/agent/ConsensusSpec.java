package io.elavira.agent;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Several models answering together: the workers run in parallel and the strategy ({@code
 * "merger"}, {@code "majority"}, {@code "weighted"}, {@code "best_of"}, see elavira-llm's {@code
 * ConsensusProvider}) makes one answer of theirs.
 *
 * @param strategy the strategy's name
 * @param workers the workers, at least one
 * @param merger the model writing the final answer ({@code merger}) or scoring the workers' ({@code
 *     best_of}), or null for the strategies that need none
 * @param workerTimeout how long a worker may take before it is left out, or null for the host's
 *     default (elavira-llm's {@code ConsensusProvider.DEFAULT_WORKER_TIMEOUT})
 */
public record ConsensusSpec(
    String strategy,
    List<ProviderSpec> workers,
    @Nullable ProviderSpec merger,
    @Nullable Duration workerTimeout) {

  /**
   * Copies the workers.
   *
   * @throws IllegalArgumentException when the strategy is blank, there is no worker, or the worker
   *     timeout is not positive
   */
  public ConsensusSpec(
      String strategy,
      List<ProviderSpec> workers,
      @Nullable ProviderSpec merger,
      @Nullable Duration workerTimeout) {
    Objects.requireNonNull(strategy, "strategy");
    if (strategy.isBlank()) {
      throw new IllegalArgumentException("consensus.strategy must not be blank");
    }
    if (workers.isEmpty()) {
      throw new IllegalArgumentException("consensus.workers must name at least one provider");
    }
    if (workerTimeout != null && (workerTimeout.isNegative() || workerTimeout.isZero())) {
      throw new IllegalArgumentException(
          "consensus.workerTimeoutSeconds must be positive, got " + workerTimeout.toSeconds());
    }
    this.strategy = strategy.trim();
    this.workers = List.copyOf(workers);
    this.merger = merger;
    this.workerTimeout = workerTimeout;
  }

  /**
   * A consensus with the host's default worker timeout.
   *
   * @throws IllegalArgumentException when the strategy is blank or there is no worker
   */
  public ConsensusSpec(String strategy, List<ProviderSpec> workers, @Nullable ProviderSpec merger) {
    this(strategy, workers, merger, null);
  }

  /** Whether a worker or the merger is remote. */
  public boolean anyRemote() {
    return workers.stream().anyMatch(ProviderSpec::remote) || (merger != null && merger.remote());
  }
}
