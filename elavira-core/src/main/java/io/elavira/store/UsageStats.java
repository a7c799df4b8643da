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
    long activeConversations) {

  /** Validates and copies. */
  public UsageStats {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    byModel = List.copyOf(byModel);
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
