package io.elavira.examples.server;

import io.elavira.store.ElaviraStore;
import io.elavira.store.UsageStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The usage of a period cut into buckets of one length (5 minutes to a year, whichever gives at
 * most {@link #MAX_BUCKETS}), for the dashboard's charts. Buckets are aligned on multiples of their
 * length since the epoch (whole hours, whole UTC days), the first and last clipped to the period,
 * so that the buckets add up to the period's totals. Each bucket is one {@link ElaviraStore#usage}
 * read. Stateless; thread-safe.
 */
final class StatsSeries {
  /** Buckets of a series at most. */
  static final int MAX_BUCKETS = 32;

  private static final List<Duration> LENGTHS =
      List.of(
          Duration.ofMinutes(5),
          Duration.ofMinutes(15),
          Duration.ofHours(1),
          Duration.ofHours(6),
          Duration.ofDays(1),
          Duration.ofDays(7),
          Duration.ofDays(30),
          Duration.ofDays(365));

  /**
   * The usage of one bucket.
   *
   * @param from the bucket's start (clipped to the period)
   * @param to the bucket's end, exclusive (clipped to the period)
   * @param requests answers given
   * @param latencyP50Ms median time to answer, 0 without requests
   * @param latencyP95Ms 95th percentile
   * @param latencyP99Ms 99th percentile
   * @param cacheHits answers from the response cache
   * @param cacheMisses cache lookups that missed
   * @param fallbacks answers given by a provider after another failed or was skipped
   * @param guardRejections what the guards blocked
   * @param extractiveAnswers answers quoting passages because no model answered
   * @param inputTokens prompt tokens sent to models
   * @param outputTokens tokens the models generated
   */
  record Bucket(
      String from,
      String to,
      long requests,
      long latencyP50Ms,
      long latencyP95Ms,
      long latencyP99Ms,
      long cacheHits,
      long cacheMisses,
      long fallbacks,
      long guardRejections,
      long extractiveAnswers,
      long inputTokens,
      long outputTokens) {}

  private final ElaviraStore store;

  StatsSeries(ElaviraStore store) {
    this.store = store;
  }

  /** The bucket length for a period: the shortest giving at most {@link #MAX_BUCKETS} buckets. */
  static Duration bucketLength(Duration period) {
    for (Duration length : LENGTHS) {
      // Alignment may add one partial bucket at each end.
      if (period.toMillis() / length.toMillis() + 2 <= MAX_BUCKETS) {
        return length;
      }
    }
    return LENGTHS.get(LENGTHS.size() - 1);
  }

  /** The buckets of {@code [from, to)}, oldest first, for {@code agentId} (every agent: null). */
  List<Bucket> buckets(@Nullable String agentId, Instant from, Instant to, Duration length) {
    long step = length.toMillis();
    long start = Math.floorDiv(from.toEpochMilli(), step) * step;
    List<Bucket> buckets = new ArrayList<>();
    for (long at = start; at < to.toEpochMilli(); at += step) {
      Instant bucketFrom = max(Instant.ofEpochMilli(at), from);
      Instant bucketTo = min(Instant.ofEpochMilli(at + step), to);
      buckets.add(bucket(store.usage(agentId, bucketFrom, bucketTo)));
    }
    return buckets;
  }

  private static Bucket bucket(UsageStats u) {
    long input = 0;
    long output = 0;
    for (UsageStats.ModelUsage m : u.byModel()) {
      input += m.inputTokens();
      output += m.outputTokens();
    }
    return new Bucket(
        u.from().toString(),
        u.to().toString(),
        u.requests(),
        u.latencyP50Ms(),
        u.latencyP95Ms(),
        u.latencyP99Ms(),
        u.cacheHits(),
        u.cacheMisses(),
        u.fallbacks(),
        u.guardRejections(),
        u.extractiveAnswers(),
        input,
        output);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
