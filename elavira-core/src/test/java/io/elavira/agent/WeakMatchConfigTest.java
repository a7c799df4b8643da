package io.elavira.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.Answer;
import io.elavira.retrieval.RetrievalMode;
import io.elavira.store.ElaviraStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code retrieval.weakMatchBelow} in agent configurations, and the registry's agents using it. */
class WeakMatchConfigTest {
  static final String QUESTION = "How much does cancelling the rental cost?";

  @TempDir Path home;
  final TestComponents components = new TestComponents();
  ElaviraStore store;
  AgentRegistry registry;

  @BeforeEach
  void open() {
    store = ElaviraStore.open(home.resolve("elavira.db"));
    registry = AgentRegistry.builder(store, components).build();
  }

  @AfterEach
  void close() {
    registry.close();
    store.close();
  }

  private static String json(String retrieval) {
    return "{\"id\": \"bills\", \"embeddingModel\": \"words\", \"retrieval\": " + retrieval + "}";
  }

  @Test
  void aFileMaySetTheThresholdAndWithoutItTheModelDecides() {
    AgentSpec set = AgentSpecs.fromJson(json("{\"weakMatchBelow\": 0.87}"), "set.json");
    AgentSpec unset = AgentSpecs.fromJson(json("{\"topK\": 3}"), "unset.json");

    assertThat(set.retrieval().weakMatchBelow()).isEqualTo(0.87);
    assertThat(unset.retrieval().weakMatchBelow()).isNull();
    assertThat(AgentSpecs.fromYaml(AgentSpecs.toYaml(set), "again")).isEqualTo(set);
    assertThat(AgentSpecs.toJson(unset)).doesNotContain("weakMatchBelow");
  }

  @Test
  void aBadThresholdInAFileIsRefusedNamingTheField() {
    assertThatThrownBy(() -> AgentSpecs.fromJson(json("{\"weakMatchBelow\": 1.2}"), "bad.json"))
        .isInstanceOf(AgentConfigException.class)
        .hasMessageContaining("bad.json")
        .hasMessageContaining("retrieval.weakMatchBelow must be in [-1, 1], got 1.2");
    assertThatThrownBy(
            () ->
                AgentSpecs.fromJson(
                    json("{\"mode\": \"lexical\", \"weakMatchBelow\": 0.5}"), "lexical.json"))
        .isInstanceOf(AgentConfigException.class)
        .hasMessageContaining("retrieval.weakMatchBelow applies to modes dense and hybrid");
  }

  @Test
  void aRegisteredAgentFlagsWeakMatchesAtItsConfiguredThresholdAndFollowsAnUpdate() {
    registry.create(spec(-1.0));
    registry.withAgent(
        "bills",
        agent ->
            agent.index(
                AgentRegistryTest.RENTAL, AgentRegistryTest.chunks(AgentRegistryTest.RENTAL)));
    Answer never = registry.ask("bills", "alice", "c1", QUESTION);
    assertThat(never.sources()).isNotEmpty();
    double best = never.sources().get(0).score();

    registry.update(spec(Math.nextUp(best)));
    Answer weak = registry.ask("bills", "alice", "c2", QUESTION);
    registry.update(spec(best));
    Answer good = registry.ask("bills", "alice", "c3", QUESTION);

    assertThat(never.weakMatch()).isFalse();
    assertThat(weak.weakMatch()).as("threshold just above the best cosine %s", best).isTrue();
    assertThat(good.weakMatch()).as("threshold at the best cosine %s", best).isFalse();
  }

  private static AgentSpec spec(double weakMatchBelow) {
    return AgentSpec.builder("bills")
        .embeddingModel(TestComponents.EMBEDDINGS)
        .retrieval(new RetrievalSpec(3, -1, RetrievalMode.DENSE, weakMatchBelow))
        .build();
  }
}
