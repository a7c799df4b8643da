package io.elavira.agent;

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
 */
public record ConsensusSpec(
    String strategy, List<ProviderSpec> workers, @Nullable ProviderSpec merger) {

  /**
   * Copies the workers.
   *
   * @throws IllegalArgumentException when the strategy is blank or there is no worker
   */
  public ConsensusSpec(String strategy, List<ProviderSpec> workers, @Nullable ProviderSpec merger) {
    Objects.requireNonNull(strategy, "strategy");
    if (strategy.isBlank()) {
      throw new IllegalArgumentException("consensus.strategy must not be blank");
    }
    if (workers.isEmpty()) {
      throw new IllegalArgumentException("consensus.workers must name at least one provider");
    }
    this.strategy = strategy.trim();
    this.workers = List.copyOf(workers);
    this.merger = merger;
  }

  /** Whether a worker or the merger is remote. */
  public boolean anyRemote() {
    return workers.stream().anyMatch(ProviderSpec::remote) || (merger != null && merger.remote());
  }
}
