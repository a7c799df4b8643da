package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.cache.ResponseCachePolicy;
import io.elavira.guard.InputRejectedException;
import io.elavira.llm.Attempt;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.LlmException;
import io.elavira.llm.TokenUsage;
import io.elavira.memory.LongTermMemory;
import io.elavira.observe.AnswerEvent;
import io.elavira.observe.CacheEvent;
import io.elavira.observe.ElaviraListener;
import io.elavira.observe.FallbackEvent;
import io.elavira.observe.GuardEvent;
import io.elavira.observe.ProviderAttemptEvent;
import io.elavira.observe.RecordingListener;
import io.elavira.observe.RetrievalEvent;
import io.elavira.observe.RouteEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listeners registered on the builder receive each stage's event, in order, and cannot break it.
 */
class ListenerTest {
  static final String QUESTION = ResponseCacheTest.QUESTION;

  @TempDir Path home;
  final FakeEmbeddingModel embeddings = new FakeEmbeddingModel();
  ElaviraAgent agent;

  @AfterEach
  void close() {
    if (agent != null) {
      agent.close();
    }
  }

  /** Answers as a fallback chain would after its first member failed. */
  static ScriptedLlmProvider.Step answeredAfterFallback(String text) {
    return (request, listener, cancellation) -> {
      listener.onToken(text);
      return ChatResponse.builder(text, "second-model", new TokenUsage(7, 2))
          .attempts(
              List.of(
                  Attempt.failed(
                      "first", "first-model", LlmException.Kind.TIMEOUT, Duration.ofMillis(30)),
                  Attempt.answered("second", "second-model", Duration.ofMillis(5))))
          .build();
    };
  }

  @Test
  void receivesTheEventsOfEachStageInOrder() {
    RecordingListener recorder = new RecordingListener();
    ScriptedLlmProvider llm = new ScriptedLlmProvider().otherwise(answeredAfterFallback("Forty."));
    agent =
        ElaviraAgent.builder()
            .home(home)
            .embeddings(embeddings)
            .longTermMemory(LongTermMemory.off())
            .llm(llm)
            .responseCache(ResponseCachePolicy.builder().providerDefaultTemperature(0).build())
            .listener(recorder)
            .build();
    agent.index(ElaviraAgentTest.TERMS, Docs.chunks(ElaviraAgentTest.TERMS));

    Answer first = agent.ask("alice", "c1", QUESTION);
    List<Object> firstEvents = List.copyOf(recorder.events());
    recorder.events().clear();
    Answer second = agent.ask("alice", "c2", QUESTION);
    List<Object> secondEvents = List.copyOf(recorder.events());
    recorder.events().clear();
    assertThatThrownBy(() -> agent.ask("alice", "c3", " "))
        .isInstanceOf(InputRejectedException.class);

    assertThat(firstEvents)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly(
            "RetrievalEvent",
            "CacheEvent",
            "ProviderAttemptEvent",
            "ProviderAttemptEvent",
            "FallbackEvent",
            "AnswerEvent");
    assertThat(firstEvents).allSatisfy(e -> assertThat(traceOf(e)).isEqualTo(first.traceId()));
    RetrievalEvent retrieval = (RetrievalEvent) firstEvents.get(0);
    assertThat(retrieval.agentId()).isEqualTo("default");
    assertThat(retrieval.passages()).isEqualTo(first.sources().size());
    assertThat(retrieval.elapsed()).isPositive();
    assertThat(((CacheEvent) firstEvents.get(1)).outcome()).isEqualTo(CacheEvent.Outcome.MISS);
    assertThat(((ProviderAttemptEvent) firstEvents.get(2)).attempt().provider()).isEqualTo("first");
    assertThat(((ProviderAttemptEvent) firstEvents.get(3)).index()).isEqualTo(1);
    FallbackEvent fallback = (FallbackEvent) firstEvents.get(4);
    assertThat(fallback.from().kind()).isEqualTo(LlmException.Kind.TIMEOUT);
    assertThat(fallback.from().elapsed()).isEqualTo(Duration.ofMillis(30));
    assertThat(fallback.to().provider()).isEqualTo("second");
    AnswerEvent answered = (AnswerEvent) firstEvents.get(5);
    assertThat(answered.provider()).isEqualTo("second");
    assertThat(answered.cached()).isFalse();
    assertThat(answered.latency()).isEqualTo(first.latency());

    assertThat(secondEvents)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("RetrievalEvent", "CacheEvent", "AnswerEvent");
    CacheEvent hit = (CacheEvent) secondEvents.get(1);
    assertThat(hit.outcome()).isEqualTo(CacheEvent.Outcome.HIT);
    assertThat(hit.provider()).isEqualTo("second");
    assertThat(hit.model()).isEqualTo("second-model");
    assertThat(((AnswerEvent) secondEvents.get(2)).cached()).isTrue();
    assertThat(second.cached()).isTrue();

    assertThat(recorder.events()).hasSize(1);
    GuardEvent guard = (GuardEvent) recorder.events().get(0);
    assertThat(guard.action()).isEqualTo(GuardEvent.Action.BLOCKED);
    assertThat(guard.guard()).isEqualTo("input");
  }

  @Test
  void aGuardRejectionOfAStreamIsAnEventToo() {
    RecordingListener recorder = new RecordingListener();
    agent =
        ElaviraAgent.builder()
            .home(home)
            .embeddings(embeddings)
            .longTermMemory(LongTermMemory.off())
            .listener(recorder)
            .build();

    assertThatThrownBy(() -> agent.stream("alice", "c1", "", token -> {}))
        .isInstanceOf(InputRejectedException.class);

    assertThat(recorder.events()).singleElement().isInstanceOf(GuardEvent.class);
  }

  @Test
  void aThrowingListenerNeverBreaksTheAskAndTheOthersStillHearEverything() {
    RecordingListener recorder = new RecordingListener();
    ElaviraListener throwing =
        new ElaviraListener() {
          @Override
          public void onRetrieval(RetrievalEvent event) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void onProviderAttempt(ProviderAttemptEvent event) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void onAnswer(AnswerEvent event) {
            throw new IllegalStateException("listener bug");
          }
        };
    ScriptedLlmProvider llm = new ScriptedLlmProvider().otherwise(ScriptedLlmProvider.echo());
    agent =
        ElaviraAgent.builder()
            .home(home)
            .embeddings(embeddings)
            .longTermMemory(LongTermMemory.off())
            .llm(llm)
            .listener(throwing)
            .listener(recorder)
            .build();
    agent.index(ElaviraAgentTest.TERMS, Docs.chunks(ElaviraAgentTest.TERMS));

    Answer first = agent.ask("alice", "c1", QUESTION);
    Answer second = agent.ask("alice", "c2", QUESTION);

    assertThat(first.mode()).isEqualTo(AnswerMode.GENERATED);
    assertThat(second.mode()).isEqualTo(AnswerMode.GENERATED);
    assertThat(agent.history("c2", 10)).hasSize(2);
    // No response cache configured: no cache event.
    assertThat(recorder.events())
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly(
            "RetrievalEvent",
            "ProviderAttemptEvent",
            "AnswerEvent",
            "RetrievalEvent",
            "ProviderAttemptEvent",
            "AnswerEvent");
  }

  @Test
  void aRecalledPastConversationMakesTheCacheEntryTheUsers() {
    RecordingListener recorder = new RecordingListener();
    agent =
        ElaviraAgent.builder()
            .home(home)
            .embeddings(embeddings)
            .llm(new ScriptedLlmProvider().otherwise(ScriptedLlmProvider.echo()))
            .responseCache(ResponseCachePolicy.builder().providerDefaultTemperature(0).build())
            .listener(recorder)
            .build(); // long-term memory on: the second ask recalls the first exchange
    agent.index(ElaviraAgentTest.TERMS, Docs.chunks(ElaviraAgentTest.TERMS));

    agent.ask("alice", "c1", QUESTION);
    Answer again = agent.ask("alice", "c2", QUESTION);

    List<CacheEvent> cache =
        recorder.events().stream()
            .filter(CacheEvent.class::isInstance)
            .map(CacheEvent.class::cast)
            .toList();
    assertThat(cache).extracting(CacheEvent::userScoped).containsExactly(false, true);
    assertThat(again.cached()).isFalse();
  }

  @Test
  void aSampledRequestSkipsTheCacheAndSaysSo() {
    RecordingListener recorder = new RecordingListener();
    agent =
        ElaviraAgent.builder()
            .home(home)
            .embeddings(embeddings)
            .longTermMemory(LongTermMemory.off())
            .llm(new ScriptedLlmProvider())
            .responseCache(ResponseCachePolicy.defaults())
            .listener(recorder)
            .build();

    agent.ask("alice", "c1", QUESTION);

    assertThat(recorder.events())
        .filteredOn(CacheEvent.class::isInstance)
        .singleElement()
        .extracting(e -> ((CacheEvent) e).outcome())
        .isEqualTo(CacheEvent.Outcome.SKIPPED_SAMPLED);
  }

  @Test
  void toldWhichRouteWasTakenAndWhyBeforeRetrievalOrSkippingIt() {
    RecordingListener recorder = new RecordingListener();
    agent =
        ElaviraAgent.builder()
            .home(home)
            .embeddings(embeddings)
            .longTermMemory(LongTermMemory.off())
            .routing(
                (agentId, question) ->
                    new io.elavira.agent.Route(
                        agentId,
                        !question.startsWith("Hello"),
                        io.elavira.agent.Route.Chain.LOCAL,
                        List.of(question.startsWith("Hello") ? "small talk" : "needs documents")))
            .listener(recorder)
            .build();
    agent.index(ElaviraAgentTest.TERMS, Docs.chunks(ElaviraAgentTest.TERMS));

    Answer question = agent.ask("alice", "c1", QUESTION);
    List<Object> questionEvents = List.copyOf(recorder.events());
    recorder.events().clear();
    agent.ask("alice", "c2", "Hello there");

    assertThat(questionEvents)
        .extracting(e -> e.getClass().getSimpleName())
        .startsWith("RouteEvent", "RetrievalEvent");
    RouteEvent route = (RouteEvent) questionEvents.get(0);
    assertThat(route.traceId()).isEqualTo(question.traceId());
    assertThat(route.route()).isEqualTo("local+retrieval");
    assertThat(route.reason()).isEqualTo("needs documents");
    assertThat(recorder.events())
        .extracting(e -> e.getClass().getSimpleName())
        .contains("RouteEvent")
        .doesNotContain("RetrievalEvent");
    assertThat(((RouteEvent) recorder.events().get(0)).route()).isEqualTo("local");
  }

  private static String traceOf(Object event) {
    if (event instanceof RetrievalEvent e) {
      return e.traceId();
    } else if (event instanceof CacheEvent e) {
      return e.traceId();
    } else if (event instanceof ProviderAttemptEvent e) {
      return e.traceId();
    } else if (event instanceof FallbackEvent e) {
      return e.traceId();
    } else if (event instanceof AnswerEvent e) {
      return e.traceId();
    }
    throw new AssertionError("unexpected event " + event);
  }
}
