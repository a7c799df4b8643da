package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.cache.ResponseCachePolicy;
import io.elavira.document.Document;
import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.Role;
import io.elavira.llm.TokenListener;
import io.elavira.llm.TokenUsage;
import io.elavira.memory.LongTermMemory;
import io.elavira.store.ElaviraStore;
import io.elavira.store.StoredMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The response cache stage, end to end on a real SQLite home. */
class ResponseCacheTest {
  static final Document TERMS = ElaviraAgentTest.TERMS;
  static final String QUESTION = "What are the cancellation fees of the subscription?";

  @TempDir Path home;
  final FakeEmbeddingModel embeddings = new FakeEmbeddingModel();
  final ScriptedLlmProvider llm = new ScriptedLlmProvider().otherwise(ScriptedLlmProvider.echo());
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
  ElaviraAgent agent;
  ElaviraStore store;

  @AfterEach
  void close() {
    if (agent != null) {
      agent.close();
    }
    if (store != null) {
      store.close();
    }
  }

  /** A deterministic provider (configured with temperature 0), TTL one hour, on the test clock. */
  private ResponseCachePolicy.Builder deterministic() {
    return ResponseCachePolicy.builder()
        .providerDefaultTemperature(0)
        .ttl(Duration.ofHours(1))
        .clock(clock);
  }

  private ElaviraAgent open(LlmProvider provider, ResponseCachePolicy policy) {
    return ElaviraAgent.builder()
        .home(home)
        .embeddings(embeddings)
        .longTermMemory(LongTermMemory.off())
        .llm(provider)
        .responseCache(policy)
        .build();
  }

  @Test
  void servesTheSamePromptFromTheCacheAndStillRecordsTheExchange() {
    agent = open(llm, deterministic().build());
    agent.index(TERMS, Docs.chunks(TERMS));

    Answer first = agent.ask("alice", "c1", QUESTION);
    Answer second = agent.ask("alice", "c2", QUESTION);

    assertThat(first.cached()).isFalse();
    assertThat(second.cached()).isTrue();
    assertThat(llm.requests()).hasSize(1);
    assertThat(second.text()).isEqualTo(first.text());
    assertThat(second.provider()).isEqualTo(ScriptedLlmProvider.NAME);
    assertThat(second.model()).isEqualTo(ScriptedLlmProvider.MODEL);
    assertThat(second.sources()).isEqualTo(first.sources());
    assertThat(second.attempts()).isEmpty();
    assertThat(second.usage()).isEqualTo(TokenUsage.NONE);
    assertThat(second.toString()).contains("cached");
    List<StoredMessage> stored = agent.history("c2", 10);
    assertThat(stored).extracting(StoredMessage::role).containsExactly(Role.USER, Role.ASSISTANT);
    assertThat(stored.get(1).content()).isEqualTo(first.text());
    assertThat(stored.get(1).provider()).isEqualTo(ScriptedLlmProvider.NAME);
    assertThat(stored.get(1).traceId()).isEqualTo(second.traceId());
  }

  @Test
  void streamsACachedAnswerAsOnePiece() {
    agent = open(llm, deterministic().build());
    agent.index(TERMS, Docs.chunks(TERMS));
    Answer first = agent.ask("alice", "c1", QUESTION);
    StringBuilder tokens = new StringBuilder();

    Answer streamed = agent.stream("alice", "c2", QUESTION, tokens::append).await();

    assertThat(streamed.cached()).isTrue();
    assertThat(tokens.toString()).isEqualTo(first.text());
    assertThat(llm.requests()).hasSize(1);
  }

  @Test
  void missesWhenThePromptDiffers() {
    agent = open(llm, deterministic().build());
    agent.index(TERMS, Docs.chunks(TERMS));

    agent.ask("alice", "c1", QUESTION);
    Answer other = agent.ask("alice", "c2", "How are refunds paid?");
    // Same question, but c1 now has history: the prompt differs.
    Answer withHistory = agent.ask("alice", "c1", QUESTION);

    assertThat(other.cached()).isFalse();
    assertThat(withHistory.cached()).isFalse();
    assertThat(llm.requests()).hasSize(3);
  }

  @Test
  void missesWhenTheModelOrProviderDiffers() {
    store = ElaviraStore.open(home.resolve("elavira.db"));
    ElaviraAgent small =
        ElaviraAgent.builder()
            .store(store)
            .embeddings(embeddings)
            .longTermMemory(LongTermMemory.off())
            .llm(new Renamed(llm, ScriptedLlmProvider.NAME, "small-model"))
            .responseCache(deterministic().build())
            .build();
    ElaviraAgent large =
        ElaviraAgent.builder()
            .store(store)
            .embeddings(embeddings)
            .longTermMemory(LongTermMemory.off())
            .llm(new Renamed(llm, ScriptedLlmProvider.NAME, "large-model"))
            .responseCache(deterministic().build())
            .build();
    ElaviraAgent otherProvider =
        ElaviraAgent.builder()
            .store(store)
            .embeddings(embeddings)
            .longTermMemory(LongTermMemory.off())
            .llm(new Renamed(llm, "other", "small-model"))
            .responseCache(deterministic().build())
            .build();
    try {
      small.index(TERMS, Docs.chunks(TERMS));

      assertThat(small.ask("alice", "c1", QUESTION).cached()).isFalse();
      assertThat(large.ask("alice", "c2", QUESTION).cached()).isFalse();
      assertThat(otherProvider.ask("alice", "c3", QUESTION).cached()).isFalse();
      assertThat(small.ask("alice", "c4", QUESTION).cached()).isTrue();
      assertThat(llm.requests()).hasSize(3);
    } finally {
      small.close();
      large.close();
      otherProvider.close();
    }
  }

  @Test
  void sharesAnswersAcrossUsersOnlyWithoutPrivateContext() {
    agent = open(llm, deterministic().build());
    agent.index(TERMS, Docs.chunks(TERMS));

    agent.ask("alice", "a1", QUESTION);
    Answer bobFirst = agent.ask("bob", "b1", QUESTION);
    agent.ask("alice", "a1", "And the refunds?");
    // Bob's conversation now holds the same history as Alice's: the same prompt, but private.
    Answer bobSecond = agent.ask("bob", "b1", "And the refunds?");

    assertThat(bobFirst.cached()).as("shared documents, no history").isTrue();
    assertThat(bobSecond.cached()).as("conversation history is private").isFalse();
    assertThat(llm.requests()).hasSize(3);
  }

  @Test
  void neverServesAnAnswerBuiltOnAnotherUsersPrivateDocument() {
    agent = open(llm, deterministic().build());
    // Two private documents with the same name and text: the prompts of both users are identical.
    agent.index(
        privateCopy("/alice/notes.txt"), Docs.chunks(privateCopy("/alice/notes.txt")), "alice");
    agent.index(privateCopy("/bob/notes.txt"), Docs.chunks(privateCopy("/bob/notes.txt")), "bob");

    Answer alice = agent.ask("alice", "a1", "When is the dentist appointment?");
    Answer bob = agent.ask("bob", "b1", "When is the dentist appointment?");
    Answer aliceAgain = agent.ask("alice", "a2", "When is the dentist appointment?");

    assertThat(alice.sources()).isNotEmpty();
    assertThat(bob.cached()).isFalse();
    assertThat(llm.requests()).hasSize(2);
    assertThat(llm.requests().get(0).messages()).isEqualTo(llm.requests().get(1).messages());
    assertThat(aliceAgain.cached()).isTrue();
  }

  private static Document privateCopy(String location) {
    return new Document(
        "notes.txt",
        location,
        "txt",
        Docs.document("notes.txt", "The dentist appointment is on Tuesday at nine.").blocks(),
        Map.of());
  }

  @Test
  void isInvalidatedWhenTheAgentsDocumentsChange() {
    agent =
        ElaviraAgent.builder()
            .home(home)
            .embeddings(embeddings)
            .longTermMemory(LongTermMemory.off())
            .llm(llm)
            .topK(1)
            .responseCache(deterministic().build())
            .build();
    agent.index(TERMS, Docs.chunks(TERMS));
    agent.ask("alice", "c1", QUESTION);
    assertThat(agent.ask("alice", "c2", QUESTION).cached()).isTrue();

    // An unrelated document: with topK 1 the prompt stays the same, the documents do not.
    Document menu = Docs.document("menu.txt", "Soup of the day: pumpkin.");
    agent.index(menu, Docs.chunks(menu));
    Answer afterIndex = agent.ask("alice", "c3", QUESTION);
    Answer again = agent.ask("alice", "c4", QUESTION);
    agent.removeDocument(menu.location());
    Answer afterRemoval = agent.ask("alice", "c5", QUESTION);
    Document menu2 = Docs.document("menu.txt", "Soup of the day: leek.");
    agent.index(menu2, Docs.chunks(menu2));
    Answer afterReindex = agent.ask("alice", "c6", QUESTION);

    // Every model call saw the same prompt: only the documents' generation changed.
    assertThat(llm.requests())
        .extracting(ChatRequest::messages)
        .containsOnly(llm.requests().get(0).messages());
    assertThat(afterIndex.cached()).isFalse();
    assertThat(again.cached()).isTrue();
    assertThat(afterRemoval.cached()).isFalse();
    assertThat(afterReindex.cached()).isFalse();
    assertThat(llm.requests()).hasSize(4);
  }

  @Test
  void isInvalidatedWhenAnotherProcessChangesTheDocuments() throws Exception {
    agent =
        ElaviraAgent.builder()
            .home(home)
            .embeddings(embeddings)
            .longTermMemory(LongTermMemory.off())
            .llm(llm)
            .topK(1)
            .responseCache(deterministic().build())
            .build();
    agent.index(TERMS, Docs.chunks(TERMS));
    agent.ask("alice", "c1", QUESTION);
    assertThat(agent.ask("alice", "c2", QUESTION).cached()).isTrue();

    ElaviraAgentSyncTest.runChild("index", home.toString(), "menu.txt", "Soup: pumpkin.");
    Answer afterOtherProcess = agent.ask("alice", "c3", QUESTION);

    assertThat(afterOtherProcess.cached()).isFalse();
    assertThat(llm.requests()).hasSize(2);
    assertThat(llm.requests().get(0).messages()).isEqualTo(llm.requests().get(1).messages());
  }

  @Test
  void skipsSampledSettingsUnlessAskedTo() {
    // The provider's default temperature is not known: sampled.
    agent = open(llm, ResponseCachePolicy.builder().clock(clock).build());
    agent.index(TERMS, Docs.chunks(TERMS));
    Answer first = agent.ask("alice", "c1", QUESTION);
    Answer second = agent.ask("alice", "c2", QUESTION);
    agent.close();
    agent = null;

    ScriptedLlmProvider warm = new ScriptedLlmProvider().otherwise(ScriptedLlmProvider.echo());
    agent = open(warm, ResponseCachePolicy.builder().providerDefaultTemperature(0.7).build());
    Answer third = agent.ask("alice", "c3", QUESTION);
    Answer fourth = agent.ask("alice", "c4", QUESTION);
    agent.close();
    agent = null;

    ScriptedLlmProvider optedIn = new ScriptedLlmProvider().otherwise(ScriptedLlmProvider.echo());
    agent = open(optedIn, ResponseCachePolicy.builder().cacheSampled(true).build());
    agent.ask("alice", "c5", QUESTION);
    Answer sixth = agent.ask("alice", "c6", QUESTION);

    assertThat(List.of(first, second, third, fourth)).noneMatch(Answer::cached);
    assertThat(llm.requests()).hasSize(2);
    assertThat(warm.requests()).hasSize(2);
    assertThat(sixth.cached()).isTrue();
    assertThat(optedIn.requests()).hasSize(1);
  }

  @Test
  void servesPersistedAnswersAfterTheHomeIsReopened() {
    agent = open(llm, deterministic().build());
    agent.index(TERMS, Docs.chunks(TERMS));
    Answer first = agent.ask("alice", "c1", QUESTION);
    agent.close();

    ScriptedLlmProvider fresh = new ScriptedLlmProvider();
    agent = open(fresh, deterministic().build());
    Answer later = agent.ask("bob", "c2", QUESTION);

    assertThat(later.cached()).isTrue();
    assertThat(later.text()).isEqualTo(first.text());
    assertThat(fresh.requests()).isEmpty();
  }

  @Test
  void expiresEntriesAfterTheirTtlInMemoryAndInTheDatabase() {
    agent = open(llm, deterministic().build());
    agent.index(TERMS, Docs.chunks(TERMS));
    agent.ask("alice", "c1", QUESTION);

    clock.advance(Duration.ofMinutes(59));
    Answer beforeExpiry = agent.ask("alice", "c2", QUESTION);
    clock.advance(Duration.ofMinutes(1));
    Answer atExpiry = agent.ask("alice", "c3", QUESTION);
    agent.close();
    // The entry written at expiry lives until 12:00 in the database too.
    clock.advance(Duration.ofMinutes(30));
    ScriptedLlmProvider reopened = new ScriptedLlmProvider().otherwise(ScriptedLlmProvider.echo());
    agent = open(reopened, deterministic().build());
    Answer fromDatabase = agent.ask("alice", "c4", QUESTION);
    clock.advance(Duration.ofMinutes(30));
    Answer expiredInDatabase = agent.ask("alice", "c5", QUESTION);

    assertThat(beforeExpiry.cached()).isTrue();
    assertThat(atExpiry.cached()).isFalse();
    assertThat(llm.requests()).hasSize(2);
    assertThat(fromDatabase.cached()).isTrue();
    assertThat(expiredInDatabase.cached()).isFalse();
    assertThat(reopened.requests()).hasSize(1);
  }

  @Test
  void keepsAtMostTheNewestPersistedEntriesOfTheAgent() {
    agent = open(llm, deterministic().maxPersistedEntries(2).build());
    agent.index(TERMS, Docs.chunks(TERMS));
    agent.ask("alice", "c1", QUESTION);
    clock.advance(Duration.ofSeconds(1));
    agent.ask("alice", "c2", "How are refunds paid?");
    clock.advance(Duration.ofSeconds(1));
    agent.ask("alice", "c3", "What do these terms describe?");
    agent.close();

    ScriptedLlmProvider reopened = new ScriptedLlmProvider().otherwise(ScriptedLlmProvider.echo());
    agent = open(reopened, deterministic().build());
    Answer newest = agent.ask("alice", "c4", "What do these terms describe?");
    Answer secondNewest = agent.ask("alice", "c5", "How are refunds paid?");
    Answer oldest = agent.ask("alice", "c6", QUESTION);

    assertThat(newest.cached()).isTrue();
    assertThat(secondNewest.cached()).isTrue();
    assertThat(oldest.cached()).isFalse();
    assertThat(reopened.requests()).hasSize(1);
  }

  @Test
  void policyBuilderRejectsBadValuesAndOptionsSetTwice() {
    assertThatThrownBy(() -> ResponseCachePolicy.builder().ttl(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttl");
    assertThatThrownBy(() -> ResponseCachePolicy.builder().maxEntries(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxEntries");
    assertThatThrownBy(() -> ResponseCachePolicy.builder().maxPersistedEntries(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxPersistedEntries");
    assertThatThrownBy(() -> ResponseCachePolicy.builder().providerDefaultTemperature(2.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 2]");
    assertThatThrownBy(
            () ->
                ResponseCachePolicy.builder().ttl(Duration.ofMinutes(1)).ttl(Duration.ofMinutes(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already set");
    assertThatThrownBy(
            () ->
                ElaviraAgent.builder()
                    .responseCache(ResponseCachePolicy.defaults())
                    .responseCache(ResponseCachePolicy.defaults()))
        .isInstanceOf(IllegalStateException.class);
    ResponseCachePolicy defaults = ResponseCachePolicy.defaults();
    assertThat(defaults.ttl()).isEqualTo(ResponseCachePolicy.DEFAULT_TTL);
    assertThat(defaults.maxEntries()).isEqualTo(ResponseCachePolicy.DEFAULT_MAX_ENTRIES);
    assertThat(defaults.maxPersistedEntries())
        .isEqualTo(ResponseCachePolicy.DEFAULT_MAX_PERSISTED_ENTRIES);
    assertThat(defaults.isSampled(null)).isTrue();
    assertThat(defaults.isSampled(0.0)).isFalse();
    assertThat(defaults.isSampled(0.3)).isTrue();
  }

  @Test
  void neverCachesExtractiveAnswers() {
    ScriptedLlmProvider failing =
        new ScriptedLlmProvider()
            .otherwise(ScriptedLlmProvider.fail(io.elavira.llm.LlmException.Kind.UNAVAILABLE));
    agent = open(failing, deterministic().build());
    agent.index(TERMS, Docs.chunks(TERMS));

    agent.ask("alice", "c1", QUESTION);
    Answer second = agent.ask("alice", "c2", QUESTION);

    assertThat(second.mode()).isEqualTo(AnswerMode.EXTRACTIVE);
    assertThat(second.cached()).isFalse();
    assertThat(failing.requests()).hasSize(2);
  }

  /** The scripted provider under another name and default model. */
  static final class Renamed implements LlmProvider {
    private final LlmProvider delegate;
    private final String name;
    private final String model;

    Renamed(LlmProvider delegate, String name, String model) {
      this.delegate = delegate;
      this.name = name;
      this.model = model;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String defaultModel() {
      return model;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
      return delegate.chat(request);
    }

    @Override
    public ChatResponse stream(
        ChatRequest request, TokenListener listener, Cancellation cancellation) {
      return delegate.stream(request, listener, cancellation);
    }

    @Override
    public Health health() {
      return delegate.health();
    }
  }
}
