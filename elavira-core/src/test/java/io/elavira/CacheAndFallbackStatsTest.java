package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.cache.ResponseCachePolicy;
import io.elavira.memory.LongTermMemory;
import io.elavira.store.ElaviraStore;
import io.elavira.store.UsageStats;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage statistics count cache hits, misses and fallbacks per agent and period. */
class CacheAndFallbackStatsTest {
  static final String QUESTION = ResponseCacheTest.QUESTION;

  @TempDir Path home;
  final FakeEmbeddingModel embeddings = new FakeEmbeddingModel();

  @Test
  void showsTheCacheHitRateAndTheFallbacksPerAgentAndPeriod() {
    Instant before = Instant.now().minusSeconds(1);
    try (ElaviraStore store = ElaviraStore.open(home.resolve("elavira.db"));
        ElaviraAgent cached =
            ElaviraAgent.builder()
                .store(store)
                .agentId("cached")
                .embeddings(embeddings)
                .longTermMemory(LongTermMemory.off())
                .llm(new ScriptedLlmProvider().otherwise(ScriptedLlmProvider.echo()))
                .responseCache(ResponseCachePolicy.builder().providerDefaultTemperature(0).build())
                .build();
        ElaviraAgent chained =
            ElaviraAgent.builder()
                .store(store)
                .agentId("chained")
                .embeddings(embeddings)
                .longTermMemory(LongTermMemory.off())
                .llm(
                    new ScriptedLlmProvider()
                        .then(ListenerTest.answeredAfterFallback("Forty."))
                        .otherwise(ScriptedLlmProvider.echo()))
                .build()) {
      cached.index(ElaviraAgentTest.TERMS, Docs.chunks(ElaviraAgentTest.TERMS));
      cached.ask("alice", "cached:1", QUESTION); // miss
      cached.ask("alice", "cached:2", QUESTION); // hit
      cached.ask("bob", "cached:3", QUESTION); // hit (shared documents, no history)
      cached.ask("bob", "cached:4", "How are refunds paid?"); // miss
      chained.ask("alice", "chained:1", QUESTION); // fallback
      chained.ask("alice", "chained:2", QUESTION); // first provider answers

      Instant after = Instant.now().plusSeconds(1);
      UsageStats ofCached = store.usage("cached", before, after);
      UsageStats ofChained = store.usage("chained", before, after);
      UsageStats all = store.usage(null, before, after);
      UsageStats earlier = store.usage(null, before.minus(Duration.ofHours(1)), before);

      assertThat(ofCached.cacheHits()).isEqualTo(2);
      assertThat(ofCached.cacheMisses()).isEqualTo(2);
      assertThat(ofCached.cacheHitRate()).isEqualTo(0.5);
      assertThat(ofCached.fallbacks()).isZero();
      assertThat(ofChained.cacheHits()).isZero();
      assertThat(ofChained.cacheMisses()).isZero();
      assertThat(ofChained.cacheHitRate()).isZero();
      assertThat(ofChained.fallbacks()).isEqualTo(1);
      assertThat(all.requests()).isEqualTo(6);
      assertThat(all.cacheHits()).isEqualTo(2);
      assertThat(all.fallbacks()).isEqualTo(1);
      assertThat(earlier.cacheHits()).isZero();
      assertThat(earlier.fallbacks()).isZero();
    }
  }
}
