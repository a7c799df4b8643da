package io.elavira.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/stats}: the period's totals and their series per bucket, for the charts. */
class StatsApiTest {
  @TempDir static Path home;
  private static ServerFixture server;
  private static String admin;

  @BeforeAll
  static void start() {
    server = new ServerFixture(home);
    admin = server.adminToken();
    String alice = server.user("alice");
    for (String question : new String[] {"one", "two", "three"}) {
      var reply = server.post("/api/chat", alice, Map.of("message", question));
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }
    // What a guard records when it blocks a question (the stats read the audit log).
    server.store.audit().record("guard.block", "alice", "default", "guard=length");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode stats(String last) {
    var reply = server.get("/api/stats?last=" + last, admin);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static long sum(JsonNode series, String field) {
    long total = 0;
    for (JsonNode bucket : series) {
      total += bucket.get(field).asLong();
    }
    return total;
  }

  @Test
  void theSeriesOfADayHasHourlyBucketsThatAddUpToTheTotals() {
    JsonNode stats = stats("24h");

    assertThat(stats.get("requests").asLong()).isEqualTo(3);
    assertThat(stats.get("bucketSeconds").asLong()).isEqualTo(3600);
    JsonNode series = stats.get("series");
    assertThat(series.size()).isBetween(24, 25);
    assertThat(sum(series, "requests")).isEqualTo(3);
    assertThat(sum(series, "guardRejections")).isEqualTo(stats.get("guardRejections").asLong());
    assertThat(stats.get("guardRejections").asLong()).isEqualTo(1);
    assertThat(sum(series, "inputTokens") + sum(series, "outputTokens"))
        .isEqualTo(
            stats.get("byModel").findValues("inputTokens").stream()
                    .mapToLong(JsonNode::asLong)
                    .sum()
                + stats.get("byModel").findValues("outputTokens").stream()
                    .mapToLong(JsonNode::asLong)
                    .sum());
    assertThat(series.get(0).get("from").asText()).isEqualTo(stats.get("from").asText());
    assertThat(series.get(series.size() - 1).get("to").asText())
        .isEqualTo(stats.get("to").asText());
  }

  @Test
  void theBucketWithTheAnswersHasTheirLatencyPercentiles() {
    JsonNode last = stats("1h").get("series");
    JsonNode busiest = null;
    for (JsonNode bucket : last) {
      if (busiest == null || bucket.get("requests").asLong() > busiest.get("requests").asLong()) {
        busiest = bucket;
      }
    }

    assertThat(busiest).isNotNull();
    assertThat(busiest.get("requests").asLong()).isPositive();
    assertThat(busiest.get("latencyP99Ms").asLong())
        .isGreaterThanOrEqualTo(busiest.get("latencyP50Ms").asLong());
  }

  @Test
  void answersTheCacheAndFallbackCountsAdditively() {
    JsonNode stats = stats("7d");

    assertThat(stats.get("bucketSeconds").asLong()).isEqualTo(6 * 3600);
    assertThat(stats.get("series").size()).isLessThanOrEqualTo(StatsSeries.MAX_BUCKETS);
    assertThat(stats.has("latencyP95Ms")).isTrue();
    // No response cache and a single provider here: counted, and zero.
    assertThat(stats.get("cacheHits").asLong()).isZero();
    assertThat(stats.get("cacheMisses").asLong()).isZero();
    assertThat(stats.get("cacheHitRate").asDouble()).isZero();
    assertThat(stats.get("fallbacks").asLong()).isZero();
  }

  @Test
  void bucketsAreTheShortestThatKeepASeriesWithinItsLimit() {
    assertThat(StatsSeries.bucketLength(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(5));
    assertThat(StatsSeries.bucketLength(Duration.ofHours(24))).isEqualTo(Duration.ofHours(1));
    assertThat(StatsSeries.bucketLength(Duration.ofDays(7))).isEqualTo(Duration.ofHours(6));
    assertThat(StatsSeries.bucketLength(Duration.ofDays(30))).isEqualTo(Duration.ofDays(1));
    assertThat(StatsSeries.bucketLength(Duration.ofDays(9999))).isEqualTo(Duration.ofDays(365));
  }
}
