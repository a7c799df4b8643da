package io.elavira.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.Answer;
import io.elavira.AnswerMode;
import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.embed.EmbeddingModels;
import io.elavira.llm.LlmProviders;
import io.elavira.store.AuditLog;
import io.elavira.store.ElaviraStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentRegistryTest {
  static final AgentSpec CONTRACTS =
      AgentSpec.builder("contracts")
          .description("Rental contracts: cancellation fees, notice periods, deposits")
          .systemPrompt("Prompt A: you answer about contracts.")
          .provider(ProviderSpec.of("local-a", "m1"))
          .embeddingModel(TestComponents.EMBEDDINGS)
          .build();
  static final AgentSpec COOKING =
      AgentSpec.builder("cooking")
          .description("Cooking recipes, baking, ingredients")
          .provider(ProviderSpec.of("local-b", null))
          .embeddingModel(TestComponents.EMBEDDINGS)
          .build();

  @TempDir Path home;
  final TestComponents components = new TestComponents();
  ElaviraStore store;
  AgentRegistry registry;

  @BeforeEach
  void open() {
    store = ElaviraStore.open(home.resolve("elavira.db"));
    registry = newRegistry();
  }

  @AfterEach
  void close() {
    registry.close();
    store.close();
  }

  AgentRegistry newRegistry() {
    return AgentRegistry.builder(store, components)
        .defaultAgent(
            AgentSpec.builder("default").embeddingModel(TestComponents.EMBEDDINGS).build())
        .build();
  }

  @Test
  void agentsCreatedUpdatedAndDeletedSurviveReopeningTheHome() {
    registry.create(CONTRACTS);
    registry.create(COOKING);
    AgentSpec updated = CONTRACTS.toBuilder().systemPrompt("Prompt B").memoryMessages(2).build();
    registry.update(updated);
    registry.delete("cooking");
    registry.close();
    store.close();

    store = ElaviraStore.open(home.resolve("elavira.db"));
    registry = newRegistry();

    assertThat(registry.list()).containsExactly(updated);
    assertThat(registry.find("contracts")).contains(updated);
    assertThat(registry.find("cooking")).isEmpty();
    assertThat(registry.version("contracts")).isEqualTo(2);
    assertThat(store.audit().recent(10))
        .extracting(AuditLog.Entry::action, AuditLog.Entry::agentId)
        .containsSubsequence(
            org.assertj.core.groups.Tuple.tuple("agent.delete", "cooking"),
            org.assertj.core.groups.Tuple.tuple("agent.update", "contracts"),
            org.assertj.core.groups.Tuple.tuple("agent.create", "cooking"),
            org.assertj.core.groups.Tuple.tuple("agent.create", "contracts"));
  }

  @Test
  void creatingAnAgentTwiceOrUpdatingAnUnknownOneIsRefused() {
    registry.create(CONTRACTS);

    assertThatThrownBy(() -> registry.create(CONTRACTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already exists");
    assertThatThrownBy(() -> registry.update(COOKING))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no agent 'cooking'");
  }

  @Test
  void anUpdatedConfigurationAnswersTheNextRequestWithoutRestarting() {
    registry.create(CONTRACTS);
    registry.ask("contracts", "alice", "c1", "What are the cancellation fees?");

    registry.update(CONTRACTS.toBuilder().systemPrompt("Prompt B: new instructions.").build());
    Answer answer = registry.ask("contracts", "alice", "c1", "And the notice period?");

    List<TestComponents.RecordingLlm> models = components.made("local-a");
    assertThat(models).hasSize(2);
    assertThat(models.get(0).systemPrompts).singleElement().asString().startsWith("Prompt A");
    assertThat(models.get(1).systemPrompts).singleElement().asString().startsWith("Prompt B");
    assertThat(models.get(0).closed).isTrue();
    assertThat(answer.text()).isEqualTo("answer by local-a");
  }

  @Test
  void anAgentWhoseConfigurationEnablesTheCacheAnswersARepeatedQuestionFromIt() {
    registry.create(
        CONTRACTS.toBuilder()
            .cache(new CachePolicy(true, java.time.Duration.ofMinutes(5)))
            .build());
    registry.create(COOKING);

    Answer first = registry.ask("contracts", "alice", "c1", "What are the cancellation fees?");
    // Another user: alice's own repeat would recall her first exchange, a different prompt.
    Answer again = registry.ask("contracts", "bob", "c2", "What are the cancellation fees?");
    registry.ask("cooking", "alice", "c3", "How long does bread rise?");
    registry.ask("cooking", "bob", "c4", "How long does bread rise?");

    assertThat(first.cached()).isFalse();
    assertThat(again.cached()).isTrue();
    assertThat(again.text()).isEqualTo(first.text());
    assertThat(components.made("local-a").get(0).systemPrompts).hasSize(1);
    assertThat(components.made("local-b").get(0).systemPrompts).as("cache off").hasSize(2);
  }

  @Test
  void aChangeMadeByAnotherRegistryOfTheHomeIsSeenAtTheNextRequest() {
    registry.create(CONTRACTS);
    registry.ask("contracts", "alice", "c1", "fees?");
    try (AgentRegistry other = newRegistry()) {
      other.update(CONTRACTS.toBuilder().systemPrompt("Prompt C").build());
    }

    registry.ask("contracts", "alice", "c1", "fees again?");

    assertThat(components.made("local-a").get(1).systemPrompts)
        .singleElement()
        .asString()
        .startsWith("Prompt C");
  }

  @Test
  void aRequestInFlightFinishesOnItsConfigurationAndTheOldAgentClosesAfterIt() {
    registry.create(CONTRACTS);

    String answered =
        registry.withAgent(
            "contracts",
            agent -> {
              registry.update(CONTRACTS.toBuilder().systemPrompt("Prompt B").build());
              registry.ask("contracts", "bob", "c2", "fees?"); // builds the new version
              TestComponents.RecordingLlm old = components.made("local-a").get(0);
              assertThat(old.closed).isFalse();
              return agent.ask("alice", "c1", "still the old one?").text();
            });

    assertThat(answered).isEqualTo("answer by local-a");
    assertThat(components.made("local-a").get(0).systemPrompts)
        .singleElement()
        .asString()
        .startsWith("Prompt A");
    assertThat(components.made("local-a").get(0).closed).isTrue();
    assertThat(components.made("local-a").get(1).closed).isFalse();
  }

  @Test
  void requestsRunningWhileTheConfigurationChangesAllFinishAndOnlyTheLatestModelStaysOpen()
      throws Exception {
    registry.create(CONTRACTS);
    int threads = 4;
    int asksPerThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<Answer>>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String user = "user" + t;
      results.add(
          pool.submit(
              () -> {
                start.await();
                List<Answer> answers = new ArrayList<>();
                for (int i = 0; i < asksPerThread; i++) {
                  answers.add(registry.ask("contracts", user, user + "-c", "fees " + i + "?"));
                }
                return answers;
              }));
    }
    start.countDown();
    for (int v = 2; v <= 10; v++) {
      registry.update(CONTRACTS.toBuilder().systemPrompt("Prompt v" + v).build());
    }
    List<Answer> answers = new ArrayList<>();
    for (Future<List<Answer>> f : results) {
      answers.addAll(f.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    registry.ask("contracts", "last", "last-c", "fees?"); // runs on the latest configuration

    assertThat(answers).hasSize(threads * asksPerThread);
    assertThat(answers).allSatisfy(a -> assertThat(a.mode()).isEqualTo(AnswerMode.GENERATED));
    List<TestComponents.RecordingLlm> models = components.made("local-a");
    assertThat(models.get(models.size() - 1).closed).isFalse();
    assertThat(models.get(models.size() - 1).systemPrompts)
        .last()
        .asString()
        .startsWith("Prompt v10");
    assertThat(models.subList(0, models.size() - 1)).allSatisfy(m -> assertThat(m.closed).isTrue());
  }

  @Test
  void smallTalkIsAnsweredWithoutSearchingTheDocuments() {
    registry.create(CONTRACTS);
    registry.withAgent("contracts", agent -> agent.index(RENTAL, chunks(RENTAL)));
    int embeddedBefore = components.embeddings.texts.get();

    Answer thanks = registry.ask("contracts", "alice", "c1", "Merci beaucoup !");

    assertThat(components.embeddings.texts.get()).isEqualTo(embeddedBefore);
    assertThat(thanks.sources()).isEmpty();
    assertThat(thanks.route()).isNotNull();
    assertThat(thanks.route().retrieval()).isFalse();
    assertThat(thanks.route().reasons()).anyMatch(r -> r.contains("small talk"));

    Answer question = registry.ask("contracts", "alice", "c1", "What are the cancellation fees?");

    assertThat(components.embeddings.texts.get())
        .isGreaterThan(embeddedBefore); // the question (and recall)
    assertThat(question.route().retrieval()).isTrue();
    assertThat(question.sources()).isNotEmpty();
  }

  @Test
  void withoutAnIdTheAgentWhoseDescriptionMatchesAnswersAndTheRouteSaysWhy() {
    registry.create(CONTRACTS);
    registry.create(COOKING);

    Answer answer = registry.ask(null, "alice", "c1", "Which ingredients for baking a cake?");
    Answer fallback = registry.ask(null, "alice", "c2", "What is the weather tomorrow?");

    assertThat(answer.route().agentId()).isEqualTo("cooking");
    assertThat(answer.route().reasons().get(0)).contains("cooking").contains("description");
    assertThat(answer.text()).isEqualTo("answer by local-b");
    assertThat(fallback.route().agentId()).isEqualTo("default");
    assertThat(fallback.route().chain()).isEqualTo(Route.Chain.NONE);
    assertThat(registry.route(answer.traceId())).contains(answer.route());
  }

  @Test
  void theRemoteChainAnswersWhenAllowedAndTheLocalOneIsDown() {
    registry.create(
        CONTRACTS.toBuilder()
            .provider(ProviderSpec.of("openai", "gpt-4o-mini"))
            .remoteAllowed(true)
            .build());
    components.localHealthy.set(false);

    Answer answer = registry.ask("contracts", "alice", "c1", "What are the cancellation fees?");

    assertThat(answer.route().chain()).isEqualTo(Route.Chain.REMOTE);
    assertThat(answer.provider()).isEqualTo("openai");
    assertThat(answer.route().reasons()).anyMatch(r -> r.contains("connection refused"));
  }

  @Test
  void anUnknownAgentIsRefusedListingTheExistingOnes() {
    registry.create(CONTRACTS);

    assertThatThrownBy(() -> registry.ask("nope", "alice", "c1", "hello"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no agent 'nope'")
        .hasMessageContaining("[contracts, default]");
  }

  @Test
  void eachAgentSearchesOnlyItsOwnDocumentsAndDeletingAnAgentRemovesThem() {
    registry.create(CONTRACTS);
    registry.create(COOKING);
    registry.withAgent("contracts", agent -> agent.index(RENTAL, chunks(RENTAL)));

    Answer cooking = registry.ask("cooking", "alice", "k1", "What are the cancellation fees?");
    assertThat(cooking.sources()).isEmpty();
    assertThat(store.documents().list("contracts")).hasSize(1);

    registry.delete("contracts");

    assertThat(store.documents().list("contracts")).isEmpty();
    assertThat(registry.ids()).containsExactly("cooking", "default");
  }

  @Test
  void aMissingModuleIsNamedWhenTheAgentIsCreated() {
    try (AgentRegistry bare =
        AgentRegistry.builder(
                store,
                AgentComponents.serviceLoaded(
                    EmbeddingModels.of(List.of()), LlmProviders.of(List.of())))
            .build()) {
      AgentSpec spec = AgentSpec.builder("x").provider(ProviderSpec.of("ollama", null)).build();

      assertThatThrownBy(() -> bare.create(spec))
          .isInstanceOf(AgentConfigException.class)
          .hasMessageContaining("all-minilm-l6-v2-q")
          .hasMessageContaining("io.elavira:elavira-llm");
      assertThatThrownBy(
              () -> bare.create(AgentSpec.builder("y").embeddingModel("unheard-of").build()))
          .hasMessageContaining("no embedding model named 'unheard-of'");
      assertThat(bare.list()).isEmpty();
    }
  }

  static final Document RENTAL =
      new Document(
          "rental.txt",
          "/docs/rental.txt",
          "txt",
          List.of(
              new Block(
                  BlockType.PARAGRAPH,
                  "Cancellation fees: cancelling the rental contract costs forty euros.",
                  "Fees",
                  1),
              new Block(BlockType.PARAGRAPH, "The notice period is three months.", "Notice", 2)),
          Map.of());

  static List<Chunk> chunks(Document document) {
    return document.blocks().stream()
        .map(
            b -> new Chunk(document.blocks().indexOf(b), b.text(), b.section(), b.page(), Map.of()))
        .toList();
  }
}
