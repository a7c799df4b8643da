package io.elavira.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How an agent (or every agent of a home) was used during a period, computed from the system of
 * record ({@link ElaviraStore#usage}): the answers stored in {@code messages} and the audit log.
 *
 * @param agentId the agent, or null for every agent of the home
 * @param from start of the period, inclusive
 * @param to end of the period, exclusive
 * @param requests answers given (each stored question answered, extractive ones included)
 * @param requestsPerMinute {@code requests} divided by the period's length in minutes (at least one
 *     minute)
 * @param latencyP50Ms median time to answer, in milliseconds; 0 when there was no request
 * @param latencyP95Ms 95th percentile, nearest rank
 * @param latencyP99Ms 99th percentile, nearest rank
 * @param byModel answers and tokens per provider and model, most requests first; extractive answers
 *     (no model) are counted under a null provider and model
 * @param extractiveAnswers answers quoting passages because no model answered
 * @param guardRejections what the guards blocked: audit entries {@code guard.block} (a refused
 *     question, a prompt over a limit, a withheld passage); flags ({@code guard.flag}) are not
 *     counted
 * @param activeConversations conversations with at least one answer during the period
 * @param cacheHits answers served from the response cache
 * @param cacheMisses answers the response cache was consulted for and did not hold (the model
 *     answered); requests whose settings skipped the cache, or of agents without one, count in
 *     neither
 * @param fallbacks answers given by a provider after another one failed or was skipped (their
 *     attempts show a failed or skipped provider before the answering one)
 */
public record UsageStats(
    @Nullable String agentId,
    Instant from,
    Instant to,
    long requests,
    double requestsPerMinute,
    long latencyP50Ms,
    long latencyP95Ms,
    long latencyP99Ms,
    List<ModelUsage> byModel,
    long extractiveAnswers,
    long guardRejections,
    long activeConversations,
    long cacheHits,
    long cacheMisses,
    long fallbacks) {

  /** Validates and copies. */
  public UsageStats {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    byModel = List.copyOf(byModel);
  }

  /** The statistics without cache and fallback counts (all zero): the former shape. */
  public UsageStats(
      @Nullable String agentId,
      Instant from,
      Instant to,
      long requests,
      double requestsPerMinute,
      long latencyP50Ms,
      long latencyP95Ms,
      long latencyP99Ms,
      List<ModelUsage> byModel,
      long extractiveAnswers,
      long guardRejections,
      long activeConversations) {
    this(
        agentId,
        from,
        to,
        requests,
        requestsPerMinute,
        latencyP50Ms,
        latencyP95Ms,
        latencyP99Ms,
        byModel,
        extractiveAnswers,
        guardRejections,
        activeConversations,
        0,
        0,
        0);
  }

  /**
   * The share of cache lookups that hit, {@code cacheHits / (cacheHits + cacheMisses)}, in [0, 1];
   * 0 when the cache was never consulted.
   */
  public double cacheHitRate() {
    long lookups = cacheHits + cacheMisses;
    return lookups == 0 ? 0 : (double) cacheHits / lookups;
  }

  /**
   * Answers and tokens of one provider and model.
   *
   * @param provider the provider's name, or null for extractive answers
   * @param model the model, or null for extractive answers
   * @param requests answers it gave
   * @param inputTokens prompt tokens it was sent
   * @param outputTokens tokens it generated
   */
  public record ModelUsage(
      @Nullable String provider,
      @Nullable String model,
      long requests,
      long inputTokens,
      long outputTokens) {}
}
