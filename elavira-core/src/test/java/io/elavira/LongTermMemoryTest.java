package io.elavira;

import static io.elavira.ScriptedLlmProvider.systemMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.memory.LongTermMemory;
import io.elavira.store.ElaviraStore;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LongTermMemoryTest {
  static final String FELIX = "My cat Felix only eats salmon on Fridays";
  static final String FELIX_AGAIN = "Does Felix eat salmon on Fridays?";

  @TempDir Path home;
  final FakeEmbeddingModel embeddings = new FakeEmbeddingModel();
  final ScriptedLlmProvider llm =
      new ScriptedLlmProvider().otherwise(ScriptedLlmProvider.answer("Noted, Felix eats salmon."));
  final List<ElaviraAgent> agents = new ArrayList<>();
  ElaviraStore store;

  @BeforeEach
  void open() {
    store = ElaviraStore.open(home.resolve("elavira.db"));
  }

  @AfterEach
  void close() {
    agents.forEach(ElaviraAgent::close);
    store.close();
  }

  private ElaviraAgent agent(String id, LongTermMemory memory) {
    ElaviraAgent agent =
        ElaviraAgent.builder()
            .store(store)
            .agentId(id)
            .embeddings(embeddings)
            .llm(llm)
            .longTermMemory(memory)
            .build();
    agents.add(agent);
    return agent;
  }

  private static List<Source> conversations(Answer answer) {
    return answer.sources().stream().filter(s -> s.kind() == Source.Kind.CONVERSATION).toList();
  }

  @Test
  void recallsTheUsersPastConversationWithTheAgentAsASourceNamedByItsDate() {
    ElaviraAgent agent = agent("pets", LongTermMemory.defaults());
    agent.ask("alice", "c1", FELIX);

    Answer answer = agent.ask("alice", "c2", FELIX_AGAIN);

    String today = LocalDate.now(ZoneOffset.UTC).toString();
    assertThat(conversations(answer))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.documentId()).isEqualTo("c1");
              assertThat(s.document()).isEqualTo("conversation of " + today);
              assertThat(s.date()).isNotNull();
              assertThat(s.text()).contains(FELIX).contains("Noted, Felix eats salmon.");
              assertThat(s.score()).isGreaterThanOrEqualTo(LongTermMemory.DEFAULT_MIN_SCORE);
            });
    String system = systemMessage(llm.lastRequest());
    assertThat(system).contains("source=\"conversation of " + today + "\"").contains(FELIX);
  }

  @Test
  void neverRecallsAnotherUsersOrAnotherAgentsConversation() {
    ElaviraAgent pets = agent("pets", LongTermMemory.defaults());
    ElaviraAgent vet = agent("vet", LongTermMemory.defaults());
    pets.ask("alice", "pets:alice:1", FELIX);

    Answer bob = pets.ask("bob", "pets:bob:1", FELIX_AGAIN);
    Answer aliceAtTheVet = vet.ask("alice", "vet:alice:1", FELIX_AGAIN);

    assertThat(conversations(bob)).isEmpty();
    assertThat(conversations(aliceAtTheVet)).isEmpty();
    assertThat(conversations(pets.ask("alice", "pets:alice:2", FELIX_AGAIN)))
        .extracting(Source::documentId)
        .containsExactly("pets:alice:1");
    assertThat(store.memory().entries("pets", "alice", "none"))
        .extracting(e -> e.conversationId())
        .contains("pets:alice:1");
    assertThat(store.memory().entries("pets", "bob", "none"))
        .extracting(e -> e.conversationId())
        .doesNotContain("pets:alice:1");
    assertThat(store.memory().entries("vet", "alice", "none"))
        .extracting(e -> e.conversationId())
        .doesNotContain("pets:alice:1");
  }

  @Test
  void leavesOutTheConversationBeingContinued() {
    ElaviraAgent agent = agent("pets", LongTermMemory.defaults());
    agent.ask("alice", "c1", FELIX);

    assertThat(conversations(agent.ask("alice", "c1", FELIX_AGAIN))).isEmpty();
  }

  @Test
  void recallsNothingBelowTheSimilarityThreshold() {
    ElaviraAgent agent = agent("pets", LongTermMemory.defaults());
    agent.ask("alice", "c1", FELIX);

    assertThat(conversations(agent.ask("alice", "c2", "How tall is the Eiffel tower?"))).isEmpty();
  }

  @Test
  void recallsAtMostMaxRecalledExchangesBestFirst() {
    ElaviraAgent agent =
        agent("pets", LongTermMemory.builder().maxRecalled(2).minScore(0.2).build());
    agent.ask("alice", "c1", FELIX);
    agent.ask("alice", "c2", "Felix likes salmon");
    agent.ask("alice", "c3", "Felix sleeps all day");

    List<Source> recalled = conversations(agent.ask("alice", "c4", FELIX_AGAIN));

    assertThat(recalled).hasSize(2);
    assertThat(recalled.get(0).score()).isGreaterThanOrEqualTo(recalled.get(1).score());
    assertThat(recalled).extracting(Source::documentId).doesNotHaveDuplicates();
  }

  @Test
  void offOnTheBuilderRecallsNothingAndStoresNoMemory() {
    ElaviraAgent agent = agent("pets", LongTermMemory.off());
    agent.ask("alice", "c1", FELIX);

    assertThat(conversations(agent.ask("alice", "c2", FELIX_AGAIN))).isEmpty();
    assertThat(store.memory().entries("pets", "alice", "none")).isEmpty();
  }

  @Test
  void embedsEachPastExchangeOnceThroughTheEmbeddingCache() {
    ElaviraAgent agent = agent("pets", LongTermMemory.defaults());
    agent.ask("alice", "c1", FELIX);
    agent.ask("alice", "c2", FELIX_AGAIN);
    int before = embeddings.embeddedTexts();

    agent.ask("alice", "c3", FELIX_AGAIN);

    // Only the one exchange new since (c2's): c1's exchange comes from the cache, and the question
    // (asked in c2) from the query-embedding cache, which retrieval and recall share.
    assertThat(embeddings.embeddedTexts() - before).isEqualTo(1);
    assertThat(conversations(agent.ask("alice", "c4", FELIX_AGAIN)))
        .extracting(Source::documentId)
        .contains("c1", "c2");
  }

  @Test
  void answersWithoutRecallWhenTheEmbeddingModelFailsForIt() {
    ElaviraAgent agent = agent("pets", LongTermMemory.defaults());
    agent.ask("alice", "c1", FELIX);
    embeddings.failAfterCalls(1); // retrieval embeds the question; recall's calls fail

    Answer answer = agent.ask("alice", "c2", FELIX_AGAIN);

    assertThat(answer.text()).isEqualTo("Noted, Felix eats salmon.");
    assertThat(conversations(answer)).isEmpty();
  }

  @Test
  void theBuilderRefusesLongTermMemoryTwice() {
    ElaviraAgentBuilder builder = ElaviraAgent.builder().longTermMemory(LongTermMemory.off());

    assertThatThrownBy(() -> builder.longTermMemory(LongTermMemory.defaults()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("longTermMemory");
  }
}
