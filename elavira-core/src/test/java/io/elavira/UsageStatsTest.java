package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.llm.Role;
import io.elavira.store.ElaviraStore;
import io.elavira.store.StoredMessage;
import io.elavira.store.UsageStats;
import io.elavira.store.UsageStats.ModelUsage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage statistics computed from the stored answers and the audit log, per agent and period. */
class UsageStatsTest {
  @TempDir Path home;
  ElaviraStore store;
  final Instant now = Instant.now();
  final Instant from = now.minus(Duration.ofHours(1));
  final Instant to = now.plus(Duration.ofHours(1));

  @BeforeEach
  void open() {
    store = ElaviraStore.open(home.resolve("elavira.db"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private void answer(
      String agentId,
      String conversationId,
      @Nullable String provider,
      @Nullable String model,
      int inputTokens,
      int outputTokens,
      long latencyMs) {
    String trace = "t-" + System.nanoTime();
    String mode = provider == null ? "EXTRACTIVE" : "GENERATED";
    store
        .conversations()
        .recordExchange(
            agentId,
            "alice",
            conversationId,
            List.of(
                new StoredMessage(
                    0, conversationId, Role.USER, "q", null, null, 0, 0, 0, trace, now),
                new StoredMessage(
                    0,
                    conversationId,
                    Role.ASSISTANT,
                    "a",
                    provider,
                    model,
                    inputTokens,
                    outputTokens,
                    latencyMs,
                    trace,
                    now)),
            "ask",
            "conversation="
                + conversationId
                + " trace="
                + trace
                + " mode="
                + mode
                + " provider="
                + provider
                + " sources=1 ms="
                + latencyMs);
  }

  private void seed() {
    for (int i = 1; i <= 100; i++) {
      if (i <= 60) {
        answer("a", i % 2 == 0 ? "a:c1" : "a:c2", "ollama", "llama3.2", 10, 5, i);
      } else {
        answer("a", "a:c1", null, null, 0, 0, i);
      }
    }
    for (int i = 0; i < 10; i++) {
      answer("b", "b:c1", "openai", "gpt-4o-mini", 100, 50, 1000);
    }
    for (int i = 0; i < 3; i++) {
      store.audit().record("guard.block", "alice", "a", "limit=maxQuestionChars");
      store.audit().record("guard.flag", "alice", "a", "rules=role.en");
    }
  }

  @Test
  void countsRequestsLatencyTokensExtractiveAnswersRejectionsAndConversationsOfOneAgent() {
    seed();

    UsageStats stats = store.usage("a", from, to);

    assertThat(stats.requests()).isEqualTo(100);
    assertThat(stats.requestsPerMinute()).isEqualTo(100 / 120.0);
    assertThat(stats.latencyP50Ms()).isEqualTo(50);
    assertThat(stats.latencyP95Ms()).isEqualTo(95);
    assertThat(stats.latencyP99Ms()).isEqualTo(99);
    assertThat(stats.byModel())
        .containsExactly(
            new ModelUsage("ollama", "llama3.2", 60, 600, 300),
            new ModelUsage(null, null, 40, 0, 0));
    assertThat(stats.extractiveAnswers()).isEqualTo(40);
    assertThat(stats.guardRejections()).isEqualTo(3);
    assertThat(stats.activeConversations()).isEqualTo(2);
  }

  @Test
  void coversEveryAgentWhenNoneIsGivenAndNothingOutsideThePeriod() {
    seed();

    UsageStats all = store.usage(null, from, to);
    UsageStats later = store.usage(null, to, to.plus(Duration.ofHours(1)));

    assertThat(all.requests()).isEqualTo(110);
    assertThat(all.latencyP99Ms()).isEqualTo(1000);
    assertThat(all.byModel()).extracting(ModelUsage::model).contains("gpt-4o-mini");
    assertThat(all.activeConversations()).isEqualTo(3);
    assertThat(later.requests()).isZero();
    assertThat(later.latencyP50Ms()).isZero();
    assertThat(later.byModel()).isEmpty();
    assertThat(later.guardRejections()).isZero();
  }

  @Test
  void anAskOfTheAgentIsCountedAsAnExtractiveRequestWhenNoModelAnswers() {
    try (ElaviraAgent agent =
        ElaviraAgent.builder().store(store).embeddings(new FakeEmbeddingModel()).build()) {
      agent.index(ElaviraAgentIndexTest.GUIDE, Docs.chunks(ElaviraAgentIndexTest.GUIDE));
      agent.ask("Where is the heating pump?");
    }

    UsageStats stats = store.usage("default", from, Instant.now().plusSeconds(1));

    assertThat(stats.requests()).isEqualTo(1);
    assertThat(stats.extractiveAnswers()).isEqualTo(1);
    assertThat(stats.activeConversations()).isEqualTo(1);
  }

  @Test
  void refusesAnEmptyPeriod() {
    assertThatThrownBy(() -> store.usage(null, now, now))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("period");
  }
}
