package io.elavira.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.Answer;
import io.elavira.ElaviraAgent;
import io.elavira.memory.LongTermMemory;
import io.elavira.store.AnswerTrace;
import io.elavira.store.ElaviraStore;
import io.elavira.store.StoredMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every answer of a routed agent stores its route in the same row as its text, whichever way it was
 * asked: through {@link AgentRegistry#ask}, an agent held by {@link AgentRegistry#lease} or {@link
 * AgentRegistry#withAgent} ({@code ask} and {@code stream}), or a plain {@link ElaviraAgent} with a
 * {@link RoutePolicy}; and the route is read back after the home is reopened.
 */
class StoredRouteTest {
  @TempDir Path home;
  final TestComponents components = new TestComponents();
  ElaviraStore store;
  AgentRegistry registry;

  @BeforeEach
  void open() {
    store = ElaviraStore.open(home.resolve("elavira.db"));
    registry = newRegistry();
    registry.create(AgentRegistryTest.CONTRACTS);
    registry.create(AgentRegistryTest.COOKING);
  }

  @AfterEach
  void close() {
    registry.close();
    store.close();
  }

  private AgentRegistry newRegistry() {
    return AgentRegistry.builder(store, components)
        .defaultAgent(
            AgentSpec.builder("default").embeddingModel(TestComponents.EMBEDDINGS).build())
        .build();
  }

  private void reopen() {
    registry.close();
    store.close();
    store = ElaviraStore.open(home.resolve("elavira.db"));
    registry = newRegistry();
  }

  @Test
  void aPickedAgentsAnswerStoresItsRouteWithWhyTheAgentWasPickedFirst() {
    Answer answer = registry.ask(null, "alice", "c1", "Which ingredients for baking a cake?");
    reopen();

    Route stored = registry.route(answer.traceId()).orElseThrow();
    assertThat(stored).isEqualTo(answer.route());
    assertThat(stored.agentId()).isEqualTo("cooking");
    assertThat(stored.reasons().get(0)).contains("cooking").contains("description");
    // One pick reason: the registry's, not a second one added by the agent's own policy.
    assertThat(stored.reasons()).filteredOn(r -> r.startsWith("agent '")).hasSize(1);
  }

  @Test
  void anAgentHeldByALeaseStoresTheRouteOfWhatItAnswersAndStreams() throws Exception {
    Answer asked;
    Answer streamed;
    try (AgentLease lease = registry.lease("contracts")) {
      asked = lease.agent().ask("alice", "c1", "What are the cancellation fees?");
      streamed =
          lease.agent().stream("alice", "c1", "Merci !", token -> {})
              .answer()
              .get(20, TimeUnit.SECONDS);
    }
    reopen();

    Route askedRoute = registry.route(asked.traceId()).orElseThrow();
    assertThat(askedRoute).isEqualTo(asked.route());
    assertThat(askedRoute.reasons().get(0)).isEqualTo("agent 'contracts': asked for explicitly");
    assertThat(askedRoute.retrieval()).isTrue();
    Route streamedRoute = registry.route(streamed.traceId()).orElseThrow();
    assertThat(streamedRoute).isEqualTo(streamed.route());
    assertThat(streamedRoute.retrieval()).isFalse();
    assertThat(streamedRoute.reasons())
        .first()
        .isEqualTo("agent 'contracts': asked for explicitly");
  }

  @Test
  void anAgentHeldByWithAgentStoresItsRouteInTheAnswersRow() {
    Answer answer =
        registry.withAgent("cooking", agent -> agent.ask("bob", "k1", "How long does bread rise?"));
    reopen();

    AnswerTrace trace = store.conversations().answer(answer.traceId()).orElseThrow();
    assertThat(trace.agentId()).isEqualTo("cooking");
    assertThat(trace.route()).isEqualTo(answer.route());
    assertThat(trace.answer().content()).isEqualTo("answer by local-b");
    // The conversation's history carries the same route on the answer.
    List<StoredMessage> history = store.conversations().recent("cooking", "bob", "k1", 2);
    assertThat(history.get(0).route()).isNull();
    assertThat(history.get(1).route()).isEqualTo(answer.route());
  }

  @Test
  void aPlainAgentWithARoutePolicyStoresItsRouteToo() {
    Route fixed = new Route("solo", false, Route.Chain.NONE, List.of("fixed by the test"));
    Answer answer;
    try (ElaviraAgent agent =
        ElaviraAgent.builder()
            .store(store)
            .agentId("solo")
            .embeddings(components.embeddings)
            .longTermMemory(LongTermMemory.off())
            .routing((agentId, question) -> fixed)
            .build()) {
      answer = agent.ask("alice", "s1", "hello");
    }
    reopen();

    assertThat(registry.route(answer.traceId())).contains(fixed);
  }

  @Test
  void anUnknownTraceHasNoRoute() {
    assertThat(registry.route("no-such-trace")).isEmpty();
  }
}
