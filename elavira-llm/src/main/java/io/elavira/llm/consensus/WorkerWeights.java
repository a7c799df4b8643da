package io.elavira.llm.consensus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The vote weight of each worker of a {@link ConsensusProvider}, read by the {@link
 * ConsensusStrategy#WEIGHTED} strategy at every request and adjustable while it runs (e.g. by user
 * feedback: {@code weights.adjust("ollama/llama3.2", +0.1)}).
 *
 * <p>Workers are named by their id, {@code provider/model} ({@link ConsensusProvider#workerIds()}).
 * A weight is finite and at least 0 (0: the worker still answers, but its vote counts nothing).
 * Thread-safe: each update is atomic and seen by the next request.
 */
public final class WorkerWeights {
  /** The weight of a worker whose weight was not given. */
  public static final double DEFAULT_WEIGHT = 1.0;

  private final List<String> ids;
  private final ConcurrentHashMap<String, Double> weights = new ConcurrentHashMap<>();

  WorkerWeights(Map<String, Double> initial) {
    this.ids = List.copyOf(initial.keySet());
    initial.forEach((id, w) -> weights.put(id, check(id, w)));
  }

  /** The worker ids, in the configured order. */
  public List<String> ids() {
    return ids;
  }

  /**
   * The current weight of a worker.
   *
   * @throws IllegalArgumentException when no worker has that id
   */
  public double get(String workerId) {
    Double w = weights.get(known(workerId));
    return w == null ? DEFAULT_WEIGHT : w;
  }

  /**
   * Replaces a worker's weight.
   *
   * @throws IllegalArgumentException when no worker has that id, or the weight is negative or not
   *     finite
   */
  public void set(String workerId, double weight) {
    weights.put(known(workerId), check(workerId, weight));
  }

  /**
   * Adds {@code delta} (which may be negative) to a worker's weight atomically, never going below
   * 0.
   *
   * @return the new weight
   * @throws IllegalArgumentException when no worker has that id, or delta is not finite
   */
  public double adjust(String workerId, double delta) {
    if (!Double.isFinite(delta)) {
      throw new IllegalArgumentException("weight delta must be finite, got " + delta);
    }
    Double updated =
        weights.compute(
            known(workerId), (id, w) -> Math.max(0, (w == null ? DEFAULT_WEIGHT : w) + delta));
    return Objects.requireNonNull(updated);
  }

  /** The current weights, by worker id in the configured order (a copy). */
  public Map<String, Double> snapshot() {
    Map<String, Double> copy = new LinkedHashMap<>();
    ids.forEach(id -> copy.put(id, get(id)));
    return copy;
  }

  private String known(String workerId) {
    Objects.requireNonNull(workerId, "workerId");
    if (!weights.containsKey(workerId)) {
      throw new IllegalArgumentException(
          "no consensus worker '" + workerId + "'; the workers are " + ids);
    }
    return workerId;
  }

  private static double check(String id, double weight) {
    if (!Double.isFinite(weight) || weight < 0) {
      throw new IllegalArgumentException(
          "the weight of worker " + id + " must be finite and >= 0, got " + weight);
    }
    return weight;
  }

  @Override
  public String toString() {
    return "WorkerWeights" + snapshot();
  }
}
