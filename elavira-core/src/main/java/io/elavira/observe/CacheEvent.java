package io.elavira.observe;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The response cache's part in a request.
 *
 * @param traceId the request's trace id
 * @param agentId the agent
 * @param outcome hit, miss or skipped
 * @param userScoped whether the entry is the user's own (the prompt held private context: the
 *     user's documents or conversation history) rather than shared by the agent's users
 * @param provider on a hit, the provider that wrote the cached answer; null otherwise
 * @param model on a hit, the model that wrote it; null otherwise
 * @param elapsed time of the lookup (key, memory, then database)
 */
public record CacheEvent(
    String traceId,
    String agentId,
    Outcome outcome,
    boolean userScoped,
    @Nullable String provider,
    @Nullable String model,
    Duration elapsed) {

  /** What the cache did for a request. */
  public enum Outcome {
    /** The answer came from the cache; no provider was called. */
    HIT,
    /** Nothing cached for this prompt: the provider was called and its answer cached. */
    MISS,
    /**
     * Not consulted: the settings are sampled (temperature above 0 or the provider's unknown
     * default) and the cache policy does not cache those.
     */
    SKIPPED_SAMPLED
  }

  /**
   * Validates. (Written out: on JDK 17 the nullness of a record component does not reach an
   * implicit constructor parameter.)
   */
  public CacheEvent(
      String traceId,
      String agentId,
      Outcome outcome,
      boolean userScoped,
      @Nullable String provider,
      @Nullable String model,
      Duration elapsed) {
    this.traceId = Objects.requireNonNull(traceId, "traceId");
    this.agentId = Objects.requireNonNull(agentId, "agentId");
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    this.userScoped = userScoped;
    this.provider = provider;
    this.model = model;
    this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
  }
}
